/** Cross-validates a PipelineSpec: preprocessed folds (cached) fitted on the worker pool, scored, with out-of-fold predictions. */
import { AlchemistError } from "../core/errors.js";
import type { FittedPreprocessor, PipelineSpec } from "../data/preprocess/index.js";
import { isClassification, type Task } from "../data/task.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { scorePredictions } from "../evaluate/score-predictions.js";
import type { ModelJSON } from "../trainers/estimator.js";
import type { FitJob, FitPrediction, WorkerPool } from "../trainers/pool/index.js";
import type { FoldCache, FoldData } from "./fold-data.js";

/** A model fitted on one CV fold's training rows, with that fold's preprocessing. */
export interface FoldModel {
  preprocessor: FittedPreprocessor;
  model: ModelJSON;
}

export interface PipelineScore {
  foldScores: number[];
  mean: number;
  std: number;
  /** One prediction per training row (row-major n × K `proba` when every fold gave them); NaN where no fold predicted. */
  oof: { values: Float64Array; proba?: Float64Array };
  /** Fit seconds inside the workers, summed over folds. */
  fitSeconds: number;
  /** Longest single fold fit: the estimate of one more fit of this spec. */
  maxFoldFitSeconds: number;
  /**
   * The fold models, one per fold, when every fold used all its training rows: together they predict
   * new rows with the CV score as their honest estimate (the fallback when a refit cannot fit).
   */
  foldModels?: FoldModel[];
}

export interface EvaluateOptions {
  spec: PipelineSpec;
  cache: FoldCache;
  /** Class index or value per training row. */
  y: Float64Array;
  task: Task;
  metric: MetricName;
  nClasses: number | undefined;
  pool: WorkerPool;
  /** Fraction of each fold's training rows (successive halving); 1 = all. */
  fraction?: number;
  /** Epoch ms by which every fold's fit must end (FIT_TIMEOUT); a fold started later gets what is left. */
  deadlineAt?: number;
  signal?: AbortSignal;
}

function takeValues(y: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = y[idx[i] as number] as number;
  return out;
}

/** Runs every fold (at most `pool.size` at once); the first failure cancels the rest and is thrown. */
export async function evaluatePipeline(o: EvaluateOptions): Promise<PipelineScore> {
  const folds: FoldData[] = o.cache.get(o.spec.steps, o.spec.seed, o.fraction ?? 1);
  const n = o.y.length;
  const k = folds.length;
  const K = isClassification(o.task) ? o.nClasses : undefined;
  const values = new Float64Array(n).fill(Number.NaN);
  let proba: Float64Array | undefined =
    K !== undefined ? new Float64Array(n * K).fill(Number.NaN) : undefined;
  const foldScores = new Array<number>(k).fill(Number.NaN);
  const fitSeconds = new Array<number>(k).fill(0);
  const models = new Array<FoldModel | undefined>(k);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(o.signal?.reason);
  o.signal?.throwIfAborted();
  o.signal?.addEventListener("abort", onAbort, { once: true });

  const runFold = async (f: number): Promise<void> => {
    const fold = folds[f] as FoldData;
    const ctx: FitJob["ctx"] = { seed: o.spec.seed };
    if (K !== undefined) ctx.nClasses = K;
    if (fold.weights !== undefined) ctx.sampleWeight = fold.weights;
    const result = await o.pool.run(
      {
        estimator: o.spec.estimator.name,
        params: o.spec.estimator.params,
        X: fold.X,
        y: fold.y,
        ctx,
        predict: [fold.Xtest],
      },
      {
        signal: stop.signal,
        ...(o.deadlineAt !== undefined && Number.isFinite(o.deadlineAt)
          ? { deadlineMs: Math.max(1, o.deadlineAt - Date.now()) }
          : {}),
      },
    );
    const p = result.predictions?.[0] as FitPrediction;
    foldScores[f] = scorePredictions(o.metric, o.task, takeValues(o.y, fold.testRows), p);
    fitSeconds[f] = result.fitSeconds;
    models[f] = { preprocessor: fold.preprocessor, model: result.model };
    const rows = fold.testRows;
    for (let i = 0; i < rows.length; i++) values[rows[i] as number] = p.values[i] as number;
    if (proba !== undefined && K !== undefined) {
      if (p.proba === undefined) proba = undefined;
      else
        for (let i = 0; i < rows.length; i++)
          proba.set(p.proba.subarray(i * K, (i + 1) * K), (rows[i] as number) * K);
    }
  };

  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < k && failure === undefined) {
      const f = next++;
      try {
        await runFold(f);
      } catch (error) {
        if (failure === undefined) {
          failure = { error: o.signal?.aborted ? o.signal.reason : error };
          stop.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(k, o.pool.size) }, lane));
  } finally {
    o.signal?.removeEventListener("abort", onAbort);
  }
  if (failure !== undefined) throw failure.error;
  let mean = 0;
  for (const s of foldScores) mean += s;
  mean /= k;
  if (!Number.isFinite(mean)) {
    throw new AlchemistError("INTERNAL", `The ${o.metric} of ${o.spec.estimator.name} is not a number.`, {
      estimator: o.spec.estimator.name,
    });
  }
  let ss = 0;
  for (const s of foldScores) ss += (s - mean) * (s - mean);
  const oof: PipelineScore["oof"] = proba !== undefined ? { values, proba } : { values };
  const score: PipelineScore = {
    foldScores,
    mean,
    std: Math.sqrt(ss / k),
    oof,
    fitSeconds: fitSeconds.reduce((a, b) => a + b, 0),
    maxFoldFitSeconds: Math.max(...fitSeconds),
  };
  if ((o.fraction ?? 1) >= 1) score.foldModels = models as FoldModel[];
  return score;
}
