/** The parameters both histogram gradient boosting estimators share, declared once. */
import type { z } from "zod";
import { enumParam, floatParam, intParam } from "../param.js";

export const EARLY_STOPPING = ["auto", "on", "off"] as const;

/** Shared parameter shape (the classifier uses it as is; the regressor adds its loss). */
export const GBDT_COMMON_PARAMS = {
  learning_rate: floatParam({
    default: 0.1,
    min: 1e-4,
    max: 1,
    log: true,
    searchMin: 0.01,
    searchMax: 0.3,
    description: "Shrinkage: each tree's leaf values are multiplied by this; smaller needs more iterations.",
  }),
  max_iter: intParam({
    default: 100,
    min: 1,
    max: 10_000,
    searchMin: 50,
    searchMax: 1000,
    description: "Boosting rounds at most (one tree per round, one per class per round for 3+ classes).",
  }),
  max_leaf_nodes: intParam({
    default: 31,
    min: 2,
    max: 4096,
    log: true,
    searchMin: 7,
    searchMax: 255,
    description: "Leaves per tree at most; trees grow best-first (leaf-wise) until this is reached.",
  }),
  max_depth: intParam({
    default: 0,
    min: 0,
    max: 64,
    search: false,
    description: "Edges from the root to any leaf at most (depth-wise limit); 0 means no limit.",
  }),
  min_samples_leaf: intParam({
    default: 20,
    min: 1,
    max: 100_000,
    log: true,
    searchMin: 2,
    searchMax: 200,
    description: "Rows a leaf must hold at least.",
  }),
  l2_regularization: floatParam({
    default: 0,
    min: 0,
    max: 1000,
    searchMax: 10,
    description: "L2 penalty on leaf values (added to the hessian sum of every leaf).",
  }),
  min_hessian_leaf: floatParam({
    default: 1e-3,
    min: 0,
    max: 1000,
    search: false,
    description: "Sum of hessians a leaf must hold at least (XGBoost's min_child_weight).",
  }),
  max_bins: intParam({
    default: 255,
    min: 2,
    max: 255,
    searchMin: 32,
    searchMax: 255,
    description: "Quantile bins per numeric feature at most (one more bin holds missing values).",
  }),
  subsample: floatParam({
    default: 1,
    min: 0.05,
    max: 1,
    searchMin: 0.5,
    description: "Fraction of rows drawn (seeded, without replacement) for each boosting round.",
  }),
  colsample: floatParam({
    default: 1,
    min: 0.05,
    max: 1,
    searchMin: 0.3,
    description: "Fraction of features drawn (seeded) for each tree.",
  }),
  early_stopping: enumParam({
    values: EARLY_STOPPING,
    default: "auto",
    search: false,
    description:
      "Stop when the validation loss stops improving: 'auto' is on for more than 10,000 rows, as scikit-learn.",
  }),
  validation_fraction: floatParam({
    default: 0.1,
    min: 0.01,
    max: 0.5,
    search: false,
    description:
      "Share of the training rows held out (stratified for classification) to score early stopping.",
  }),
  n_iter_no_change: intParam({
    default: 10,
    min: 1,
    max: 1000,
    search: false,
    description: "Early stopping: rounds without an improvement of more than tol before stopping.",
  }),
  tol: floatParam({
    default: 1e-7,
    min: 0,
    max: 1,
    search: false,
    description: "Early stopping: the least validation-loss decrease that counts as an improvement.",
  }),
};

/** Everything the booster reads, with camelCase names. */
export interface BoostParams {
  loss: "log_loss" | "squared_error" | "absolute_error" | "huber";
  learningRate: number;
  maxIter: number;
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  minHessianLeaf: number;
  maxBins: number;
  subsample: number;
  colsample: number;
  earlyStopping: (typeof EARLY_STOPPING)[number];
  validationFraction: number;
  nIterNoChange: number;
  tol: number;
  huberAlpha: number;
}

type CommonOutput = z.output<z.ZodObject<typeof GBDT_COMMON_PARAMS>>;

/** The booster's view of parsed parameters. */
export function boostParams(p: CommonOutput, loss: BoostParams["loss"], huberAlpha = 0.9): BoostParams {
  return {
    loss,
    learningRate: p.learning_rate,
    maxIter: p.max_iter,
    maxLeafNodes: p.max_leaf_nodes,
    maxDepth: p.max_depth,
    minSamplesLeaf: p.min_samples_leaf,
    l2: p.l2_regularization,
    minHessianLeaf: p.min_hessian_leaf,
    maxBins: p.max_bins,
    subsample: p.subsample,
    colsample: p.colsample,
    earlyStopping: p.early_stopping,
    validationFraction: p.validation_fraction,
    nIterNoChange: p.n_iter_no_change,
    tol: p.tol,
    huberAlpha,
  };
}
