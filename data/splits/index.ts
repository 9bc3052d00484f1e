/** Data splitting: holdout, k-fold, stratified, grouped and time-series folds from one zod SplitSpec. */
export type { Fold, SplitOptions, SplitResult } from "./fold.js";
export { testFoldIndex } from "./fold.js";
export { groupKFold } from "./group-kfold.js";
export { holdoutSplit } from "./holdout.js";
export { kFold } from "./kfold.js";
export { makeSplits } from "./make-splits.js";
export type {
  GroupKFoldParams,
  GroupKFoldSpec,
  HoldoutParams,
  HoldoutSpec,
  KFoldParams,
  KFoldSpec,
  SplitKind,
  SplitSpec,
  SplitSpecInput,
  StratifiedKFoldParams,
  StratifiedKFoldSpec,
  TimeSeriesSplitParams,
  TimeSeriesSplitSpec,
} from "./split-spec.js";
export {
  GroupKFoldSpecSchema,
  HoldoutSpecSchema,
  KFoldSpecSchema,
  MAX_FOLDS,
  parseSplitSpec,
  SPLIT_KINDS,
  SplitSpecSchema,
  StratifiedKFoldSpecSchema,
  TimeSeriesSplitSpecSchema,
} from "./split-spec.js";
export { stratifiedKFold } from "./stratified-kfold.js";
export { timeSeriesSplit } from "./time-series-split.js";
