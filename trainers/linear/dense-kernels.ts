/**
 * Matrix–vector products over a column-major `n × p` Float64Array, unrolled four columns at a time
 * (about twice as fast in V8 as one column per pass; the summation order per entry stays sequential).
 */

/** `out[o + i] = start + Σⱼ coef[c + j]·X[i, j]` for every row i. */
export function timesVector(
  data: Float64Array,
  n: number,
  p: number,
  coef: Float64Array,
  c: number,
  start: number,
  out: Float64Array,
  o: number,
): void {
  out.fill(start, o, o + n);
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const c0 = coef[c + j] as number;
    const c1 = coef[c + j + 1] as number;
    const c2 = coef[c + j + 2] as number;
    const c3 = coef[c + j + 3] as number;
    if (c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) continue;
    const b0 = j * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let i = 0; i < n; i++) {
      out[o + i] =
        (out[o + i] as number) +
        c0 * (data[b0 + i] as number) +
        c1 * (data[b1 + i] as number) +
        c2 * (data[b2 + i] as number) +
        c3 * (data[b3 + i] as number);
    }
  }
  for (; j < p; j++) {
    const cj = coef[c + j] as number;
    if (cj === 0) continue;
    const b = j * n;
    for (let i = 0; i < n; i++) out[o + i] = (out[o + i] as number) + cj * (data[b + i] as number);
  }
}

/** `out[o + j] = Σᵢ r[s + i]·X[i, j]` for every column j (Xᵀr). */
export function transposeTimesVector(
  data: Float64Array,
  n: number,
  p: number,
  r: Float64Array,
  s: number,
  out: Float64Array,
  o: number,
): void {
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const b0 = j * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const ri = r[s + i] as number;
      s0 += ri * (data[b0 + i] as number);
      s1 += ri * (data[b1 + i] as number);
      s2 += ri * (data[b2 + i] as number);
      s3 += ri * (data[b3 + i] as number);
    }
    out[o + j] = s0;
    out[o + j + 1] = s1;
    out[o + j + 2] = s2;
    out[o + j + 3] = s3;
  }
  for (; j < p; j++) {
    const b = j * n;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += (r[s + i] as number) * (data[b + i] as number);
    out[o + j] = acc;
  }
}
