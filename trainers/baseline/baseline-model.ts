/** What both constant models share: input checks that accept any feature values, and the JSON envelope. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";

/** Bumped when a constant model's state layout changes. */
export const BASELINE_STATE_VERSION = 1;

/**
 * The fit checks on rows, targets, weights and classes, but not on feature values: a constant model
 * never reads them, so NaN, ±Infinity and category codes are all fine (it ends every fallback chain).
 */
export function checkBaselineFit(
  spec: EstimatorSpec,
  X: FeatureMatrix,
  y: Float64Array,
  ctx: FitContext,
): void {
  checkFitInput(spec, createFeatureMatrix(X.nRows, [], [], new Float64Array(0)), y, ctx);
}

/** The predict check on the feature count only (values are never read). */
export function checkBaselinePredict(model: FittedModel, X: FeatureMatrix): void {
  checkPredictInput(model, { ...X, nRows: 0, data: new Float64Array(0) }, true);
}

const EnvelopeSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int().min(0),
  nClasses: z.number().int().min(2).optional(),
  state: z.unknown(),
});

function invalid(estimator: string, what: string): AlchemistError {
  return new AlchemistError("INVALID_MODEL_STATE", `${estimator}: cannot rebuild the model: ${what}.`, {
    estimator,
  });
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
}

/** Checks a serialised constant model (INVALID_MODEL_STATE naming what is wrong). */
export function parseBaselineJSON<P extends z.ZodObject, S extends z.ZodType>(
  json: ModelJSON,
  estimator: string,
  paramsSchema: P,
  stateSchema: S,
): { params: z.output<P>; nFeatures: number; nClasses: number | undefined; state: z.output<S> } {
  const env = EnvelopeSchema.safeParse(json);
  if (!env.success) throw invalid(estimator, issueText(env.error));
  const j = env.data;
  if (j.estimator !== estimator) throw invalid(estimator, `it was saved by '${j.estimator}'`);
  if (j.version !== BASELINE_STATE_VERSION) {
    throw invalid(estimator, `state version ${j.version}, expected ${BASELINE_STATE_VERSION}`);
  }
  const params = paramsSchema.safeParse(j.params);
  if (!params.success) throw invalid(estimator, `params ${issueText(params.error)}`);
  const state = stateSchema.safeParse(j.state);
  if (!state.success) throw invalid(estimator, `state ${issueText(state.error)}`);
  return { params: params.data, nFeatures: j.nFeatures, nClasses: j.nClasses, state: state.data };
}

export function invalidBaselineState(estimator: string, what: string): AlchemistError {
  return invalid(estimator, what);
}
