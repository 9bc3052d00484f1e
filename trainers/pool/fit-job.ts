/** The shape of a fit job sent to the worker pool, and of what comes back. */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { ModelJSON, ProgressCallback } from "../estimator.js";

/** The FitContext fields that cross to the worker (the progress callback stays on the caller's side). */
export interface FitJobContext {
  seed: number;
  /** Classification: number of classes K. */
  nClasses?: number;
  sampleWeight?: Float64Array;
}

/** One fit: estimator by registry name, raw params (parsed by the estimator's zod schema in the worker). */
export interface FitJob {
  estimator: string;
  params: unknown;
  X: FeatureMatrix;
  y: Float64Array;
  ctx: FitJobContext;
  /** Matrices to predict with the fitted model, in the worker, before it returns. */
  predict?: readonly FeatureMatrix[];
}

/** Predictions for one matrix of `FitJob.predict`. */
export interface FitPrediction {
  /** Class indices (classification) or values (regression), one per row. */
  values: Float64Array;
  /** Row-major n × K probabilities, when the model has `predictProba`. */
  proba?: Float64Array;
}

export interface FitJobResult {
  /** `model.toJSON()`: rebuild with the estimator's `fromJSON`. */
  model: ModelJSON;
  /** One entry per `FitJob.predict` matrix, in order. */
  predictions?: FitPrediction[];
  /** Wall time of `spec.fit` inside the worker. */
  fitSeconds: number;
  /** Wall time of the predictions inside the worker (0 when none were asked). */
  predictSeconds: number;
  /**
   * Largest V8 heap + ArrayBuffer bytes of the worker seen during the job. Sampled at the start, at
   * each forwarded progress report and at the end, so a lower bound on the true peak.
   */
  peakHeapBytes?: number;
}

/** Per-call limits and hooks of `WorkerPool.run`. */
export interface FitRunOptions {
  /** Hard deadline of the fit (ms from when the worker receives it): the worker is terminated, FIT_TIMEOUT. */
  deadlineMs?: number;
  /** V8 old-generation cap of the worker in MiB (`resourceLimits.maxOldGenerationSizeMb`): FIT_OUT_OF_MEMORY. */
  maxHeapMb?: number;
  /** Aborting rejects with FIT_CANCELLED; a running fit's worker is terminated. */
  signal?: AbortSignal;
  /** Progress reports of the fit (throttled to about one per 50 ms, plus the final one). */
  onProgress?: ProgressCallback;
  /**
   * Hand the job's typed arrays to the worker instead of copying them: X.data, y, sampleWeight and the
   * predict matrices' data are detached (length 0) on the caller's side afterwards. Use it for
   * matrices built only for this job (e.g. a fold cut with takeFeatureRows). Arrays that view part of
   * a larger buffer are still copied, and SharedArrayBuffer-backed arrays are always shared, never copied.
   */
  transfer?: boolean;
}
