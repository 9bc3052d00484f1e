/**
 * Primal objectives of the smooth (squared) linear-SVM losses, for L-BFGS: what LIBLINEAR's primal
 * solvers minimise, ½‖w‖² + Σ Cᵢ·lossᵢ with the intercept as a penalised constant feature `bias`.
 * Scaled by 1/(C·Σcᵢ) for conditioning; parameters are `[w (p), w_bias]`, X column-major.
 */
import { timesVector, transposeTimesVector } from "./dense-kernels.js";
import type { Objective } from "./lbfgs.js";

/** Which squared loss. */
export type SquaredLoss = "squared_hinge" | "squared_epsilon_insensitive";

/**
 * `y` is ±1 for squared_hinge, the target for squared_epsilon_insensitive; `c` per-row weights (they
 * multiply C); `regularisation` = 1/(C·Σc) and the losses are divided by Σc.
 */
export function squaredSvmObjective(
  data: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  c: Float64Array,
  bias: number,
  regularisation: number,
  loss: SquaredLoss,
  epsilon: number,
): Objective {
  let total = 0;
  for (let i = 0; i < n; i++) total += c[i] as number;
  const cn = new Float64Array(n);
  for (let i = 0; i < n; i++) cn[i] = (c[i] as number) / total;
  const d = new Float64Array(n);
  const hinge = loss === "squared_hinge";
  return (x, grad) => {
    timesVector(data, n, p, x, 0, bias * (x[p] as number), d, 0);
    let value = 0;
    let rSum = 0;
    for (let i = 0; i < n; i++) {
      const ci = cn[i] as number;
      const yi = y[i] as number;
      const di = d[i] as number;
      let r = 0;
      if (hinge) {
        const m = 1 - yi * di;
        if (m > 0 && ci > 0) {
          value += ci * m * m;
          r = -2 * ci * yi * m;
        }
      } else {
        const diff = di - yi;
        const e = Math.abs(diff) - epsilon;
        if (e > 0 && ci > 0) {
          value += ci * e * e;
          r = 2 * ci * e * Math.sign(diff);
        }
      }
      d[i] = r;
      rSum += r;
    }
    let norm2 = 0;
    for (let j = 0; j <= p; j++) norm2 += (x[j] as number) ** 2;
    transposeTimesVector(data, n, p, d, 0, grad, 0);
    for (let j = 0; j < p; j++) grad[j] = (grad[j] as number) + regularisation * (x[j] as number);
    grad[p] = bias * rSum + regularisation * (x[p] as number);
    return value + 0.5 * regularisation * norm2;
  };
}
