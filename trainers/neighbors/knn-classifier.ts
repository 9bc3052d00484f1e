/** k-nearest-neighbour classifier: majority (or distance-weighted) vote of the k closest training rows. */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import { argmaxRows } from "../predict-rows.js";
import { fitKnn, type KnnFit, knnFromJSON, knnToJSON, neighborsOf } from "./knn-model.js";
import { KnnParamsSchema } from "./knn-params.js";
import { neighborWeights } from "./knn-search.js";

const NAME = "knn_classifier";

/** Row-major n × K vote shares from the neighbours (`idx`, `dist`, k per row) and their labels. */
export function voteShares(
  idx: Int32Array,
  dist: Float64Array,
  nq: number,
  k: number,
  labels: Float64Array,
  nClasses: number,
  byDistance: boolean,
): Float64Array {
  const out = new Float64Array(nq * nClasses);
  const w = new Float64Array(k);
  for (let q = 0; q < nq; q++) {
    const off = q * k;
    const row = q * nClasses;
    const total = neighborWeights(dist, off, k, byDistance, w);
    for (let r = 0; r < k; r++) {
      const c = row + (labels[idx[off + r] as number] as number);
      out[c] = (out[c] as number) + (w[r] as number);
    }
    for (let c = 0; c < nClasses; c++) out[row + c] = (out[row + c] as number) / total;
  }
  return out;
}

function classifierModel(fit: KnnFit): FittedModel {
  const K = fit.nClasses as number;
  const byDistance = fit.params.weights === "distance";
  const proba = (X: FeatureMatrix): Float64Array => {
    const { idx, dist } = neighborsOf(fit, model, X);
    return voteShares(idx, dist, X.nRows, fit.k, fit.y, K, byDistance);
  };
  const model: FittedModel = Object.freeze({
    estimator: NAME,
    nFeatures: fit.nFeatures,
    nClasses: K,
    predict: (X: FeatureMatrix) => argmaxRows(proba(X), X.nRows, K),
    predictProba: proba,
    toJSON: () => knnToJSON(fit),
  });
  return model;
}

export const knnClassifier: EstimatorSpec<typeof KnnParamsSchema> = {
  name: NAME,
  family: "neighbors",
  tasks: ["binary", "multiclass"],
  description:
    "k-nearest-neighbours classifier: votes among the closest training rows; no training cost, needs scaled features, slows down on large data.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: false,
    probabilities: true,
  },
  params: KnnParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(knnClassifier, X, y, ctx);
    return classifierModel(
      fitKnn(NAME, X, y, parseEstimatorParams(NAME, KnnParamsSchema, params), ctx.nClasses),
    );
  },
  fromJSON: (json) => classifierModel(knnFromJSON(json, NAME, true)),
};
