/** random_forest_classifier and random_forest_regressor (Breiman 2001, as scikit-learn's RandomForest*). */
import { z } from "zod";
import { ensembleSpec } from "./ensemble-spec.js";
import { forestParams } from "./forest-params.js";
import { classCriterionParam, classWeightParam, regressionCriterionParam } from "./tree-params.js";

export const RandomForestClassifierParams = z.object({
  criterion: classCriterionParam(),
  ...forestParams("sqrt", true),
  class_weight: classWeightParam(),
});

export const RandomForestRegressorParams = z.object({
  criterion: regressionCriterionParam(),
  ...forestParams("all", true),
});

export const randomForestClassifier = ensembleSpec({
  name: "random_forest_classifier",
  family: "forest",
  classifier: true,
  description:
    "Random forest: many deep trees on bootstrap samples with random feature subsets, probabilities averaged; a robust, low-tuning default for tabular classification.",
  params: RandomForestClassifierParams,
  settings: (p) => ({
    criterion: p.criterion,
    splitter: "best",
    classWeight: p.class_weight,
    nEstimators: p.n_estimators,
    bootstrap: p.bootstrap,
    maxSamples: p.max_samples,
    oobScore: p.oob_score,
    cart: p,
  }),
});

export const randomForestRegressor = ensembleSpec({
  name: "random_forest_regressor",
  family: "forest",
  classifier: false,
  description:
    "Random forest: many deep regression trees on bootstrap samples, predictions averaged; a robust, low-tuning default for tabular regression.",
  params: RandomForestRegressorParams,
  settings: (p) => ({
    criterion: p.criterion,
    splitter: "best",
    classWeight: "none",
    nEstimators: p.n_estimators,
    bootstrap: p.bootstrap,
    maxSamples: p.max_samples,
    oobScore: p.oob_score,
    cart: p,
  }),
});
