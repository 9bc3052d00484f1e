/** Parameter declarations shared by the tree estimators, and their translation to builder options. */
import { enumParam, floatParam, intParam } from "../param.js";
import type { Criterion } from "./split-criterion.js";
import type { TreeParams } from "./tree-builder.js";

export const MAX_FEATURES = ["sqrt", "log2", "all", "fraction"] as const;
export type MaxFeatures = (typeof MAX_FEATURES)[number];

export const maxDepthParam = (def: number) =>
  intParam({
    default: def,
    min: 0,
    max: 1000,
    searchMin: 0,
    searchMax: 32,
    description:
      "Maximum depth of a tree; 0 means unlimited (grow until leaves are pure or too small to split).",
  });

export const minSamplesSplitParam = () =>
  intParam({
    default: 2,
    min: 2,
    max: 100_000,
    searchMax: 40,
    log: true,
    description: "Minimum number of rows a node needs to be split.",
  });

export const minSamplesLeafParam = () =>
  intParam({
    default: 1,
    min: 1,
    max: 100_000,
    searchMax: 40,
    log: true,
    description: "Minimum number of rows in each leaf; larger values smooth the model.",
  });

export const maxFeaturesParam = (def: MaxFeatures) =>
  enumParam({
    values: MAX_FEATURES,
    default: def,
    description:
      "Features tried at each split: sqrt(n_features), log2(n_features), all of them, or 'fraction' (max_features_fraction × n_features).",
  });

export const maxFeaturesFractionParam = () =>
  floatParam({
    default: 0.5,
    min: 0.01,
    max: 1,
    searchMin: 0.1,
    description: "Share of features tried at each split when max_features is 'fraction'.",
  });

export const minImpurityDecreaseParam = () =>
  floatParam({
    default: 0,
    min: 0,
    max: 1e12,
    search: false,
    description: "A node is split only if that lowers the weighted impurity by at least this much.",
  });

export const classWeightParam = () =>
  enumParam({
    values: ["none", "balanced"] as const,
    default: "none",
    description: "'balanced' weights each class by n_rows / (n_classes × class count), for imbalanced data.",
  });

export const classCriterionParam = () =>
  enumParam({
    values: ["gini", "entropy"] as const,
    default: "gini",
    description: "Split quality: Gini impurity or entropy (information gain).",
  });

export const regressionCriterionParam = () =>
  enumParam({
    values: ["squared_error"] as const,
    default: "squared_error",
    search: false,
    description: "Split quality: squared error (variance reduction).",
  });

export const nEstimatorsParam = (def: number) =>
  intParam({
    default: def,
    min: 1,
    max: 10_000,
    searchMin: 20,
    searchMax: 500,
    log: true,
    description: "Number of trees.",
  });

/** The number of features each split examines, as scikit-learn computes it. */
export function resolveMaxFeatures(choice: MaxFeatures, fraction: number, nCols: number): number {
  const k =
    choice === "sqrt"
      ? Math.floor(Math.sqrt(nCols))
      : choice === "log2"
        ? Math.floor(Math.log2(nCols))
        : choice === "fraction"
          ? Math.floor(fraction * nCols)
          : nCols;
  return Math.min(nCols, Math.max(1, k));
}

/** Parsed tree parameters common to every CART-based estimator here. */
export interface CartParamValues {
  max_depth: number;
  min_samples_split: number;
  min_samples_leaf: number;
  max_features: MaxFeatures;
  max_features_fraction: number;
  min_impurity_decrease: number;
}

export function toTreeParams(
  p: CartParamValues,
  criterion: Criterion,
  splitter: "best" | "random",
  nCols: number,
): TreeParams {
  return {
    criterion,
    splitter,
    maxDepth: p.max_depth === 0 ? Infinity : p.max_depth,
    minSamplesSplit: p.min_samples_split,
    minSamplesLeaf: p.min_samples_leaf,
    maxFeatures: resolveMaxFeatures(p.max_features, p.max_features_fraction, nCols),
    minImpurityDecrease: p.min_impurity_decrease,
  };
}
