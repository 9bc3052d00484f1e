/** What the forecast, clustering and anomaly registry adapters share: the JSON envelope, unlabelled input checks. */
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { createFeatureMatrix, type FeatureMatrix } from "../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "./check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "./estimator.js";

/** Bumped when an adapter's state layout (the envelope around the task model's own JSON) changes. */
export const TASK_STATE_VERSION = 1;

const EnvelopeSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int().min(0),
  state: z.unknown(),
});

/** Checks a serialised adapter model's envelope and params; the state is left to the task's own reviver. */
export function parseTaskJSON<P extends z.ZodObject>(
  json: ModelJSON,
  estimator: string,
  paramsSchema: P,
): { params: z.output<P>; nFeatures: number; state: unknown } {
  const invalid = (what: string) =>
    new AlchemistError("INVALID_MODEL_STATE", `${estimator}: cannot rebuild the model: ${what}.`, {
      estimator,
    });
  const env = EnvelopeSchema.safeParse(json);
  if (!env.success) throw invalid(env.error.issues[0]?.message ?? "not a model");
  const j = env.data;
  if (j.estimator !== estimator) throw invalid(`it was saved by '${j.estimator}'`);
  if (j.version !== TASK_STATE_VERSION)
    throw invalid(`state version ${j.version}, expected ${TASK_STATE_VERSION}`);
  const params = paramsSchema.safeParse(j.params);
  if (!params.success) throw invalid(`params ${params.error.issues[0]?.path.join(".") ?? ""} do not parse`);
  return { params: params.data, nFeatures: j.nFeatures, state: j.state };
}

/** Throws INVALID_MODEL_STATE unless `ok` (a revived state that does not belong to this estimator). */
export function expectState(ok: boolean, estimator: string, what: string): void {
  if (!ok) {
    throw new AlchemistError("INVALID_MODEL_STATE", `${estimator}: cannot rebuild the model: ${what}.`, {
      estimator,
    });
  }
}

/**
 * The fit checks of an estimator that ignores y (clustering, anomaly detection): rows, features
 * (missing values refused unless the tag allows them, named by feature and row), sample weights.
 */
export function checkUnlabelledFit(spec: EstimatorSpec, X: FeatureMatrix, ctx: FitContext): void {
  if (X.nCols === 0) {
    throw new AlchemistError("INVALID_ARGUMENT", `${spec.name}: there are no features to learn from.`, {
      parameter: "X",
    });
  }
  checkFitInput(spec, X, new Float64Array(X.nRows), ctx);
}

/** The predict check on the feature count only, for models that never read their features' values. */
export function checkWidthOnly(model: FittedModel, X: FeatureMatrix): void {
  checkPredictInput(model, { ...X, nRows: 0, data: new Float64Array(0) }, true);
}

/** A matrix with X's rows and no features (for checks that must not read X's values). */
export function rowsOnly(X: FeatureMatrix): FeatureMatrix {
  return createFeatureMatrix(X.nRows, [], [], new Float64Array(0));
}
