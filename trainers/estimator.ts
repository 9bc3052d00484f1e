/** The estimator contract: one EstimatorSpec per registry entry, immutable FittedModels. */
import type { z } from "zod";
import type { FeatureMatrix } from "../data/preprocess/index.js";
import type { Task } from "../data/task.js";

export const ESTIMATOR_FAMILIES = [
  "baseline",
  "linear",
  "tree",
  "forest",
  "boosting",
  "neighbors",
  "naive_bayes",
  "discriminant",
  "neural",
  "smoothing",
  "arima",
  "decomposition",
  "centroid",
  "mixture",
  "density",
  "hierarchical",
  "isolation",
  "statistical",
] as const;
export type EstimatorFamily = (typeof ESTIMATOR_FAMILIES)[number];

/** What an estimator can cope with; the loop and the action space read these. */
export interface EstimatorTags {
  /** Accepts NaN in features (otherwise fit/predict refuse them with a typed error). */
  handlesMissing: boolean;
  /** Uses `FeatureMatrix.categorical` codes natively (no one-hot needed). */
  handlesCategorical: boolean;
  /** Results depend on feature scale (distance, gradient or penalty based). */
  needsScaling: boolean;
  /** Honours `FitContext.sampleWeight`. */
  sampleWeights: boolean;
  /** Classifiers: has `predictProba`. */
  probabilities: boolean;
  /** Refuses negative feature values (multinomial naive Bayes). */
  nonNegativeFeatures?: boolean;
}

/** Progress of a long fit: fraction in [0, 1] and a short note (e.g. "round 40/100"). */
export type ProgressCallback = (fraction: number, note: string) => void;

export interface FitContext {
  /** Seed for every random choice of the fit: same seed, same model. */
  seed: number;
  /** Classification: number of classes K; `y` holds class indices 0..K-1. */
  nClasses?: number;
  /** Per-row weights (class weights, resampling); only if `tags.sampleWeights`. */
  sampleWeight?: Float64Array;
  onProgress?: ProgressCallback;
}

/** The serialised form of a fitted model: enough to rebuild it exactly with `fromJSON`. */
export interface ModelJSON {
  estimator: string;
  /** Bumped when an estimator's state layout changes; old states are refused, not misread. */
  version: number;
  params: Record<string, unknown>;
  nFeatures: number;
  nClasses?: number;
  state: unknown;
}

/** A trained model. Immutable: there is no "not fitted yet" state. */
export interface FittedModel {
  readonly estimator: string;
  readonly nFeatures: number;
  /** Classification only. */
  readonly nClasses?: number;
  /** Class indices (classification) or values (regression), one per row. */
  predict(X: FeatureMatrix): Float64Array;
  /** Row-major n × K class probabilities (rows sum to 1). */
  predictProba?(X: FeatureMatrix): Float64Array;
  /**
   * Anomaly detectors: one raw outlier score per row, higher = more anomalous (on the detector's own
   * scale: a path-length ratio, a LOF ratio, a sum of |z| or of −log densities). `predict` flags the
   * rows whose score is above the threshold fitted from the training scores.
   */
  scoreSamples?(X: FeatureMatrix): Float64Array;
  /** One non-negative score per feature, summing to 1 where meaningful. */
  featureImportance?(): Float64Array;
  toJSON(): ModelJSON;
}

/** A registry entry: everything about one estimator, declared once. */
export interface EstimatorSpec<P extends z.ZodObject = z.ZodObject> {
  /** snake_case, unique, e.g. `random_forest_classifier`. */
  readonly name: string;
  readonly family: EstimatorFamily;
  /**
   * Tasks it can serve: classifiers `["binary", "multiclass"]`, regressors `["regression"]`,
   * forecasters `["forecast"]` (X's rows are the time-ordered observations of the series y),
   * clusterers `["clustering"]` and detectors `["anomaly"]` (both ignore y).
   */
  readonly tasks: readonly Task[];
  /** One sentence for prompts and docs. */
  readonly description: string;
  readonly tags: EstimatorTags;
  /** Every parameter with a default, bounds and a description (see param.ts). */
  readonly params: P;
  fit(X: FeatureMatrix, y: Float64Array, params: z.output<P>, ctx: FitContext): FittedModel;
  fromJSON(json: ModelJSON): FittedModel;
}

export function isClassifier(spec: EstimatorSpec): boolean {
  return spec.tasks.includes("binary") || spec.tasks.includes("multiclass");
}
