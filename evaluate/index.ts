/** evaluate/: metrics today; cross-validation, out-of-fold predictions and diagnostics arrive with the model zoo. */
export { accuracy, balancedAccuracy } from "./metrics/accuracy.js";
export { adjustedRandIndex } from "./metrics/adjusted-rand.js";
export { brierScore } from "./metrics/brier.js";
export { type ClassCounts, classCounts } from "./metrics/class-counts.js";
export { daviesBouldinScore } from "./metrics/davies-bouldin.js";
export { LOG_LOSS_EPS, logLoss } from "./metrics/log-loss.js";
export { mase } from "./metrics/mase.js";
export { matthewsCorrcoef } from "./metrics/mcc.js";
export {
  type DefaultMetricOptions,
  defaultMetric,
  isBetter,
  metricsForTask,
  parseMetricName,
} from "./metrics/metric-choice.js";
export type { MetricInput } from "./metrics/metric-input.js";
export {
  f1Score,
  type PrfAverage,
  type PrfOptions,
  type PrfScores,
  precision,
  precisionRecallF1,
  recall,
} from "./metrics/precision-recall-f1.js";
export {
  METRICS,
  type MetricDefinition,
  type MetricDirection,
  type MetricName,
  MetricNameSchema,
  type MetricNeeds,
} from "./metrics/registry.js";
export { mae, mape, r2, rmse, smape } from "./metrics/regression-errors.js";
export { type OvrAverage, rocAuc, rocAucOvr } from "./metrics/roc-auc.js";
export { silhouetteScore } from "./metrics/silhouette.js";
export { type CrossValidateOptions, type CrossValidateResult, crossValidate } from "./cross-validate.js";
