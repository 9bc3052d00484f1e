/** Clustering trainers: k-means, mini-batch k-means, Gaussian mixtures, DBSCAN and Ward, with their JSON. */
export type {
  CentroidModelJSON,
  ClusterModel,
  ClusterModelJSON,
  DbscanJSON,
  GaussianMixtureJSON,
} from "./cluster-json.js";
export {
  CLUSTER_ESTIMATORS,
  dbscanClusterer,
  gaussianMixtureClusterer,
  kmeansClusterer,
  miniBatchKMeansClusterer,
  wardClusterer,
} from "./cluster-estimators.js";
export { ClusterModelJSONSchema } from "./cluster-json.js";
export { type DbscanOptions, defaultMinPts, fitDbscan, kneeEps } from "./dbscan.js";
export {
  fitGaussianMixture,
  type GaussianMixtureFit,
  type GaussianMixtureOptions,
  mixtureParameters,
} from "./gaussian-mixture.js";
export { type ClusterFit, fitKMeans, type KMeansOptions } from "./kmeans.js";
export { kmeansPlusPlus } from "./kmeans-plus-plus.js";
export { fitMiniBatchKMeans, type MiniBatchKMeansOptions } from "./minibatch-kmeans.js";
export { clusterModelFromJSON } from "./revive-cluster.js";
export {
  checkDeadline,
  nearestCentres,
  type Rows,
  rows,
  sampleIndices,
  sqDist,
  takeRows,
} from "./rows.js";
export { cutWard, fitWardTree, WARD_MAX_ROWS, type WardOptions, type WardTree } from "./ward.js";
