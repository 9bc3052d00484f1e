/** The one input shape every registered metric reads, and typed access to its fields. */
import { AlchemistError } from "../../core/errors.js";
import { probaClassCount, requireClassCode } from "./validate.js";

/**
 * Everything a metric may consume, so the loop can score any metric generically: fill in what the
 * task produces and each metric takes the fields it needs (a missing one is INVALID_ARGUMENT naming
 * the field). All arrays are aligned row by row over the same n scored rows.
 */
export interface MetricInput {
  /**
   * Ground-truth class codes 0..K-1 (classification; anomaly: 1 = anomaly, 0 = normal), or the
   * reference partition of a clustering (any integer codes).
   */
  labels?: Int32Array;
  /** Predicted class codes, same coding as `labels` (metrics that need "labels"). */
  predLabels?: Int32Array;
  /** Predicted class probabilities, row-major n×K, column k = class code k (needs "proba"). */
  proba?: Float64Array;
  /**
   * Positive-class scores, length n, any finite reals, higher = more positive (anomaly scores,
   * decision values). Binary metrics on "proba" read proba's positive column when `proba` is
   * given, and these scores otherwise (anomaly detectors produce scores, not probabilities).
   */
  scores?: Float64Array;
  /** Class code of the positive class for binary metrics; default 1. */
  positiveClass?: number;
  /** Ground-truth values (regression, forecast horizon). */
  yTrue?: Float64Array;
  /** Predicted values (needs "values"). */
  yPred?: Float64Array;
  /** Forecast: the training series in time order, the scale of MASE. */
  history?: Float64Array;
  /** Forecast: season length m for MASE; default 1. */
  seasonLength?: number;
  /** Predicted cluster assignments, any integer codes (needs "clusters"). */
  clusters?: Int32Array;
  /** Clustering: the rows' features, row-major n×d, for silhouette and Davies–Bouldin. */
  features?: Float64Array;
  /** Clustering: d, the number of columns of `features`. */
  nFeatures?: number;
}

/** The field `key` of `input`, or INVALID_ARGUMENT saying which metric needs it. */
export function field<K extends keyof MetricInput>(
  input: MetricInput,
  key: K,
  metric: string,
): NonNullable<MetricInput[K]> {
  const value = input[key];
  if (value === undefined || value === null) {
    throw new AlchemistError("INVALID_ARGUMENT", `metric ${metric} needs input.${key}, which is missing`, {
      parameter: key,
      metric,
    });
  }
  return value as NonNullable<MetricInput[K]>;
}

/**
 * Scores of the positive class: column `positiveClass` of `input.proba` (n×K, n = labels.length),
 * copied out as a length-n array, or `input.scores` when there is no `proba`. Probabilities win
 * because Brier needs them, while AUC is the same for any score with the same order.
 */
export function positiveScores(input: MetricInput, metric: string): Float64Array {
  const labels = field(input, "labels", metric);
  if (input.proba === undefined && input.scores !== undefined) return input.scores;
  const proba = field(input, "proba", metric);
  const n = labels.length;
  if (n === 0) return new Float64Array(0); // the metric itself reports NOT_ENOUGH_ROWS
  const k = probaClassCount("proba", proba, n);
  const positive = input.positiveClass ?? 1;
  requireClassCode("positiveClass", positive);
  if (positive >= k) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `positiveClass ${positive} has no column in proba (K = ${k})`,
      {
        parameter: "positiveClass",
      },
    );
  }
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) column[i] = proba[i * k + positive]!;
  return column;
}
