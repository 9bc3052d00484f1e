/** Brier score of binary probabilities. */
import { requireClassCode, requireRows, requireSameLength, requireUnitInterval } from "./validate.js";

/**
 * Mean squared difference between the probability of `positiveClass` (default 1) and the outcome
 * (1 when `yTrue[i] === positiveClass`, else 0), in [0, 1], lower is better; scikit-learn's
 * `brier_score_loss`. `probPositive`: length n, each in [0, 1] (else INVALID_ARGUMENT).
 */
export function brierScore(yTrue: Int32Array, probPositive: Float64Array, positiveClass = 1): number {
  requireSameLength("yTrue", yTrue, "probPositive", probPositive);
  const n = yTrue.length;
  requireRows("brier", "yTrue", n);
  requireClassCode("positiveClass", positiveClass);
  requireUnitInterval("probPositive", probPositive);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (yTrue[i] === positiveClass ? 1 : 0) - probPositive[i]!;
    sum += d * d;
  }
  return sum / n;
}
