/** ROC AUC: binary from positive-class scores, multiclass one-vs-rest from a probability matrix. */
import { AlchemistError } from "../../core/errors.js";
import {
  probaClassCount,
  requireClassCode,
  requireCodesBelow,
  requireFinite,
  requireRows,
  requireSameLength,
} from "./validate.js";

/**
 * Area under the ROC curve of `scores` for `positiveClass` (default 1) against all other codes,
 * in [0, 1]. `yTrue`: class codes, length n; `scores`: any finite reals, higher meaning more
 * positive (probabilities, decision values, anomaly scores), length n.
 *
 * Tied scores are one threshold, so a tie between a positive and a negative counts one half:
 * exactly scikit-learn's `roc_auc_score` (trapezoids over distinct thresholds), computed in integer
 * counts so the only rounding is the final division. Throws INVALID_ARGUMENT when `yTrue` holds
 * only positives or only negatives (AUC is undefined), as scikit-learn does.
 */
export function rocAuc(yTrue: Int32Array, scores: Float64Array, positiveClass = 1): number {
  requireSameLength("yTrue", yTrue, "scores", scores);
  requireRows("roc_auc", "yTrue", yTrue.length);
  requireClassCode("positiveClass", positiveClass);
  requireFinite("scores", scores);
  return binaryAuc(yTrue, positiveClass, scores, 1, 0, new Float64Array(yTrue.length), "roc_auc");
}

/** How one-vs-rest AUCs combine: plain mean, or weighted by each class's count in `yTrue`. */
export type OvrAverage = "macro" | "weighted";

/**
 * Multiclass ROC AUC, one-vs-rest, in [0, 1]: the AUC of column k of `proba` for class k against
 * the rest, averaged over the K columns (scikit-learn's `roc_auc_score(multi_class="ovr")`, with
 * `average` "macro" or "weighted" by support). `yTrue`: class codes 0..K-1, length n; `proba`:
 * row-major n×K. Every class must occur in `yTrue` and not be the only one, else AUC is undefined
 * (INVALID_ARGUMENT). Unlike scikit-learn, rows are not required to sum to 1: OvR never uses it.
 */
export function rocAucOvr(yTrue: Int32Array, proba: Float64Array, average: OvrAverage = "macro"): number {
  const n = yTrue.length;
  requireRows("roc_auc_ovr", "yTrue", n);
  const k = probaClassCount("proba", proba, n);
  requireCodesBelow("yTrue", yTrue, k, "proba");
  const support = new Float64Array(k);
  for (let i = 0; i < n; i++) support[yTrue[i]!]!++;
  const scratch = new Float64Array(n);
  let sum = 0;
  let weightSum = 0;
  for (let c = 0; c < k; c++) {
    const w = average === "macro" ? 1 : support[c]!;
    sum += w * binaryAuc(yTrue, c, proba, k, c, scratch, "roc_auc_ovr");
    weightSum += w;
  }
  return sum / weightSum;
}

/**
 * AUC of `scores[i * stride + offset]` for rows with `yTrue[i] === positive`. `scratch` has
 * length n (reused across OvR columns so K columns allocate once).
 */
function binaryAuc(
  yTrue: Int32Array,
  positive: number,
  scores: Float64Array,
  stride: number,
  offset: number,
  scratch: Float64Array,
  metric: string,
): number {
  const n = yTrue.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === positive) positives++;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${metric} is undefined when yTrue has ${positives === 0 ? "no" : "only"} rows of class ${positive}: ` +
        "it needs both positives and negatives",
      { parameter: "yTrue", positiveClass: positive, positives, negatives },
    );
  }
  // Positives' scores at the front of the scratch, negatives' behind, each sorted natively (no
  // comparator: this runs inside ensemble selection thousands of times). For each positive, the
  // negatives below it count 1 and the tied ones 1/2: the Mann–Whitney form of the trapezoid AUC,
  // kept doubled in exact integers.
  let p = 0;
  let q = positives;
  for (let r = 0; r < n; r++) {
    const v = scores[r * stride + offset]!;
    if (yTrue[r] === positive) scratch[p++] = v;
    else scratch[q++] = v;
  }
  const pos = scratch.subarray(0, positives).sort();
  const neg = scratch.subarray(positives, n).sort();
  let doubledArea = 0;
  let below = 0;
  let j = 0;
  for (let a = 0; a < positives; a++) {
    const v = pos[a]!;
    while (j < negatives && neg[j]! < v) {
      j++;
      below++;
    }
    let tied = 0;
    while (j + tied < negatives && neg[j + tied] === v) tied++;
    doubledArea += 2 * below + tied;
  }
  return doubledArea / (2 * positives * negatives);
}
