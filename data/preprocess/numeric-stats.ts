/** Small statistics kernels over typed arrays; every one ignores NaN and ±Infinity. */

/** The finite values, sorted ascending (a new array). */
export function sortedFinite(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[k++] = v;
  }
  return out.sort();
}

/** Quantile `q` in [0, 1] of sorted values with linear interpolation (numpy's default); NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Mean and population standard deviation (two passes); NaN when there is no finite value. */
export function meanStd(values: Float64Array): { mean: number; std: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  if (count === 0) return { mean: Number.NaN, std: Number.NaN, count };
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  return { mean, std: Math.sqrt(ss / count), count };
}

/** Most frequent value of sorted values, the smallest on ties; NaN when empty. */
export function modeSorted(sorted: Float64Array): number {
  let best = Number.NaN;
  let bestRun = 0;
  let i = 0;
  while (i < sorted.length) {
    const v = sorted[i] as number;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === v) j++;
    if (j - i > bestRun) {
      bestRun = j - i;
      best = v;
    }
    i = j;
  }
  return best;
}

/** Minimum and maximum of the finite values (NaN when there is none). */
export function minMax(values: Float64Array): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min > max ? { min: Number.NaN, max: Number.NaN } : { min, max };
}

/**
 * Rows grouped by class (a stable counting sort of `rows`, default 0..n-1): class k owns
 * `order[start[k] .. start[k + 1])`. `y` holds class indices 0..nClasses-1.
 */
export function rowsByClass(
  y: Float64Array,
  nClasses: number,
  rows?: Int32Array,
): { order: Int32Array; start: Int32Array } {
  const n = y.length;
  const start = new Int32Array(nClasses + 1);
  for (let i = 0; i < n; i++) start[(y[i] as number) + 1] = (start[(y[i] as number) + 1] as number) + 1;
  for (let k = 0; k < nClasses; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const next = start.slice(0, nClasses);
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = rows === undefined ? p : (rows[p] as number);
    const k = y[i] as number;
    order[next[k] as number] = i;
    next[k] = (next[k] as number) + 1;
  }
  return { order, start };
}

/** 0, 1, …, n-1. */
export function identityRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
