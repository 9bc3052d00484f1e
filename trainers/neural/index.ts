/** trainers/neural: multi-layer perceptrons trained with minibatch Adam on flat typed arrays. */
import type { EstimatorSpec } from "../estimator.js";
import { mlpClassifier } from "./mlp-classifier.js";
import { mlpRegressor } from "./mlp-regressor.js";

export { mlpClassifier } from "./mlp-classifier.js";
export { ACTIVATIONS, type Activation } from "./mlp-layout.js";
export {
  type MlpClassifierParams,
  MlpClassifierParamsSchema,
  type MlpRegressorParams,
  MlpRegressorParamsSchema,
} from "./mlp-params.js";
export { mlpRegressor } from "./mlp-regressor.js";

export const NEURAL_ESTIMATORS: readonly EstimatorSpec[] = [mlpClassifier, mlpRegressor];
