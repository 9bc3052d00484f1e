/** Log loss (cross-entropy) of class probabilities, clipped and renormalised as scikit-learn 1.2. */
import { probaClassCount, requireCodesBelow, requireRows } from "./validate.js";

/**
 * Clipping bound of scikit-learn 1.2's default `eps="auto"`: the float64 machine epsilon
 * (2.22e-16). Versions before 1.2 used 1e-15; the fixtures pin 1.2.1's value.
 */
export const LOG_LOSS_EPS = 2 ** -52;

/**
 * Mean negative log-likelihood of the true class, in nats, ≥ 0 (lower is better).
 * `yTrue`: class codes 0..K-1, length n; `proba`: row-major n×K probabilities.
 *
 * As scikit-learn 1.2's `log_loss`: each probability is clipped to [eps, 1 − eps] with
 * eps = {@link LOG_LOSS_EPS}, then each row is divided by its clipped sum, so a confident wrong 0
 * costs −log(eps) ≈ 36.04 rather than infinity, and rows that do not sum to 1 are renormalised.
 */
export function logLoss(yTrue: Int32Array, proba: Float64Array): number {
  const n = yTrue.length;
  requireRows("log_loss", "yTrue", n);
  const k = probaClassCount("proba", proba, n);
  requireCodesBelow("yTrue", yTrue, k, "proba");
  const hi = 1 - LOG_LOSS_EPS;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(proba[base + c]!, hi);
    total -= Math.log(clip(proba[base + yTrue[i]!]!, hi) / rowSum);
  }
  return total / n;
}

function clip(p: number, hi: number): number {
  return Math.max(LOG_LOSS_EPS, Math.min(hi, p));
}
