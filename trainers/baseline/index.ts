/** trainers/baseline: constant models, the baseline to beat and the end of every fallback chain. */
import type { EstimatorSpec } from "../estimator.js";
import { constantClassifier } from "./constant-classifier.js";
import { constantRegressor } from "./constant-regressor.js";

export { ConstantClassifierParamsSchema, classPrior, constantClassifier } from "./constant-classifier.js";
export {
  ConstantRegressorParamsSchema,
  constantRegressor,
  weightedMean,
  weightedMedian,
} from "./constant-regressor.js";

export const BASELINE_ESTIMATORS: readonly EstimatorSpec[] = [constantClassifier, constantRegressor];
