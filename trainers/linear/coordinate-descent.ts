/**
 * Elastic-net coordinate descent as scikit-learn's `_cd_fast` does it: cyclic coordinates, stopping on
 * the duality gap, minimising ½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖² (scikit-learn's alpha·n·ρ and alpha·n·(1−ρ)).
 */

/** Result of a coordinate-descent run. */
export interface CdResult {
  readonly coef: Float64Array;
  readonly iterations: number;
  readonly gap: number;
  readonly converged: boolean;
}

function softThreshold(v: number, t: number): number {
  return v > t ? v - t : v < -t ? v + t : 0;
}

/** Duality gap from the quantities both variants track (`xta = Xᵀ(y − Xw)`). */
function dualityGap(
  xta: Float64Array,
  w: Float64Array,
  l1: number,
  l2: number,
  rNorm2: number,
  rDotY: number,
): number {
  let dual = 0;
  let l1Norm = 0;
  let wNorm2 = 0;
  for (let j = 0; j < w.length; j++) {
    const wj = w[j] as number;
    dual = Math.max(dual, Math.abs((xta[j] as number) - l2 * wj));
    l1Norm += Math.abs(wj);
    wNorm2 += wj * wj;
  }
  let c = 1;
  let gap = rNorm2;
  if (dual > l1) {
    c = l1 / dual;
    gap = 0.5 * (rNorm2 + rNorm2 * c * c);
  }
  return gap + l1 * l1Norm - c * rDotY + 0.5 * l2 * (1 + c * c) * wNorm2;
}

/**
 * On the residual (cost O(n·p) per sweep): for wide data. `x` column-major `n × p` (already centred
 * and weighted), `y` of length n.
 */
export function cdResidual(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  l1: number,
  l2: number,
  maxIter: number,
  tol: number,
): CdResult {
  const w = new Float64Array(p);
  const r = Float64Array.from(y);
  const colNorm2 = new Float64Array(p);
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) yNorm2 += (y[i] as number) ** 2;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[j * n + i] as number) ** 2;
    colNorm2[j] = s;
  }
  const gapTol = tol * yNorm2;
  const xta = new Float64Array(p);
  let gap = Infinity;
  let iter = 0;
  while (iter < maxIter) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const cn = colNorm2[j] as number;
      if (cn === 0) continue;
      const base = j * n;
      const old = w[j] as number;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (x[base + i] as number) * (r[i] as number);
      const tmp = dot + old * cn;
      const wj = softThreshold(tmp, l1) / (cn + l2);
      const d = wj - old;
      if (d !== 0) {
        w[j] = wj;
        for (let i = 0; i < n; i++) r[i] = (r[i] as number) - d * (x[base + i] as number);
      }
      dwMax = Math.max(dwMax, Math.abs(d));
      wMax = Math.max(wMax, Math.abs(wj));
    }
    iter++;
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter) {
      let rNorm2 = 0;
      let rDotY = 0;
      for (let i = 0; i < n; i++) {
        rNorm2 += (r[i] as number) ** 2;
        rDotY += (r[i] as number) * (y[i] as number);
      }
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (x[j * n + i] as number) * (r[i] as number);
        xta[j] = s;
      }
      gap = dualityGap(xta, w, l1, l2, rNorm2, rDotY);
      if (gap <= gapTol) return { coef: w, iterations: iter, gap, converged: true };
    }
  }
  return { coef: w, iterations: iter, gap, converged: false };
}

/**
 * On the Gram matrix (cost O(p²) per sweep after one O(n·p²) product): for tall data. `q = XᵀX`
 * (`p × p` row-major), `xty = Xᵀy`, `yNorm2 = yᵀy`.
 */
export function cdGram(
  q: Float64Array,
  xty: Float64Array,
  yNorm2: number,
  p: number,
  l1: number,
  l2: number,
  maxIter: number,
  tol: number,
): CdResult {
  const w = new Float64Array(p);
  const h = new Float64Array(p); // XᵀX w
  const xta = new Float64Array(p);
  const gapTol = tol * yNorm2;
  let gap = Infinity;
  let iter = 0;
  while (iter < maxIter) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const qjj = q[j * p + j] as number;
      if (qjj === 0) continue;
      const old = w[j] as number;
      const tmp = (xty[j] as number) - (h[j] as number) + qjj * old;
      const wj = softThreshold(tmp, l1) / (qjj + l2);
      const d = wj - old;
      if (d !== 0) {
        w[j] = wj;
        const row = j * p;
        for (let k = 0; k < p; k++) h[k] = (h[k] as number) + d * (q[row + k] as number);
      }
      dwMax = Math.max(dwMax, Math.abs(d));
      wMax = Math.max(wMax, Math.abs(wj));
    }
    iter++;
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter) {
      let qDotW = 0;
      let wHw = 0;
      for (let j = 0; j < p; j++) {
        qDotW += (w[j] as number) * (xty[j] as number);
        wHw += (w[j] as number) * (h[j] as number);
        xta[j] = (xty[j] as number) - (h[j] as number);
      }
      const rNorm2 = Math.max(0, yNorm2 + wHw - 2 * qDotW);
      gap = dualityGap(xta, w, l1, l2, rNorm2, yNorm2 - qDotW);
      if (gap <= gapTol) return { coef: w, iterations: iter, gap, converged: true };
    }
  }
  return { coef: w, iterations: iter, gap, converged: false };
}
