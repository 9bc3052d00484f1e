/** Unsupervised searches (clustering, anomaly detection) with label-free selection, and their revival. */
export {
  ANOMALY_CRITERION,
  type AnomalySearchResult,
  ENSEMBLE_MIN_AGREEMENT,
  searchAnomaly,
} from "./search-anomaly.js";
export { CLUSTER_CRITERION, type ClusteringSearchResult, searchClustering } from "./search-clustering.js";
export { type RevivedAnomaly, type RevivedClustering, reviveAnomaly, reviveClustering } from "./revive.js";
export { familyAgreement, ranks, sampleSilhouette } from "./criteria.js";
export type { CandidateRef } from "./candidate-ref.js";
export {
  type AnomalyMemberJSON,
  type AnomalyModelJSON,
  AnomalyModelSchema,
  type ClusteringModelJSON,
  ClusteringModelSchema,
  type LeaderboardEntry,
  LeaderboardEntrySchema,
  SCALINGS,
  type Scaling,
  ScalingSchema,
  SWEPT_SCALINGS,
  type TrialEntry,
  type UnsupervisedModelJSON,
  UnsupervisedModelSchema,
  type UnsupervisedSearchOptions,
} from "./unsupervised-schema.js";
