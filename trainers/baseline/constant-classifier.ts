/** The constant classifier: predicts the training class shares for every row (DummyClassifier, "prior"). */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import {
  BASELINE_STATE_VERSION,
  checkBaselineFit,
  checkBaselinePredict,
  invalidBaselineState,
  parseBaselineJSON,
} from "./baseline-model.js";

const NAME = "constant_classifier";

export const ConstantClassifierParamsSchema = z.strictObject({});

/** Weighted class shares (classes absent from `y` get 0). */
export function classPrior(y: Float64Array, w: Float64Array | undefined, K: number): Float64Array {
  const prior = new Float64Array(K);
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? (w[i] as number) : 1;
    prior[y[i] as number] = (prior[y[i] as number] as number) + wi;
    total += wi;
  }
  if (total > 0) for (let c = 0; c < K; c++) prior[c] = (prior[c] as number) / total;
  else prior.fill(1 / K);
  return prior;
}

function constantClassifierModel(nFeatures: number, prior: Float64Array): FittedModel {
  const K = prior.length;
  let majority = 0;
  for (let c = 1; c < K; c++) if ((prior[c] as number) > (prior[majority] as number)) majority = c;
  const model: FittedModel = Object.freeze({
    estimator: NAME,
    nFeatures,
    nClasses: K,
    predict(X: FeatureMatrix): Float64Array {
      checkBaselinePredict(model, X);
      return new Float64Array(X.nRows).fill(majority);
    },
    predictProba(X: FeatureMatrix): Float64Array {
      checkBaselinePredict(model, X);
      const out = new Float64Array(X.nRows * K);
      for (let i = 0; i < X.nRows; i++) out.set(prior, i * K);
      return out;
    },
    toJSON: () => ({
      estimator: NAME,
      version: BASELINE_STATE_VERSION,
      params: {},
      nFeatures,
      nClasses: K,
      state: { prior: Array.from(prior) },
    }),
  });
  return model;
}

const StateSchema = z.object({ prior: z.array(z.number().min(0).max(1)) });

export const constantClassifier: EstimatorSpec<typeof ConstantClassifierParamsSchema> = {
  name: NAME,
  family: "baseline",
  tasks: ["binary", "multiclass"],
  description:
    "Constant classifier: ignores the features and predicts the training class shares (majority class); the baseline every real model must beat, and the fallback that never fails.",
  tags: {
    handlesMissing: true,
    handlesCategorical: true,
    needsScaling: false,
    sampleWeights: true,
    probabilities: true,
  },
  params: ConstantClassifierParamsSchema,
  fit(X, y, params, ctx) {
    checkBaselineFit(constantClassifier, X, y, ctx);
    parseEstimatorParams(NAME, ConstantClassifierParamsSchema, params);
    return constantClassifierModel(X.nCols, classPrior(y, ctx.sampleWeight, ctx.nClasses as number));
  },
  fromJSON(json) {
    const j = parseBaselineJSON(json, NAME, ConstantClassifierParamsSchema, StateSchema);
    if (j.nClasses === undefined) throw invalidBaselineState(NAME, "nClasses is missing");
    if (j.state.prior.length !== j.nClasses) {
      throw invalidBaselineState(
        NAME,
        `state.prior has ${j.state.prior.length} values, expected ${j.nClasses}`,
      );
    }
    return constantClassifierModel(j.nFeatures, Float64Array.from(j.state.prior));
  },
};
