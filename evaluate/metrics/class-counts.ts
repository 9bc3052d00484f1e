/** Per-class counts (the confusion matrix's diagonal and margins) behind every label metric. */
import { classCodeCount, requireRows, requireSameLength } from "./validate.js";

/**
 * Sufficient statistics of a confusion matrix for accuracy, balanced accuracy, precision, recall,
 * F1 and MCC. Vectors have length `nClasses` = max code over both arrays + 1; a class code that
 * appears in neither array has all-zero counts and is skipped by the averages.
 */
export interface ClassCounts {
  /** Number of rows n. */
  readonly n: number;
  /** K: the largest class code in `yTrue` or `yPred`, plus one. */
  readonly nClasses: number;
  /** Per class: rows with true class c predicted as c. */
  readonly tp: Float64Array;
  /** Per class: rows whose true class is c (the support). */
  readonly trueSum: Float64Array;
  /** Per class: rows predicted as class c. */
  readonly predSum: Float64Array;
}

/**
 * Counts per class over true and predicted class codes (`Int32Array`, codes 0..K-1).
 * `metric` names the caller in NOT_ENOUGH_ROWS messages. Throws LENGTH_MISMATCH, NOT_ENOUGH_ROWS
 * (empty) or INVALID_ARGUMENT (negative code).
 */
export function classCounts(yTrue: Int32Array, yPred: Int32Array, metric = "class counts"): ClassCounts {
  requireSameLength("yTrue", yTrue, "yPred", yPred);
  const n = yTrue.length;
  requireRows(metric, "yTrue", n);
  const k = Math.max(classCodeCount("yTrue", yTrue), classCodeCount("yPred", yPred));
  const tp = new Float64Array(k);
  const trueSum = new Float64Array(k);
  const predSum = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    trueSum[t]!++;
    predSum[p]!++;
    if (t === p) tp[t]!++;
  }
  return { n, nClasses: k, tp, trueSum, predSum };
}
