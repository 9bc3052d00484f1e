/** Deterministic profiling of a Frame: column statistics, duplicates, task detection, leakage and quality. */
export { countLevels, TOP_LEVELS, topIndices } from "./categorical-stats.js";
export { profileColumn } from "./column-profile.js";
export {
  type BooleanStats,
  BooleanStatsSchema,
  type CategoricalStats,
  CategoricalStatsSchema,
  type ColumnFlags,
  ColumnFlagsSchema,
  type ColumnProfile,
  ColumnProfileSchema,
  type ColumnRole,
  ColumnRoleSchema,
  type DatetimeStats,
  DatetimeStatsSchema,
  type Frequency,
  FrequencySchema,
  type LevelCount,
  LevelCountSchema,
  type NumericStats,
  NumericStatsSchema,
  type Quantiles,
  QuantilesSchema,
  type TextStats,
  TextStatsSchema,
} from "./column-schema.js";
export { datetimeStats } from "./datetime-stats.js";
export { distinctFloat64 } from "./distinct.js";
export { countDuplicateRows } from "./duplicates.js";
export { inferFrequency } from "./frequency.js";
export { findLeakage, LEAK_THRESHOLD, type LeakageOptions } from "./leakage.js";
export { numericStats } from "./numeric-stats.js";
export { memoryBytes, type ProfileOptions, profileFrame } from "./profile-frame.js";
export {
  type ClassificationTarget,
  ClassificationTargetSchema,
  type LeakageSuspect,
  LeakageSuspectSchema,
  type Profile,
  ProfileSchema,
  type Quality,
  type QualityReason,
  QualitySchema,
  type RegressionTarget,
  RegressionTargetSchema,
  type TargetAnalysis,
  TargetAnalysisSchema,
} from "./profile-schema.js";
export { scoreQuality } from "./quality.js";
export { orderStatistics, QUANTILE_PROBS } from "./quantiles.js";
export { ProfileScratch } from "./scratch.js";
export { analyzeTarget } from "./target-analysis.js";
export { type TargetClasses, targetClasses } from "./target-classes.js";
export {
  assertTargetExists,
  type DetectTaskOptions,
  detectTask,
  naturalTask,
  type NaturalTask,
  type TaskDetection,
} from "./task-detection.js";
