/** Point-forecast errors over real values: RMSE, MAE, R², MAPE, sMAPE. */
import { requireFinite, requireRows, requireSameLength } from "./validate.js";

/** Float64 machine epsilon: scikit-learn's floor on |y| in MAPE's denominator. */
const EPS = 2 ** -52;

function checkPair(metric: string, yTrue: Float64Array, yPred: Float64Array, minRows = 1): number {
  requireSameLength("yTrue", yTrue, "yPred", yPred);
  requireRows(metric, "yTrue", yTrue.length, minRows);
  requireFinite("yTrue", yTrue);
  requireFinite("yPred", yPred);
  return yTrue.length;
}

/** Root mean squared error √(mean (y − ŷ)²), in the target's units, ≥ 0. */
export function rmse(yTrue: Float64Array, yPred: Float64Array): number {
  const n = checkPair("rmse", yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i]! - yPred[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}

/** Mean absolute error mean |y − ŷ|, in the target's units, ≥ 0. */
export function mae(yTrue: Float64Array, yPred: Float64Array): number {
  const n = checkPair("mae", yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(yTrue[i]! - yPred[i]!);
  return sum / n;
}

/**
 * Coefficient of determination 1 − Σ(y − ŷ)² / Σ(y − ȳ)², at most 1 (unbounded below), as
 * scikit-learn's `r2_score` with `force_finite=True`: a constant `yTrue` gives 1 for perfect
 * predictions and 0 otherwise instead of NaN/−∞. Needs n ≥ 2 (NOT_ENOUGH_ROWS), where scikit-learn
 * warns and returns NaN.
 */
export function r2(yTrue: Float64Array, yPred: Float64Array): number {
  const n = checkPair("r2", yTrue, yPred, 2);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    const d = y - yPred[i]!;
    const t = y - mean;
    residual += d * d;
    total += t * t;
  }
  if (residual === 0) return 1;
  if (total === 0) return 0;
  return 1 - residual / total;
}

/**
 * Mean absolute percentage error mean |y − ŷ| / max(|y|, ε) as a fraction (0.1 = 10 %), ≥ 0;
 * scikit-learn's `mean_absolute_percentage_error`. ε is the float64 epsilon, so a zero target with
 * a non-zero error yields a huge but finite value: use sMAPE or MASE when targets reach zero.
 */
export function mape(yTrue: Float64Array, yPred: Float64Array): number {
  const n = checkPair("mape", yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    sum += Math.abs(yPred[i]! - y) / Math.max(Math.abs(y), EPS);
  }
  return sum / n;
}

/**
 * Symmetric MAPE, mean of 2|y − ŷ| / (|y| + |ŷ|), as a fraction in [0, 2] (not the 0–200 percent
 * scale some tools print); a row where y and ŷ are both 0 contributes 0. Matches the numpy
 * definition used by the fixtures and the benchmark peers (divided by 100).
 */
export function smape(yTrue: Float64Array, yPred: Float64Array): number {
  const n = checkPair("smape", yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    const p = yPred[i]!;
    const den = Math.abs(y) + Math.abs(p);
    if (den !== 0) sum += (2 * Math.abs(y - p)) / den;
  }
  return sum / n;
}
