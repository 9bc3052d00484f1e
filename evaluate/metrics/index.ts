/** Metrics of Alchemist: pure functions over typed arrays, and the METRICS registry over them. */
export { accuracy, balancedAccuracy } from "./accuracy.js";
export { adjustedRandIndex } from "./adjusted-rand.js";
export { brierScore } from "./brier.js";
export { type ClassCounts, classCounts } from "./class-counts.js";
export { daviesBouldinScore } from "./davies-bouldin.js";
export { LOG_LOSS_EPS, logLoss } from "./log-loss.js";
export { mase } from "./mase.js";
export { matthewsCorrcoef } from "./mcc.js";
export {
  type DefaultMetricOptions,
  defaultMetric,
  isBetter,
  metricsForTask,
  parseMetricName,
} from "./metric-choice.js";
export type { MetricInput } from "./metric-input.js";
export {
  f1Score,
  type PrfAverage,
  type PrfOptions,
  type PrfScores,
  precision,
  precisionRecallF1,
  recall,
} from "./precision-recall-f1.js";
export {
  METRICS,
  type MetricDefinition,
  type MetricDirection,
  type MetricName,
  MetricNameSchema,
  type MetricNeeds,
} from "./registry.js";
export { mae, mape, r2, rmse, smape } from "./regression-errors.js";
export { type OvrAverage, rocAuc, rocAucOvr } from "./roc-auc.js";
export { silhouetteScore } from "./silhouette.js";
