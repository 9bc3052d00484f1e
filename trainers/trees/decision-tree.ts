/** decision_tree_classifier and decision_tree_regressor: one CART tree (scikit-learn's DecisionTree*). */
import { z } from "zod";
import { enumParam } from "../param.js";
import { ensembleSpec } from "./ensemble-spec.js";
import {
  classCriterionParam,
  classWeightParam,
  maxDepthParam,
  maxFeaturesFractionParam,
  maxFeaturesParam,
  minImpurityDecreaseParam,
  minSamplesLeafParam,
  minSamplesSplitParam,
  regressionCriterionParam,
} from "./tree-params.js";

const splitterParam = () =>
  enumParam({
    values: ["best", "random"] as const,
    default: "best",
    description:
      "'best' tries every threshold of each candidate feature; 'random' draws one threshold per feature.",
  });

const cartParams = {
  splitter: splitterParam(),
  max_depth: maxDepthParam(0),
  min_samples_split: minSamplesSplitParam(),
  min_samples_leaf: minSamplesLeafParam(),
  max_features: maxFeaturesParam("all"),
  max_features_fraction: maxFeaturesFractionParam(),
  min_impurity_decrease: minImpurityDecreaseParam(),
};

export const DecisionTreeClassifierParams = z.object({
  criterion: classCriterionParam(),
  ...cartParams,
  class_weight: classWeightParam(),
});

export const DecisionTreeRegressorParams = z.object({
  criterion: regressionCriterionParam(),
  ...cartParams,
});

export const decisionTreeClassifier = ensembleSpec({
  name: "decision_tree_classifier",
  family: "tree",
  classifier: true,
  description:
    "A single CART decision tree: interpretable if-then rules, captures interactions without scaling, but overfits unless depth or leaf size is limited.",
  params: DecisionTreeClassifierParams,
  settings: (p) => ({
    criterion: p.criterion,
    splitter: p.splitter,
    classWeight: p.class_weight,
    nEstimators: 1,
    bootstrap: false,
    maxSamples: 1,
    oobScore: false,
    cart: p,
  }),
});

export const decisionTreeRegressor = ensembleSpec({
  name: "decision_tree_regressor",
  family: "tree",
  classifier: false,
  description:
    "A single CART regression tree: piecewise-constant, interpretable, needs no scaling, but overfits unless depth or leaf size is limited.",
  params: DecisionTreeRegressorParams,
  settings: (p) => ({
    criterion: p.criterion,
    splitter: p.splitter,
    classWeight: "none",
    nEstimators: 1,
    bootstrap: false,
    maxSamples: 1,
    oobScore: false,
    cart: p,
  }),
});
