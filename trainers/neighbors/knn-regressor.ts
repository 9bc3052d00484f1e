/** k-nearest-neighbour regressor: mean (or distance-weighted mean) target of the k closest training rows. */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import { fitKnn, type KnnFit, knnFromJSON, knnToJSON, neighborsOf } from "./knn-model.js";
import { KnnParamsSchema } from "./knn-params.js";
import { neighborWeights } from "./knn-search.js";

const NAME = "knn_regressor";

/** Weighted mean of the neighbours' targets per query row. */
export function neighborMeans(
  idx: Int32Array,
  dist: Float64Array,
  nq: number,
  k: number,
  targets: Float64Array,
  byDistance: boolean,
): Float64Array {
  const out = new Float64Array(nq);
  const w = new Float64Array(k);
  for (let q = 0; q < nq; q++) {
    const off = q * k;
    const total = neighborWeights(dist, off, k, byDistance, w);
    let s = 0;
    for (let r = 0; r < k; r++) s += (w[r] as number) * (targets[idx[off + r] as number] as number);
    out[q] = s / total;
  }
  return out;
}

function regressorModel(fit: KnnFit): FittedModel {
  const byDistance = fit.params.weights === "distance";
  const model: FittedModel = Object.freeze({
    estimator: NAME,
    nFeatures: fit.nFeatures,
    predict(X: FeatureMatrix): Float64Array {
      const { idx, dist } = neighborsOf(fit, model, X);
      return neighborMeans(idx, dist, X.nRows, fit.k, fit.y, byDistance);
    },
    toJSON: () => knnToJSON(fit),
  });
  return model;
}

export const knnRegressor: EstimatorSpec<typeof KnnParamsSchema> = {
  name: NAME,
  family: "neighbors",
  tasks: ["regression"],
  description:
    "k-nearest-neighbours regressor: averages the targets of the closest training rows; no training cost, needs scaled features, slows down on large data.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: false,
    probabilities: false,
  },
  params: KnnParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(knnRegressor, X, y, ctx);
    return regressorModel(fitKnn(NAME, X, y, parseEstimatorParams(NAME, KnnParamsSchema, params), undefined));
  },
  fromJSON: (json) => regressorModel(knnFromJSON(json, NAME, false)),
};
