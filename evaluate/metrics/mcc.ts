/** Matthews correlation coefficient, multiclass (Gorodkin's R_K), as scikit-learn computes it. */
import { classCounts } from "./class-counts.js";

/**
 * MCC over class codes 0..K-1, in [-1, 1]: (c·s − Σ p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) with
 * c correct rows, s rows, t_k / p_k the true / predicted counts of class k. For two classes it is
 * the usual binary MCC. Returns 0 when either side is constant (the denominator is 0), as
 * scikit-learn does.
 */
export function matthewsCorrcoef(yTrue: Int32Array, yPred: Int32Array): number {
  const { n, nClasses, tp, trueSum, predSum } = classCounts(yTrue, yPred, "mcc");
  let correct = 0;
  let tDotP = 0;
  let pDotP = 0;
  let tDotT = 0;
  for (let c = 0; c < nClasses; c++) {
    const t = trueSum[c]!;
    const p = predSum[c]!;
    correct += tp[c]!;
    tDotP += t * p;
    pDotP += p * p;
    tDotT += t * t;
  }
  const covTP = correct * n - tDotP;
  const covPP = n * n - pDotP;
  const covTT = n * n - tDotT;
  if (covPP * covTT === 0) return 0;
  return covTP / Math.sqrt(covTT * covPP);
}
