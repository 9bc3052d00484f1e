/** Bernoulli naive Bayes over binarised features (scikit-learn's BernoulliNB). */
import { z } from "zod";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { boolParam, floatParam, parseEstimatorParams } from "../param.js";
import { featureCounts, linearJll } from "./discrete-nb.js";
import { decodeFloats, encodeFloats, FloatArraySchema } from "./float-codec.js";
import { classWeights, expectLength, logPriors, naiveBayesModel, parseNbJSON } from "./nb-model.js";

const NAME = "bernoulli_nb";

export const BernoulliNbParamsSchema = z.strictObject({
  alpha: floatParam({
    default: 1,
    min: 1e-10,
    max: 1e4,
    log: true,
    searchMin: 1e-3,
    searchMax: 10,
    description: "Additive (Laplace/Lidstone) smoothing of the per-class feature frequencies",
  }),
  binarize: floatParam({
    default: 0,
    min: -1e12,
    max: 1e12,
    searchMin: -1,
    searchMax: 1,
    description:
      "A feature counts as present when its value is above this threshold (0 suits 0/1 and standardised features)",
  }),
  fit_prior: boolParam({
    default: true,
    description: "Learn class priors from the class shares; false uses uniform priors",
  }),
});
type BernoulliNbParams = z.output<typeof BernoulliNbParamsSchema>;

/**
 * With p = (count + alpha) / (classCount + 2·alpha): `coef = log p - log(1 - p)` per class and feature,
 * `bias = log prior + Σ_j log(1 - p)` per class, so the joint log-likelihood is linear in the bits.
 */
export function bernoulliTerms(
  count: Float64Array,
  classCount: Float64Array,
  logPrior: Float64Array,
  d: number,
  alpha: number,
): { coef: Float64Array; bias: Float64Array } {
  const K = classCount.length;
  const coef = new Float64Array(K * d);
  const bias = new Float64Array(K);
  for (let c = 0; c < K; c++) {
    const cc = classCount[c] as number;
    const logDen = Math.log(cc + 2 * alpha);
    let b = logPrior[c] as number;
    for (let j = 0; j < d; j++) {
      const fc = count[c * d + j] as number;
      const logP = Math.log(fc + alpha) - logDen;
      // 1 - p computed from counts, not by subtraction, so it keeps its precision near p = 1.
      const logQ = Math.log(Math.max(cc - fc, 0) + alpha) - logDen;
      coef[c * d + j] = logP - logQ;
      b += logQ;
    }
    bias[c] = b;
  }
  return { coef, bias };
}

function bernoulliModel(
  params: BernoulliNbParams,
  nFeatures: number,
  K: number,
  classCount: Float64Array,
  count: Float64Array,
): FittedModel {
  const logPrior = logPriors(classCount, params.fit_prior);
  const { coef, bias } = bernoulliTerms(count, classCount, logPrior, nFeatures, params.alpha);
  const threshold = params.binarize;
  return naiveBayesModel({
    estimator: NAME,
    params,
    nFeatures,
    nClasses: K,
    logPrior,
    jll: (X) => linearJll(X, coef, bias, K, threshold),
    state: { classCount: encodeFloats(classCount), featureCount: encodeFloats(count) },
  });
}

const StateSchema = z.object({ classCount: FloatArraySchema, featureCount: FloatArraySchema });

export const bernoulliNb: EstimatorSpec<typeof BernoulliNbParamsSchema> = {
  name: NAME,
  family: "naive_bayes",
  tasks: ["binary", "multiclass"],
  description:
    "Bernoulli naive Bayes: models each feature as present/absent (above a threshold) per class; trains instantly, suits binary and one-hot features.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: true,
    probabilities: true,
  },
  params: BernoulliNbParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(bernoulliNb, X, y, ctx);
    const p = parseEstimatorParams(NAME, BernoulliNbParamsSchema, params);
    const K = ctx.nClasses as number;
    const w = ctx.sampleWeight;
    return bernoulliModel(p, X.nCols, K, classWeights(y, w, K), featureCounts(X, y, w, K, p.binarize));
  },
  fromJSON(json) {
    const j = parseNbJSON(json, NAME, BernoulliNbParamsSchema, StateSchema);
    expectLength(NAME, "classCount", j.state.classCount, j.nClasses);
    expectLength(NAME, "featureCount", j.state.featureCount, j.nClasses * j.nFeatures);
    return bernoulliModel(
      j.params,
      j.nFeatures,
      j.nClasses,
      decodeFloats(j.state.classCount),
      decodeFloats(j.state.featureCount),
    );
  },
};
