/**
 * Preprocessing step schemas: a step is data (zod, discriminated on `type`), every parameter with a
 * default, bounds and a description, so actions and LLM tool schemas are generated from here.
 */
import { z } from "zod";
import { specErrorFromZod } from "./spec-error.js";

const ColumnNames = z
  .array(z.string().min(1).max(500))
  .min(1)
  .max(10_000)
  .describe(
    "Column names. A raw column name also selects every feature derived from it by earlier steps; a derived feature can be named exactly (e.g. `color=red`, `date__year`).",
  );

export const ImputeStepSchema = z.strictObject({
  type: z.literal("impute"),
  strategy: z
    .enum(["mean", "median", "most_frequent", "constant"])
    .default("median")
    .describe(
      "Fill statistic learned at fit time. mean/median: numeric columns only; most_frequent: the mode (smallest value / lexically first level on ties); constant: fill_value (numeric) or fill_level (categorical).",
    ),
  fill_value: z
    .number()
    .min(-1e15)
    .max(1e15)
    .default(0)
    .describe(
      "Numeric fill for strategy constant; also the fill of a numeric column that has no observed value at fit time.",
    ),
  fill_level: z
    .string()
    .min(1)
    .max(200)
    .default("__missing__")
    .describe(
      "Categorical fill level for strategy constant (missing values become their own level); also the fill of a categorical column with no observed value at fit time.",
    ),
  add_indicator: z
    .boolean()
    .default(false)
    .describe(
      "Add a 0/1 feature `<column>__missing` after every selected column that had missing values at fit time.",
    ),
  columns: z
    .union([z.enum(["numeric", "categorical", "all"]), ColumnNames])
    .default("numeric")
    .describe(
      "Which columns: numeric (raw numbers, booleans and every numeric feature made so far except native category codes), categorical (not yet encoded categoricals), all (both), or a list of names.",
    ),
});

export const ENCODE_METHODS = ["one_hot", "ordinal", "target", "native"] as const;

export const EncodeStepSchema = z.strictObject({
  type: z.literal("encode"),
  method: z
    .enum(ENCODE_METHODS)
    .default("one_hot")
    .describe(
      "one_hot: a 0/1 feature per kept level; ordinal: level rank 0..L-1 (NaN for unseen); target: smoothed mean of the target per level, out-of-fold for training rows (one feature per class for multiclass); native: category codes 0..L-1 flagged categorical for estimators that split on categories natively.",
    ),
  columns: z
    .union([z.enum(["categorical"]), ColumnNames])
    .default("categorical")
    .describe(
      "Which columns: every not yet encoded categorical column, or a list of names (text columns may be named to encode them as categories).",
    ),
  min_frequency: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1)
    .describe(
      "(one_hot, native) Levels seen fewer times than this at fit time are grouped into one `__other__` level.",
    ),
  max_levels: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(20)
    .describe(
      "(one_hot, native) Keep at most this many most frequent levels per column (ties: lexical order); the rest are grouped into `__other__`.",
    ),
  order: z
    .record(z.string().min(1), z.array(z.string()).min(1).max(10_000))
    .default({})
    .describe(
      "(ordinal) Declared level order per column, lowest first. Columns without one use their declared order when the categorical is ordered, else lexical order.",
    ),
  smoothing: z
    .number()
    .min(0)
    .max(1_000_000)
    .default(10)
    .describe(
      "(target) m-estimate smoothing: encoding = (sum of target + m × prior) / (count + m); 0 is the raw level mean.",
    ),
  folds: z
    .number()
    .int()
    .min(2)
    .max(20)
    .default(5)
    .describe("(target) Folds of the out-of-fold encoding of training rows (stratified for classification)."),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .default(0)
    .describe("(target) Added to the pipeline seed to draw the fold assignment."),
});

export const ScaleStepSchema = z.strictObject({
  type: z.literal("scale"),
  method: z
    .enum(["standard", "minmax", "robust"])
    .default("standard")
    .describe(
      "standard: (x − mean) / std (population std); minmax: (x − min) / (max − min); robust: (x − median) / IQR. A zero spread divides by 1.",
    ),
  columns: z
    .union([z.enum(["numeric"]), ColumnNames])
    .default("numeric")
    .describe(
      "Which features: numeric (continuous ones: raw numbers, ordinal ranks, target encodings, datetime parts; not booleans, indicators, one-hot, hashed text, native codes), or a list of names.",
    ),
});

export const DATETIME_PARTS = [
  "year",
  "month",
  "day",
  "day_of_week",
  "day_of_year",
  "hour",
  "minute",
  "epoch_days",
  "is_weekend",
] as const;
export type DatetimePart = (typeof DATETIME_PARTS)[number];

export const DatetimeFeaturesStepSchema = z.strictObject({
  type: z.literal("datetime_features"),
  features: z
    .array(z.enum(DATETIME_PARTS))
    .min(1)
    .max(DATETIME_PARTS.length)
    .default(["year", "month", "day", "day_of_week", "hour", "epoch_days"])
    .describe(
      "Parts to extract (UTC): year, month 1-12, day 1-31, day_of_week 0=Monday, day_of_year 1-366, hour, minute, epoch_days (fractional days since 1970-01-01), is_weekend 0/1.",
    ),
  cyclic: z
    .boolean()
    .default(false)
    .describe(
      "Also add sin/cos pairs for the periodic parts (month, day_of_week, day_of_year, hour, minute).",
    ),
  drop_constant: z
    .boolean()
    .default(true)
    .describe("Skip parts that are constant on the fit data (e.g. hour of date-only columns)."),
  columns: z
    .union([z.enum(["datetime"]), ColumnNames])
    .default("datetime")
    .describe("Which columns: every datetime column, or a list of names."),
});

export const TextFeaturesStepSchema = z.strictObject({
  type: z.literal("text_features"),
  method: z
    .enum(["hash", "tfidf"])
    .default("hash")
    .describe(
      "hash: word counts hashed into n_features buckets (no vocabulary); tfidf: TF-IDF over the most frequent words (smooth idf, rows L2-normalised).",
    ),
  n_features: z.number().int().min(2).max(4096).default(64).describe("(hash) Number of hash buckets."),
  max_vocabulary: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(100)
    .describe("(tfidf) Keep the most frequent words across the fit data (ties: lexical order)."),
  min_df: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1)
    .describe("(tfidf) Ignore words found in fewer rows than this at fit time."),
  columns: z
    .union([z.enum(["text"]), ColumnNames])
    .default("text")
    .describe("Which columns: every text column, or a list of names (categoricals may be named too)."),
});

export const DropColumnsStepSchema = z.strictObject({
  type: z.literal("drop_columns"),
  columns: z
    .array(z.string().min(1).max(500))
    .max(10_000)
    .default([])
    .describe("Columns or features to drop; a raw column name drops every feature derived from it."),
});

export const ClipOutliersStepSchema = z.strictObject({
  type: z.literal("clip_outliers"),
  method: z
    .enum(["iqr", "quantile"])
    .default("iqr")
    .describe(
      "iqr: bounds q1 − k·IQR and q3 + k·IQR; quantile: bounds at lower_quantile and upper_quantile. Bounds are fitted.",
    ),
  iqr_multiplier: z.number().min(0).max(100).default(1.5).describe("(iqr) The multiplier k."),
  lower_quantile: z.number().min(0).max(0.5).default(0.01).describe("(quantile) Lower bound quantile."),
  upper_quantile: z.number().min(0.5).max(1).default(0.99).describe("(quantile) Upper bound quantile."),
  columns: z
    .union([z.enum(["numeric"]), ColumnNames])
    .default("numeric")
    .describe("Which features: numeric (continuous ones, as for scale), or a list of names."),
});

export const RebalanceStepSchema = z.strictObject({
  type: z.literal("rebalance"),
  method: z
    .enum(["class_weight", "oversample"])
    .default("class_weight")
    .describe(
      "class_weight: sample weights n / (classes × class count) ('balanced'); oversample: training rows of smaller classes drawn again at random. Training rows only; transform never resamples.",
    ),
  ratio: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe("(oversample) Grow every smaller class to at least ratio × the largest class count."),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .default(0)
    .describe("(oversample) Added to the pipeline seed to draw the extra rows."),
});

export const SelectFeaturesStepSchema = z.strictObject({
  type: z.literal("select_features"),
  method: z
    .enum(["variance", "univariate"])
    .default("univariate")
    .describe(
      "univariate: keep the numeric features scoring best against the training target (|Pearson r| for regression, ANOVA F for classification); variance: drop numeric features whose variance is at most min_variance. Fitted on training rows; transform drops the same features.",
    ),
  keep_fraction: z
    .number()
    .min(0.05)
    .max(1)
    .default(0.5)
    .describe(
      "(univariate) Keep the top ceil(keep_fraction × numeric features), at least 1; ties go to the earlier feature.",
    ),
  min_variance: z
    .number()
    .min(0)
    .max(1e15)
    .default(0)
    .describe("(variance) Drop features with variance ≤ this (0 drops constant features)."),
});

/** One preprocessing step; the spec's order is the order of application. */
export const StepSchema = z.discriminatedUnion("type", [
  ImputeStepSchema,
  EncodeStepSchema,
  ScaleStepSchema,
  DatetimeFeaturesStepSchema,
  TextFeaturesStepSchema,
  DropColumnsStepSchema,
  ClipOutliersStepSchema,
  RebalanceStepSchema,
  SelectFeaturesStepSchema,
]);

export type Step = z.output<typeof StepSchema>;
export type StepInput = z.input<typeof StepSchema>;
export type StepType = Step["type"];
export type ImputeStep = z.output<typeof ImputeStepSchema>;
export type EncodeStep = z.output<typeof EncodeStepSchema>;
export type ScaleStep = z.output<typeof ScaleStepSchema>;
export type DatetimeFeaturesStep = z.output<typeof DatetimeFeaturesStepSchema>;
export type TextFeaturesStep = z.output<typeof TextFeaturesStepSchema>;
export type DropColumnsStep = z.output<typeof DropColumnsStepSchema>;
export type ClipOutliersStep = z.output<typeof ClipOutliersStepSchema>;
export type RebalanceStep = z.output<typeof RebalanceStepSchema>;
export type SelectFeaturesStep = z.output<typeof SelectFeaturesStepSchema>;

export const STEP_TYPES = [
  "impute",
  "encode",
  "scale",
  "datetime_features",
  "text_features",
  "drop_columns",
  "clip_outliers",
  "rebalance",
  "select_features",
] as const satisfies readonly StepType[];

/** Validates one step and fills its defaults; throws INVALID_SPEC naming the parameter. */
export function parseStep(input: unknown, index = 0): Step {
  const r = StepSchema.safeParse(input);
  if (!r.success) throw specErrorFromZod(r.error, `steps[${index}]`);
  return r.data;
}

/** Validates a list of steps (see `parseStep`). */
export function parseSteps(input: readonly unknown[]): Step[] {
  return input.map((s, i) => parseStep(s, i));
}
