/** trainers/neighbors: k-nearest-neighbour estimators over a flat KD-tree or brute-force search. */
import type { EstimatorSpec } from "../estimator.js";
import { knnClassifier } from "./knn-classifier.js";
import { knnRegressor } from "./knn-regressor.js";

export { buildKdTree, type KdTree } from "./kd-tree.js";
export { knnClassifier } from "./knn-classifier.js";
export { type KnnParams, KnnParamsSchema } from "./knn-params.js";
export { knnRegressor } from "./knn-regressor.js";
export { autoUsesKdTree, buildNeighborIndex, kNeighbors, type NeighborIndex } from "./knn-search.js";

export const NEIGHBORS_ESTIMATORS: readonly EstimatorSpec[] = [knnClassifier, knnRegressor];
