/** extra_trees_classifier and extra_trees_regressor (Geurts et al. 2006, as scikit-learn's ExtraTrees*). */
import { z } from "zod";
import { ensembleSpec } from "./ensemble-spec.js";
import { forestParams } from "./forest-params.js";
import { classCriterionParam, classWeightParam, regressionCriterionParam } from "./tree-params.js";

export const ExtraTreesClassifierParams = z.object({
  criterion: classCriterionParam(),
  ...forestParams("sqrt", false),
  class_weight: classWeightParam(),
});

export const ExtraTreesRegressorParams = z.object({
  criterion: regressionCriterionParam(),
  ...forestParams("all", false),
});

export const extraTreesClassifier = ensembleSpec({
  name: "extra_trees_classifier",
  family: "forest",
  classifier: true,
  description:
    "Extremely randomised trees: like a random forest but with random split thresholds on all rows; faster to fit and often smoother, a strong tabular classifier.",
  params: ExtraTreesClassifierParams,
  settings: (p) => ({
    criterion: p.criterion,
    splitter: "random",
    classWeight: p.class_weight,
    nEstimators: p.n_estimators,
    bootstrap: p.bootstrap,
    maxSamples: p.max_samples,
    oobScore: p.oob_score,
    cart: p,
  }),
});

export const extraTreesRegressor = ensembleSpec({
  name: "extra_trees_regressor",
  family: "forest",
  classifier: false,
  description:
    "Extremely randomised regression trees: random split thresholds on all rows, predictions averaged; fast to fit and often smoother than a random forest.",
  params: ExtraTreesRegressorParams,
  settings: (p) => ({
    criterion: p.criterion,
    splitter: "random",
    classWeight: "none",
    nEstimators: p.n_estimators,
    bootstrap: p.bootstrap,
    maxSamples: p.max_samples,
    oobScore: p.oob_score,
    cart: p,
  }),
});
