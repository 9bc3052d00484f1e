/** trainers/gbdt: LightGBM-style histogram gradient boosting (classifier and regressor). */
import type { EstimatorSpec } from "../estimator.js";
import { histGradientBoostingClassifier } from "./hist-gradient-boosting-classifier.js";
import { histGradientBoostingRegressor } from "./hist-gradient-boosting-regressor.js";

export { type BinMapper, binMatrix, fitBinMapper, fitBins } from "./binning.js";
export { type BoostResult, boost } from "./booster.js";
export { type BoostParams, GBDT_COMMON_PARAMS } from "./gbdt-params.js";
export {
  HistGradientBoostingClassifierParams,
  histGradientBoostingClassifier,
} from "./hist-gradient-boosting-classifier.js";
export {
  HistGradientBoostingRegressorParams,
  histGradientBoostingRegressor,
} from "./hist-gradient-boosting-regressor.js";
export { LOSSES, type LossName } from "./losses.js";
export { predictRaw, type TreeEnsemble } from "./tree-ensemble.js";
export { kernelsUseSimd, setWasmKernels } from "./wasm-kernels.js";

export const GBDT_ESTIMATORS: readonly EstimatorSpec[] = [
  histGradientBoostingClassifier as unknown as EstimatorSpec,
  histGradientBoostingRegressor as unknown as EstimatorSpec,
];
