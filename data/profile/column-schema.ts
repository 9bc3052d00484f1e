/** The column-level part of the Profile contract: statistics per column kind, flags and roles. */
import { z } from "zod";

/** A described non-negative integer count. */
export const count = (what: string) => z.number().int().nonnegative().describe(what);
/** A described share in [0, 1]. */
export const rate = (what: string) => z.number().min(0).max(1).describe(what);

export const QuantilesSchema = z
  .object({
    p0: z.number().describe("Minimum (0th percentile)"),
    p1: z.number().describe("1st percentile"),
    p5: z.number().describe("5th percentile"),
    p25: z.number().describe("25th percentile (first quartile)"),
    p50: z.number().describe("Median"),
    p75: z.number().describe("75th percentile (third quartile)"),
    p95: z.number().describe("95th percentile"),
    p99: z.number().describe("99th percentile"),
    p100: z.number().describe("Maximum (100th percentile)"),
  })
  .describe("Percentiles of the finite values, linear interpolation between order statistics as pandas does");
export type Quantiles = z.infer<typeof QuantilesSchema>;

export const NumericStatsSchema = z
  .object({
    finiteCount: count("Non-missing values that are finite (the statistics below use only these)"),
    min: z.number().nullable().describe("Smallest finite value; null when there is none"),
    max: z.number().nullable().describe("Largest finite value; null when there is none"),
    mean: z.number().nullable().describe("Arithmetic mean of the finite values"),
    std: z.number().nullable().describe("Sample standard deviation (ddof=1, as pandas); null below 2 values"),
    skewness: z
      .number()
      .nullable()
      .describe(
        "Adjusted Fisher-Pearson skewness (pandas Series.skew); >1 strongly right-skewed; null below 3",
      ),
    quantiles: QuantilesSchema.nullable(),
    zeros: count("Values equal to 0"),
    negatives: count("Values below 0 (including -Infinity)"),
    infinite: count("Values equal to +Infinity or -Infinity"),
    integerValued: z.boolean().describe("Every finite value is a whole number"),
    strictlyIncreasing: z
      .boolean()
      .describe("Finite values strictly increase down the rows (row-number-like)"),
    iqrOutliers: count("Values outside [Q1 - 1.5*IQR, Q3 + 1.5*IQR] (Tukey fences)"),
  })
  .describe("Statistics of a numeric column");
export type NumericStats = z.infer<typeof NumericStatsSchema>;

export const LevelCountSchema = z.object({
  level: z.string().describe("The value"),
  count: count("Rows holding it"),
  rate: rate("Share of non-missing rows holding it"),
});
export type LevelCount = z.infer<typeof LevelCountSchema>;

export const CategoricalStatsSchema = z
  .object({
    declaredLevels: count("Levels in the dictionary, used or not"),
    topLevels: z.array(LevelCountSchema).describe("Up to 10 most frequent values, most frequent first"),
    rareLevels: count("Observed levels held by fewer than max(2, 1% of non-missing) rows"),
  })
  .describe("Level frequencies of a categorical column");
export type CategoricalStats = z.infer<typeof CategoricalStatsSchema>;

export const TextStatsSchema = CategoricalStatsSchema.extend({
  lengthMin: z.number().nullable().describe("Shortest non-missing value, in UTF-16 code units"),
  lengthMean: z.number().nullable().describe("Mean length over non-missing rows, in UTF-16 code units"),
  lengthMax: z.number().nullable().describe("Longest non-missing value, in UTF-16 code units"),
}).describe("Level frequencies and lengths of a text column");
export type TextStats = z.infer<typeof TextStatsSchema>;

export const BooleanStatsSchema = z
  .object({
    trueCount: count("Rows that are true"),
    falseCount: count("Rows that are false"),
    trueRate: z.number().min(0).max(1).nullable().describe("Share of non-missing rows that are true"),
  })
  .describe("Counts of a boolean column");
export type BooleanStats = z.infer<typeof BooleanStatsSchema>;

export const FrequencySchema = z
  .object({
    alias: z
      .string()
      .describe('pandas-like offset alias, e.g. "D", "h", "W", "MS" (month start), "ME", "YS", "15min"'),
    description: z.string().describe('The step in plain words, e.g. "monthly (month start)"'),
    regularity: rate("Share of steps between consecutive distinct timestamps that match this frequency"),
  })
  .describe("The inferred step of a datetime column");
export type Frequency = z.infer<typeof FrequencySchema>;

export const DatetimeStatsSchema = z
  .object({
    min: z.string().nullable().describe("Earliest timestamp, ISO 8601 UTC"),
    max: z.string().nullable().describe("Latest timestamp, ISO 8601 UTC"),
    monotonic: z.boolean().describe("Non-missing timestamps never decrease down the rows (sorted)"),
    duplicateTimestamps: count("Non-missing rows whose timestamp already appeared in an earlier row"),
    medianStepMs: z
      .number()
      .nullable()
      .describe("Median gap between consecutive distinct timestamps, in milliseconds"),
    frequency: FrequencySchema.nullable().describe(
      "Regular frequency when at least 80% of the steps match one; null when irregular or too few values",
    ),
  })
  .describe("Range and regularity of a datetime column");
export type DatetimeStats = z.infer<typeof DatetimeStatsSchema>;

export const ColumnFlagsSchema = z
  .object({
    allMissing: z.boolean().describe("Every row is missing"),
    constant: z.boolean().describe("Exactly one distinct non-missing value"),
    nearConstant: z
      .boolean()
      .describe("Not constant, but the most frequent value holds at least 99% of non-missing rows"),
    idLike: z
      .boolean()
      .describe(
        "Looks like a row identifier (all values distinct integers or tokens covering ~all rows, or strictly increasing integers): useless as a feature",
      ),
  })
  .describe("Warnings about the column");
export type ColumnFlags = z.infer<typeof ColumnFlagsSchema>;

export const ColumnRoleSchema = z
  .enum(["feature", "target", "time"])
  .describe("target: what is predicted; time: orders the rows of a forecast; feature: everything else");
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

const columnBase = {
  name: z.string().describe("Column name"),
  role: ColumnRoleSchema,
  missing: count("Missing cells"),
  missingRate: rate("Missing cells / rows"),
  cardinality: count("Distinct non-missing values"),
  topValueRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("Share of non-missing rows holding the most frequent value; null when all missing"),
  flags: ColumnFlagsSchema,
};

export const NumericColumnProfileSchema = z.object({
  ...columnBase,
  kind: z.literal("numeric").describe("Numbers"),
  numeric: NumericStatsSchema,
});
export const CategoricalColumnProfileSchema = z.object({
  ...columnBase,
  kind: z.literal("categorical").describe("Labels from a small set"),
  categorical: CategoricalStatsSchema,
});
export const TextColumnProfileSchema = z.object({
  ...columnBase,
  kind: z.literal("text").describe("Free text"),
  text: TextStatsSchema,
});
export const BooleanColumnProfileSchema = z.object({
  ...columnBase,
  kind: z.literal("boolean").describe("true / false"),
  boolean: BooleanStatsSchema,
});
export const DatetimeColumnProfileSchema = z.object({
  ...columnBase,
  kind: z.literal("datetime").describe("Timestamps"),
  datetime: DatetimeStatsSchema,
});

export const ColumnProfileSchema = z
  .discriminatedUnion("kind", [
    NumericColumnProfileSchema,
    CategoricalColumnProfileSchema,
    TextColumnProfileSchema,
    BooleanColumnProfileSchema,
    DatetimeColumnProfileSchema,
  ])
  .describe("One column: counts and flags for every kind, plus the statistics block named after its kind");
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;
export type NumericColumnProfile = z.infer<typeof NumericColumnProfileSchema>;
export type CategoricalColumnProfile = z.infer<typeof CategoricalColumnProfileSchema>;
export type TextColumnProfile = z.infer<typeof TextColumnProfileSchema>;
export type BooleanColumnProfile = z.infer<typeof BooleanColumnProfileSchema>;
export type DatetimeColumnProfile = z.infer<typeof DatetimeColumnProfileSchema>;
