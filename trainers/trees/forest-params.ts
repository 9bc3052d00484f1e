/** Parameters shared by random forests and extra trees. */
import { boolParam, floatParam } from "../param.js";
import {
  maxDepthParam,
  maxFeaturesFractionParam,
  maxFeaturesParam,
  type MaxFeatures,
  minImpurityDecreaseParam,
  minSamplesLeafParam,
  minSamplesSplitParam,
  nEstimatorsParam,
} from "./tree-params.js";

/** The params of a forest: `maxFeatures` and `bootstrap` defaults differ between estimators. */
export function forestParams(maxFeatures: MaxFeatures, bootstrap: boolean) {
  return {
    n_estimators: nEstimatorsParam(100),
    max_depth: maxDepthParam(0),
    min_samples_split: minSamplesSplitParam(),
    min_samples_leaf: minSamplesLeafParam(),
    max_features: maxFeaturesParam(maxFeatures),
    max_features_fraction: maxFeaturesFractionParam(),
    min_impurity_decrease: minImpurityDecreaseParam(),
    bootstrap: boolParam({
      default: bootstrap,
      description:
        "Grow each tree on a bootstrap sample of the rows (drawn with replacement) instead of all rows.",
    }),
    max_samples: floatParam({
      default: 1,
      min: 0.01,
      max: 1,
      searchMin: 0.3,
      description: "With bootstrap: rows drawn per tree, as a share of the training rows.",
    }),
    oob_score: boolParam({
      default: false,
      search: false,
      description:
        "With bootstrap: also compute the out-of-bag score (accuracy or R²) on the rows each tree did not see.",
    }),
  };
}
