/** Precision, recall and F1 over class codes: binary (one positive class), macro and weighted. */
import { type ClassCounts, classCounts } from "./class-counts.js";
import { requireClassCode } from "./validate.js";

/**
 * How per-class scores combine, as scikit-learn's `average`:
 * - `binary`: the score of `positiveClass` alone, that class against all others (scikit-learn
 *   requires exactly two classes here; any number is accepted);
 * - `macro`: unweighted mean over the classes present in `yTrue` or `yPred` (scikit-learn's default
 *   labels); a class absent from both does not count;
 * - `weighted`: mean weighted by each class's support (its count in `yTrue`).
 */
export type PrfAverage = "binary" | "macro" | "weighted";

export interface PrfOptions {
  /** Default `binary`. */
  average?: PrfAverage;
  /** Class code scored by `binary`; default 1. */
  positiveClass?: number;
}

/** Precision, recall and F1, each in [0, 1]. */
export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn) and F1 = 2PR/(P+R) over class codes 0..K-1.
 *
 * Zero division follows scikit-learn's default (`zero_division="warn"`, which yields 0, without
 * the warning): precision is 0 for a class never predicted, recall is 0 for a class never true, and
 * F1 is 0 when P + R = 0. This matches scikit-learn 1.2 exactly, F1 included.
 */
export function precisionRecallF1(yTrue: Int32Array, yPred: Int32Array, options: PrfOptions = {}): PrfScores {
  const average = options.average ?? "binary";
  const counts = classCounts(
    yTrue,
    yPred,
    average === "binary" ? "precision/recall/f1" : `${average} precision/recall/f1`,
  );
  if (average === "binary") {
    const positive = options.positiveClass ?? 1;
    requireClassCode("positiveClass", positive);
    return classScores(counts, positive);
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  let weightSum = 0;
  for (let c = 0; c < counts.nClasses; c++) {
    const support = counts.trueSum[c]!;
    if (support === 0 && counts.predSum[c]! === 0) continue;
    const w = average === "macro" ? 1 : support;
    const s = classScores(counts, c);
    precision += w * s.precision;
    recall += w * s.recall;
    f1 += w * s.f1;
    weightSum += w;
  }
  // weightSum > 0: n ≥ 1 rows give at least one class with support.
  return { precision: precision / weightSum, recall: recall / weightSum, f1: f1 / weightSum };
}

function classScores(counts: ClassCounts, c: number): PrfScores {
  // A positive class code above every code seen has all-zero counts.
  const tp = counts.tp[c] ?? 0;
  const predicted = counts.predSum[c] ?? 0;
  const actual = counts.trueSum[c] ?? 0;
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = actual === 0 ? 0 : tp / actual;
  const denom = precision + recall;
  // Same operation order as scikit-learn, (1 + β²)·P·R / (β²·P + R) with β = 1, for identical bits.
  const f1 = denom === 0 ? 0 : (2 * precision * recall) / denom;
  return { precision, recall, f1 };
}

/** Precision in [0, 1]; see {@link precisionRecallF1} for averaging and zero division. */
export function precision(yTrue: Int32Array, yPred: Int32Array, options: PrfOptions = {}): number {
  return precisionRecallF1(yTrue, yPred, options).precision;
}

/** Recall in [0, 1]; see {@link precisionRecallF1} for averaging and zero division. */
export function recall(yTrue: Int32Array, yPred: Int32Array, options: PrfOptions = {}): number {
  return precisionRecallF1(yTrue, yPred, options).recall;
}

/** F1 in [0, 1]; see {@link precisionRecallF1} for averaging and zero division. */
export function f1Score(yTrue: Int32Array, yPred: Int32Array, options: PrfOptions = {}): number {
  return precisionRecallF1(yTrue, yPred, options).f1;
}
