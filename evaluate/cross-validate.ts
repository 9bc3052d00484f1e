/**
 * Cross-validation on the worker pool: one fit per fold, folds in parallel, each scored by a
 * registered metric, with out-of-fold predictions aligned to the rows.
 */
import { AlchemistError } from "../core/errors.js";
import { takeFeatureRows } from "../data/preprocess/feature-matrix.js";
import type { FeatureMatrix } from "../data/preprocess/index.js";
import { type Fold, testFoldIndex } from "../data/splits/index.js";
import { isClassification, type Task } from "../data/task.js";
import type { ProgressCallback } from "../trainers/estimator.js";
import type { FitJob, FitJobResult, FitPrediction, WorkerPool } from "../trainers/pool/index.js";
import { MODEL_REGISTRY } from "../trainers/registry.js";
import { METRICS, type MetricName } from "./metrics/registry.js";
import { type ScoreOptions, scorePredictions } from "./score-predictions.js";

export interface CrossValidateOptions {
  /** Registry name of the estimator. */
  estimator: string;
  /** Raw params, parsed by the estimator's schema in each worker. */
  params: unknown;
  X: FeatureMatrix;
  /** Class indices 0..K-1 (classification) or values, one per row. */
  y: Float64Array;
  task: Task;
  /** Classification: K; default max(y) + 1 (at least 2). */
  nClasses?: number;
  /** From `makeSplits`: test sets must be disjoint; rows in no test set get NaN out-of-fold. */
  folds: readonly Fold[];
  metric: MetricName;
  /** Seed of every fold's fit (the same for all folds, as scikit-learn clones one estimator). */
  seed: number;
  pool: WorkerPool;
  /** Deadline of each fold's fit in ms (FIT_TIMEOUT). */
  deadlineMs?: number;
  /** Heap cap of each fold's worker in MiB (FIT_OUT_OF_MEMORY). */
  maxHeapMb?: number;
  /** Per-row weights, cut per fold like y. */
  sampleWeight?: Float64Array;
  /** Binary metrics: class code of the positive class; default 1. */
  positiveClass?: number;
  /** Forecast MASE: season length m; default 1. */
  seasonLength?: number;
  /** Overall fraction over all folds, and a note naming the fold. */
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

export interface CrossValidateResult {
  /** One score per fold, in fold order. */
  foldScores: number[];
  mean: number;
  /** Population standard deviation of the fold scores (ddof = 0, as numpy's default). */
  std: number;
  /**
   * Out-of-fold predictions, one per row (row-major n × K for `proba`); NaN for rows in no test
   * set. `proba` only when every fold's model gives probabilities.
   */
  oof: { values: Float64Array; proba?: Float64Array };
  /** Fit time of each fold inside its worker. */
  fitSeconds: number[];
}

function takeValues(y: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i] as number] as number;
  return out;
}

function inferClasses(y: Float64Array): number {
  let max = 0;
  for (let i = 0; i < y.length; i++) if ((y[i] as number) > max) max = y[i] as number;
  return Math.max(2, Math.floor(max) + 1);
}

function checkOptions(o: CrossValidateOptions): void {
  const n = o.X.nRows;
  if (o.y.length !== n) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `crossValidate: ${n} feature rows but ${o.y.length} targets.`,
      {
        parameter: "y",
      },
    );
  }
  if (o.sampleWeight !== undefined && o.sampleWeight.length !== n) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `crossValidate: ${n} rows but ${o.sampleWeight.length} sample weights.`,
      {
        parameter: "sampleWeight",
      },
    );
  }
  if (o.folds.length === 0) {
    throw new AlchemistError("INVALID_ARGUMENT", "crossValidate needs at least one fold.", {
      parameter: "folds",
    });
  }
  o.folds.forEach((fold, f) => {
    if (fold.train.length === 0 || fold.test.length === 0) {
      throw new AlchemistError(
        "NOT_ENOUGH_ROWS",
        `crossValidate: fold ${f} has an empty train or test set.`,
        {
          parameter: "folds",
          fold: f,
        },
      );
    }
  });
  const metric = METRICS[o.metric];
  if (metric === undefined) {
    throw new AlchemistError("INVALID_ARGUMENT", `crossValidate: unknown metric '${String(o.metric)}'.`, {
      parameter: "metric",
    });
  }
  if (!metric.tasks.includes(o.task) || metric.needs === "clusters") {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `crossValidate: metric ${o.metric} does not score a ${o.task} task (it serves ${metric.tasks.join(", ")}).`,
      { parameter: "metric", allowed: metric.tasks },
    );
  }
  const spec = MODEL_REGISTRY.get(o.estimator);
  if (metric.needs === "proba" && spec !== undefined && !spec.tags.probabilities) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `crossValidate: metric ${o.metric} needs probabilities, which ${o.estimator} does not give.`,
      { parameter: "metric", estimator: o.estimator },
    );
  }
}

/** Scores one fold's predictions with the metric. */
function scoreFold(o: CrossValidateOptions, fold: Fold, p: FitPrediction): number {
  const options: ScoreOptions = {};
  if (o.positiveClass !== undefined) options.positiveClass = o.positiveClass;
  if (o.task === "forecast") {
    options.history = takeValues(o.y, fold.train);
    if (o.seasonLength !== undefined) options.seasonLength = o.seasonLength;
  }
  return scorePredictions(o.metric, o.task, takeValues(o.y, fold.test), p, options);
}

/**
 * Fits `estimator` once per fold on the pool, at most `pool.size` folds at a time (fold matrices are
 * cut just before their fit, then handed to the worker, so memory stays near `pool.size` cuts).
 * The first fold that fails aborts the others and its error is thrown (typed, from the worker).
 */
export async function crossValidate(o: CrossValidateOptions): Promise<CrossValidateResult> {
  checkOptions(o);
  const n = o.X.nRows;
  const k = o.folds.length;
  testFoldIndex(o.folds, n); // test sets disjoint and inside 0..n-1, or INVALID_ARGUMENT
  const classification = isClassification(o.task);
  const nClasses = classification ? (o.nClasses ?? inferClasses(o.y)) : undefined;

  const foldScores = new Array<number>(k).fill(Number.NaN);
  const fitSeconds = new Array<number>(k).fill(Number.NaN);
  const values = new Float64Array(n).fill(Number.NaN);
  let proba: Float64Array | undefined =
    nClasses !== undefined ? new Float64Array(n * nClasses).fill(Number.NaN) : undefined;
  const fractions = new Float64Array(k);
  const report = (f: number, fraction: number, note: string): void => {
    fractions[f] = fraction;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += fractions[i] as number;
    o.onProgress?.(sum / k, `fold ${f + 1}/${k}: ${note}`);
  };

  const stop = new AbortController();
  const onCallerAbort = (): void => stop.abort(o.signal?.reason);
  if (o.signal?.aborted) throw o.signal.reason;
  o.signal?.addEventListener("abort", onCallerAbort, { once: true });
  let firstError: { error: unknown } | undefined;

  const runFold = async (f: number): Promise<void> => {
    const fold = o.folds[f] as Fold;
    const ctx: FitJob["ctx"] = { seed: o.seed };
    if (nClasses !== undefined) ctx.nClasses = nClasses;
    if (o.sampleWeight !== undefined) ctx.sampleWeight = takeValues(o.sampleWeight, fold.train);
    const job: FitJob = {
      estimator: o.estimator,
      params: o.params,
      X: takeFeatureRows(o.X, fold.train),
      y: takeValues(o.y, fold.train),
      ctx,
      predict: [takeFeatureRows(o.X, fold.test)],
    };
    const result: FitJobResult = await o.pool.run(job, {
      transfer: true,
      signal: stop.signal,
      ...(o.deadlineMs !== undefined ? { deadlineMs: o.deadlineMs } : {}),
      ...(o.maxHeapMb !== undefined ? { maxHeapMb: o.maxHeapMb } : {}),
      ...(o.onProgress !== undefined
        ? { onProgress: (fraction: number, note: string) => report(f, fraction, note) }
        : {}),
    });
    const p = result.predictions?.[0] as FitPrediction;
    foldScores[f] = scoreFold(o, fold, p);
    fitSeconds[f] = result.fitSeconds;
    const test = fold.test;
    for (let i = 0; i < test.length; i++) values[test[i] as number] = p.values[i] as number;
    if (proba !== undefined && nClasses !== undefined) {
      if (p.proba === undefined) proba = undefined;
      else {
        for (let i = 0; i < test.length; i++) {
          proba.set(p.proba.subarray(i * nClasses, (i + 1) * nClasses), (test[i] as number) * nClasses);
        }
      }
    }
    if (o.onProgress !== undefined) report(f, 1, "done");
  };

  // A few lanes, each taking the next fold when its previous one is done.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < k && firstError === undefined && !stop.signal.aborted) {
      const f = next++;
      try {
        await runFold(f);
      } catch (e) {
        if (firstError === undefined) {
          firstError = { error: o.signal?.aborted ? o.signal.reason : e };
          stop.abort(e);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(k, o.pool.size) }, lane));
  } finally {
    o.signal?.removeEventListener("abort", onCallerAbort);
  }
  if (firstError !== undefined) throw firstError.error;
  if (o.signal?.aborted) throw o.signal.reason;

  let mean = 0;
  for (const s of foldScores) mean += s;
  mean /= k;
  let ss = 0;
  for (const s of foldScores) ss += (s - mean) * (s - mean);
  const oof: CrossValidateResult["oof"] = { values };
  if (proba !== undefined) oof.proba = proba;
  return { foldScores, mean, std: Math.sqrt(ss / k), oof, fitSeconds };
}
