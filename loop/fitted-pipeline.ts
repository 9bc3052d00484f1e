/**
 * The fitted pipeline a run produces: one or more members (preprocessor + model) with ensemble
 * weights, as plain JSON, and the function that predicts new rows with it.
 */
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import type { Frame } from "../data/frame.js";
import {
  PipelineSpecSchema,
  PreprocessorJSONSchema,
  preprocessorFromJSON,
} from "../data/preprocess/index.js";
import { TaskSchema } from "../data/task.js";
import { MetricNameSchema } from "../evaluate/metrics/registry.js";
import type { ModelJSON } from "../trainers/estimator.js";
import { predictRows } from "../trainers/predict-rows.js";
import { getEstimator } from "../trainers/registry.js";

const ModelJsonSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int(),
  nClasses: z.number().int().optional(),
  state: z.unknown(),
});

export const PipelineMemberSchema = z.object({
  /** The trial it came from. */
  seq: z.number().int(),
  weight: z.number().min(0).max(1),
  spec: PipelineSpecSchema,
  preprocessor: PreprocessorJSONSchema,
  model: ModelJsonSchema,
  /**
   * Set when the member is the trial's model from this cross-validation fold (fitted on that fold's
   * training rows, not refitted on all rows): the run's time did not allow a refit.
   */
  fold: z.number().int().min(0).optional(),
});

export const FittedPipelineSchema = z.object({
  format: z.literal("alchemist-pipeline"),
  version: z.literal(1),
  task: TaskSchema,
  target: z.string(),
  metric: MetricNameSchema,
  /** Class labels (classification): prediction k means classes[k]. */
  classes: z.array(z.string()).nullable(),
  members: z.array(PipelineMemberSchema).min(1),
});
export type FittedPipeline = z.infer<typeof FittedPipelineSchema>;
export type PipelineMember = z.infer<typeof PipelineMemberSchema>;

export interface PipelinePrediction {
  /** Class index or value per row. */
  values: Float64Array;
  /** Row-major n × K blended probabilities (classification). */
  proba?: Float64Array;
}

/** One-hot probabilities (row-major n × K) of a classifier that gives labels only; a NaN label stays a NaN row. */
export function labelsAsProba(values: Float64Array, K: number): Float64Array {
  const n = values.length;
  const p = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) p.fill(Number.NaN, i * K, (i + 1) * K);
    else p[i * K + v] = 1;
  }
  return p;
}

/** Blends member predictions: probabilities (labels as one-hot when a member has none) or values. */
export function blendMembers(
  weights: readonly number[],
  predictions: readonly { values: Float64Array; proba?: Float64Array }[],
  nClasses: number | null,
): PipelinePrediction {
  const n = predictions[0]?.values.length ?? 0;
  let total = 0;
  for (const w of weights) total += w;
  if (nClasses === null) {
    const values = new Float64Array(n);
    predictions.forEach((p, m) => {
      const w = (weights[m] as number) / total;
      for (let i = 0; i < n; i++) values[i] = (values[i] as number) + w * (p.values[i] as number);
    });
    return { values };
  }
  const K = nClasses;
  const proba = new Float64Array(n * K);
  predictions.forEach((p, m) => {
    const w = (weights[m] as number) / total;
    const q = p.proba ?? labelsAsProba(p.values, K);
    for (let j = 0; j < n * K; j++) proba[j] = (proba[j] as number) + w * (q[j] as number);
  });
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let arg = 0;
    for (let k = 1; k < K; k++) if ((proba[i * K + k] as number) > (proba[i * K + arg] as number)) arg = k;
    values[i] = arg;
  }
  return { values, proba };
}

/** Validates a stored pipeline (INVALID_MODEL_STATE naming the path of the first problem). */
export function parseFittedPipeline(json: unknown): FittedPipeline {
  const r = FittedPipelineSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new AlchemistError(
    "INVALID_MODEL_STATE",
    `Not a valid Alchemist pipeline: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}.`,
    { path: issue?.path.join(".") ?? "" },
  );
}

/** Predicts rows of `frame` (the target column, if present, is ignored). */
export function predictPipeline(pipeline: FittedPipeline, frame: Frame): PipelinePrediction {
  const K = pipeline.classes?.length ?? null;
  const predictions = pipeline.members.map((m) => {
    const X = preprocessorFromJSON(m.preprocessor).transform(frame);
    const model = getEstimator(m.model.estimator).fromJSON(m.model as ModelJSON);
    const { values, proba } = predictRows(model, X);
    return proba !== undefined && K !== null ? { values, proba } : { values };
  });
  return blendMembers(
    pipeline.members.map((m) => m.weight),
    predictions,
    K,
  );
}
