/** What every naive Bayes model shares: class weights, log-sum-exp probabilities, (de)serialisation. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { argmaxRows } from "../predict-rows.js";

/** Bumped when a naive Bayes state layout changes. */
export const NB_STATE_VERSION = 1;

/** Summed sample weight of each class (1 per row without weights). */
export function classWeights(y: Float64Array, w: Float64Array | undefined, K: number): Float64Array {
  const out = new Float64Array(K);
  for (let i = 0; i < y.length; i++) {
    const c = y[i] as number;
    out[c] = (out[c] as number) + (w ? (w[i] as number) : 1);
  }
  return out;
}

/**
 * Log class priors: empirical (weight shares) or, with `fitPrior` false, uniform over the classes
 * seen in training. A class absent from training gets -Infinity (probability 0).
 */
export function logPriors(classCount: Float64Array, fitPrior: boolean): Float64Array {
  const K = classCount.length;
  let total = 0;
  let seen = 0;
  for (let c = 0; c < K; c++) {
    total += classCount[c] as number;
    if ((classCount[c] as number) > 0) seen++;
  }
  const out = new Float64Array(K);
  for (let c = 0; c < K; c++) {
    const cc = classCount[c] as number;
    out[c] =
      cc > 0 ? (fitPrior ? Math.log(cc) - Math.log(total) : -Math.log(seen)) : Number.NEGATIVE_INFINITY;
  }
  return out;
}

/**
 * Row-major `n × K` probabilities from class-major joint log-likelihoods `jll[c·n + i]`, by
 * log-sum-exp. A row where no class has a finite likelihood falls back to the priors.
 */
export function jllToProba(jll: Float64Array, n: number, K: number, logPrior: Float64Array): Float64Array {
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < K; c++) {
      const v = jll[c * n + i] as number;
      if (v > max) max = v;
    }
    const row = i * K;
    let sum = 0;
    if (max === Number.NEGATIVE_INFINITY || !Number.isFinite(max)) {
      for (let c = 0; c < K; c++) {
        const p = Math.exp(logPrior[c] as number);
        out[row + c] = p;
        sum += p;
      }
    } else {
      for (let c = 0; c < K; c++) {
        const v = jll[c * n + i] as number;
        const p = Number.isNaN(v) ? 0 : Math.exp(v - max);
        out[row + c] = p;
        sum += p;
      }
    }
    for (let c = 0; c < K; c++) out[row + c] = (out[row + c] as number) / sum;
  }
  return out;
}

/** A fitted naive Bayes model, described by its class-major joint log-likelihood function. */
export interface NbCore {
  readonly estimator: string;
  readonly params: Record<string, unknown>;
  readonly nFeatures: number;
  readonly nClasses: number;
  readonly logPrior: Float64Array;
  /** `jll[c·n + i]`: log P(class c) + log P(row i | class c), up to a constant per row. */
  readonly jll: (X: FeatureMatrix) => Float64Array;
  /** JSON-safe state from which `fromJSON` rebuilds the same core. */
  readonly state: Record<string, unknown>;
}

export function naiveBayesModel(core: NbCore): FittedModel {
  const { estimator, nFeatures, nClasses: K, logPrior } = core;
  const proba = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, false);
    return jllToProba(core.jll(X), X.nRows, K, logPrior);
  };
  const model: FittedModel = Object.freeze({
    estimator,
    nFeatures,
    nClasses: K,
    predict: (X: FeatureMatrix) => argmaxRows(proba(X), X.nRows, K),
    predictProba: proba,
    toJSON: (): ModelJSON => ({
      estimator,
      version: NB_STATE_VERSION,
      params: structuredClone(core.params),
      nFeatures,
      nClasses: K,
      state: structuredClone(core.state),
    }),
  });
  return model;
}

const EnvelopeSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int().min(0),
  nClasses: z.number().int().min(2),
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

/** Checks a serialised naive Bayes model's envelope, params and state (INVALID_MODEL_STATE naming what is wrong). */
export function parseNbJSON<P extends z.ZodObject, S extends z.ZodType>(
  json: ModelJSON,
  estimator: string,
  paramsSchema: P,
  stateSchema: S,
): { params: z.output<P>; nFeatures: number; nClasses: number; state: z.output<S> } {
  const env = EnvelopeSchema.safeParse(json);
  if (!env.success) throw invalid(estimator, issueText(env.error));
  const j = env.data;
  if (j.estimator !== estimator) throw invalid(estimator, `it was saved by '${j.estimator}'`);
  if (j.version !== NB_STATE_VERSION)
    throw invalid(estimator, `state version ${j.version}, expected ${NB_STATE_VERSION}`);
  const params = paramsSchema.safeParse(j.params);
  if (!params.success) throw invalid(estimator, `params ${issueText(params.error)}`);
  const state = stateSchema.safeParse(j.state);
  if (!state.success) throw invalid(estimator, `state ${issueText(state.error)}`);
  return { params: params.data, nFeatures: j.nFeatures, nClasses: j.nClasses, state: state.data };
}

/** Throws INVALID_MODEL_STATE unless `a` holds `expected` values. */
export function expectLength(estimator: string, what: string, a: { length: number }, expected: number): void {
  if (a.length !== expected)
    throw invalid(estimator, `state.${what} has ${a.length} values, expected ${expected}`);
}
