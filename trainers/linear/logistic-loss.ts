/**
 * Logistic losses with gradients for L-BFGS, over column-major X. Parameters are laid out as
 * `[coef (K × p row-major), intercept (K)]`; weights `sw` are pre-normalised (they sum to 1), so the
 * objective is a weighted mean loss plus ½·l2·‖coef‖².
 */
import { timesVector, transposeTimesVector } from "./dense-kernels.js";
import type { Objective } from "./lbfgs.js";

/** Writes the gradient `Σᵢ r[k·n+i]·(xᵢ, 1)` of every output row into `grad`. */
function backprop(
  data: Float64Array,
  n: number,
  p: number,
  r: Float64Array,
  nOut: number,
  grad: Float64Array,
): void {
  for (let k = 0; k < nOut; k++) {
    const rb = k * n;
    let sb = 0;
    for (let i = 0; i < n; i++) sb += r[rb + i] as number;
    grad[nOut * p + k] = sb;
    transposeTimesVector(data, n, p, r, rb, grad, k * p);
  }
}

/** Decision values `d[k·n+i]` for the parameter vector `x`. */
function forward(
  data: Float64Array,
  n: number,
  p: number,
  x: Float64Array,
  nOut: number,
  d: Float64Array,
): void {
  for (let k = 0; k < nOut; k++) timesVector(data, n, p, x, k * p, x[nOut * p + k] as number, d, k * n);
}

function addL2(x: Float64Array, grad: Float64Array, nCoef: number, l2: number): number {
  if (l2 === 0) return 0;
  let s = 0;
  for (let j = 0; j < nCoef; j++) {
    const v = x[j] as number;
    s += v * v;
    grad[j] = (grad[j] as number) + l2 * v;
  }
  return 0.5 * l2 * s;
}

/**
 * Binary logistic loss: `t[i]` is 1 for the positive class, else 0. With `fitIntercept` false the
 * intercept's gradient is held at 0 so it stays where it starts (0).
 */
export function binaryLogistic(
  data: Float64Array,
  n: number,
  p: number,
  t: Float64Array,
  sw: Float64Array,
  l2: number,
  fitIntercept: boolean,
): Objective {
  const d = new Float64Array(n);
  const r = new Float64Array(n);
  return (x, grad) => {
    forward(data, n, p, x, 1, d);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = sw[i] as number;
      if (w === 0) {
        r[i] = 0;
        continue;
      }
      const z = d[i] as number;
      const ti = t[i] as number;
      // One exp serves both the stable softplus log(1 + eᶻ) and the sigmoid.
      const e = Math.exp(-Math.abs(z));
      loss += w * (Math.max(z, 0) + Math.log1p(e) - ti * z);
      r[i] = w * ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - ti);
    }
    backprop(data, n, p, r, 1, grad);
    if (!fitIntercept) grad[p] = 0;
    return loss + addL2(x, grad, p, l2);
  };
}

/** Multinomial (softmax) loss over K outputs: `label[i]` in 0..K−1 (rows of weight 0 are skipped). */
export function multinomialLogistic(
  data: Float64Array,
  n: number,
  p: number,
  label: Int32Array,
  nOut: number,
  sw: Float64Array,
  l2: number,
  fitIntercept: boolean,
): Objective {
  const d = new Float64Array(nOut * n);
  const r = new Float64Array(nOut * n);
  return (x, grad) => {
    forward(data, n, p, x, nOut, d);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = sw[i] as number;
      if (w === 0) {
        for (let k = 0; k < nOut; k++) r[k * n + i] = 0;
        continue;
      }
      let max = -Infinity;
      for (let k = 0; k < nOut; k++) max = Math.max(max, d[k * n + i] as number);
      let sum = 0;
      for (let k = 0; k < nOut; k++) {
        const e = Math.exp((d[k * n + i] as number) - max);
        r[k * n + i] = e;
        sum += e;
      }
      const yi = label[i] as number;
      loss += w * (max + Math.log(sum) - (d[yi * n + i] as number));
      for (let k = 0; k < nOut; k++) r[k * n + i] = (w * (r[k * n + i] as number)) / sum;
      r[yi * n + i] = (r[yi * n + i] as number) - w;
    }
    backprop(data, n, p, r, nOut, grad);
    if (!fitIntercept) for (let k = 0; k < nOut; k++) grad[nOut * p + k] = 0;
    return loss + addL2(x, grad, nOut * p, l2);
  };
}
