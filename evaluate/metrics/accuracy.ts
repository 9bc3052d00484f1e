/** Accuracy and balanced accuracy over class codes. */
import { classCounts } from "./class-counts.js";

/**
 * Fraction of rows where the predicted class code equals the true one, in [0, 1].
 * `yTrue`, `yPred`: class codes 0..K-1, same length n ≥ 1.
 */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  const { n, tp } = classCounts(yTrue, yPred, "accuracy");
  let correct = 0;
  for (let c = 0; c < tp.length; c++) correct += tp[c]!;
  return correct / n;
}

/**
 * Mean per-class recall over the classes present in `yTrue`, in [0, 1] (scikit-learn's
 * `balanced_accuracy_score`, not adjusted). Classes that appear only in `yPred` have no recall and
 * are left out of the mean, as scikit-learn does.
 */
export function balancedAccuracy(yTrue: Int32Array, yPred: Int32Array): number {
  const { tp, trueSum } = classCounts(yTrue, yPred, "balanced_accuracy");
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < tp.length; c++) {
    const support = trueSum[c]!;
    if (support === 0) continue;
    sum += tp[c]! / support;
    classes++;
  }
  return sum / classes;
}
