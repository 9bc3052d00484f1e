/** Multinomial naive Bayes for counts or frequencies (scikit-learn's MultinomialNB). */
import { z } from "zod";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { boolParam, floatParam, parseEstimatorParams } from "../param.js";
import { featureCounts, linearJll } from "./discrete-nb.js";
import { decodeFloats, encodeFloats, FloatArraySchema } from "./float-codec.js";
import { classWeights, expectLength, logPriors, naiveBayesModel, parseNbJSON } from "./nb-model.js";

const NAME = "multinomial_nb";

export const MultinomialNbParamsSchema = z.strictObject({
  alpha: floatParam({
    default: 1,
    min: 1e-10,
    max: 1e4,
    log: true,
    searchMin: 1e-3,
    searchMax: 10,
    description: "Additive (Laplace/Lidstone) smoothing of the feature counts",
  }),
  fit_prior: boolParam({
    default: true,
    description: "Learn class priors from the class shares; false uses uniform priors",
  }),
});
type MultinomialNbParams = z.output<typeof MultinomialNbParamsSchema>;

/** log P(feature j | class c) = log(count + alpha) - log(Σ_j count + alpha·d). */
export function multinomialLogProbs(count: Float64Array, K: number, d: number, alpha: number): Float64Array {
  const out = new Float64Array(K * d);
  for (let c = 0; c < K; c++) {
    let total = 0;
    for (let j = 0; j < d; j++) total += (count[c * d + j] as number) + alpha;
    const logTotal = Math.log(total);
    for (let j = 0; j < d; j++) out[c * d + j] = Math.log((count[c * d + j] as number) + alpha) - logTotal;
  }
  return out;
}

function multinomialModel(
  params: MultinomialNbParams,
  nFeatures: number,
  K: number,
  classCount: Float64Array,
  count: Float64Array,
): FittedModel {
  const logPrior = logPriors(classCount, params.fit_prior);
  const coef = multinomialLogProbs(count, K, nFeatures, params.alpha);
  return naiveBayesModel({
    estimator: NAME,
    params,
    nFeatures,
    nClasses: K,
    logPrior,
    jll: (X) => linearJll(X, coef, logPrior, K, null),
    state: { classCount: encodeFloats(classCount), featureCount: encodeFloats(count) },
  });
}

const StateSchema = z.object({ classCount: FloatArraySchema, featureCount: FloatArraySchema });

export const multinomialNb: EstimatorSpec<typeof MultinomialNbParamsSchema> = {
  name: NAME,
  family: "naive_bayes",
  tasks: ["binary", "multiclass"],
  description:
    "Multinomial naive Bayes: for non-negative counts or frequencies (word counts, TF-IDF); trains instantly, refuses negative features.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: true,
    probabilities: true,
    nonNegativeFeatures: true,
  },
  params: MultinomialNbParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(multinomialNb, X, y, ctx);
    const p = parseEstimatorParams(NAME, MultinomialNbParamsSchema, params);
    const K = ctx.nClasses as number;
    const w = ctx.sampleWeight;
    return multinomialModel(p, X.nCols, K, classWeights(y, w, K), featureCounts(X, y, w, K, null));
  },
  fromJSON(json) {
    const j = parseNbJSON(json, NAME, MultinomialNbParamsSchema, StateSchema);
    expectLength(NAME, "classCount", j.state.classCount, j.nClasses);
    expectLength(NAME, "featureCount", j.state.featureCount, j.nClasses * j.nFeatures);
    return multinomialModel(
      j.params,
      j.nFeatures,
      j.nClasses,
      decodeFloats(j.state.classCount),
      decodeFloats(j.state.featureCount),
    );
  },
};
