/** data/: the Frame, readers, type inference, profiling, preprocessing and splits. */
export { type Coercion, type CoercionKind, CoercionSchema } from "./coercion.js";
export { type CsvOptions, parseCsvBytes, readCsv } from "./csv-reader.js";
export { closestNames } from "./did-you-mean.js";
export {
  BOOL_MISSING,
  type BooleanColumn,
  type CategoricalColumn,
  CODE_MISSING,
  COLUMN_KINDS,
  type Column,
  type ColumnKind,
  cellValue,
  columnNames,
  createFrame,
  type DatetimeColumn,
  dropColumns,
  type Frame,
  getColumn,
  hasColumn,
  isMissing,
  missingCount,
  type NumericColumn,
  selectColumns,
  type TextColumn,
  takeRows,
  toRecords,
} from "./frame.js";
export { type InferredColumn, inferStringColumn } from "./infer-strings.js";
export { type JsonOptions, parseJsonText, readJson } from "./json-reader.js";
export { readArrow } from "./arrow-reader.js";
export { readParquet } from "./parquet-reader.js";
export {
  type ColumnProfile,
  detectTask,
  type LeakageSuspect,
  type Profile,
  type ProfileOptions,
  ProfileSchema,
  profileFrame,
} from "./profile/index.js";
export { type ProfileFileOptions, profileFile } from "./profile-file.js";
export {
  createFeatureMatrix,
  defaultSteps,
  type FeatureMatrix,
  type FittedPreprocessor,
  fitPreprocessor,
  type PipelineSpec,
  PipelineSpecSchema,
  parsePipelineSpec,
  preprocessorFromJSON,
  type Step,
  StepSchema,
} from "./preprocess/index.js";
export type { ReadOptions, ReadResult, SourceInfo, TableFormat } from "./read-result.js";
export { detectFormat, type ReadTableOptions, readTable } from "./read-table.js";
export {
  type Fold,
  makeSplits,
  type SplitResult,
  type SplitSpec,
  SplitSpecSchema,
} from "./splits/index.js";
export {
  isClassification,
  SUPERVISED_TASKS,
  TABULAR_TASKS,
  type Task,
  TaskSchema,
  UNSUPERVISED_TASKS,
} from "./task.js";
