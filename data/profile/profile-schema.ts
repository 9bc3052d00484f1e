/** The Profile contract: what deterministic profiling tells the agents about a Frame (zod first, types derived). */
import { z } from "zod";
import { CoercionKindSchema, CoercionSchema } from "../coercion.js";
import { TaskSchema } from "../task.js";
import { ColumnProfileSchema, count, LevelCountSchema, rate } from "./column-schema.js";

/** The reader's coercion record, with its `kind` described here too (agents read every field). */
const ProfileCoercionSchema = CoercionSchema.extend({
  kind: CoercionKindSchema.describe(
    "What was decided: missing (values turned missing), type, format (dates), level (suspicious label kept), rename, encoding, structure (padding, BOM, delimiter) or value (kept but flagged)",
  ),
});

export const ClassificationTargetSchema = z
  .object({
    nClasses: count("Distinct classes among non-missing target rows"),
    classes: z
      .array(LevelCountSchema)
      .describe("Classes with their row counts, most frequent first (at most 100 listed)"),
    majorityClass: z.string().describe("Most frequent class"),
    minorityClass: z.string().describe("Least frequent class"),
    imbalanceRatio: z.number().min(1).describe("Rows of the majority class / rows of the minority class"),
    balance: rate(
      "Normalised entropy of the class shares: 1 = perfectly balanced, near 0 = one class dominates",
    ),
    majorityRate: rate("Share of the majority class: the accuracy of always predicting it"),
  })
  .describe("Class distribution of a classification target");
export type ClassificationTarget = z.infer<typeof ClassificationTargetSchema>;

export const RegressionTargetSchema = z
  .object({
    min: z.number().nullable().describe("Smallest finite target value"),
    max: z.number().nullable().describe("Largest finite target value"),
    mean: z.number().nullable().describe("Mean target value"),
    std: z.number().nullable().describe("Sample standard deviation of the target"),
    skewness: z.number().nullable().describe("Adjusted Fisher-Pearson skewness of the target"),
    distinct: count("Distinct target values"),
    integerValued: z.boolean().describe("Every target value is a whole number"),
    logTransformMayHelp: z
      .boolean()
      .describe("All values >= 0 and skewness > 1: predicting log1p(target) may fit better"),
  })
  .describe("Distribution of a numeric (regression or forecast) target");
export type RegressionTarget = z.infer<typeof RegressionTargetSchema>;

export const TargetAnalysisSchema = z
  .object({
    name: z.string().describe("Target column"),
    kind: z.enum(["numeric", "categorical", "boolean", "datetime", "text"]).describe("Its column kind"),
    missing: count("Rows with a missing target: they are dropped before training"),
    missingRate: rate("Missing target rows / rows"),
    classification: ClassificationTargetSchema.nullable().describe(
      "Present when the target is treated as classes (binary, multiclass, or labels for clustering/anomaly)",
    ),
    regression: RegressionTargetSchema.nullable().describe("Present when the target is a numeric quantity"),
  })
  .describe("What the target looks like");
export type TargetAnalysis = z.infer<typeof TargetAnalysisSchema>;

export const LeakageMetricSchema = z
  .enum(["pearson", "equal-values", "rule-accuracy", "group-r2"])
  .describe(
    "pearson: |correlation| with a numeric target; equal-values: share of rows equal to the target; rule-accuracy: accuracy of predicting the class from this feature alone; group-r2: target variance explained by the feature's levels",
  );

export const LeakageSuspectSchema = z
  .object({
    column: z.string().describe("The suspicious feature"),
    metric: LeakageMetricSchema,
    score: z
      .number()
      .describe("The metric's value (0..1; the closer to 1, the more it gives the answer away)"),
    reason: z.string().describe("Why it is suspected, in plain words"),
  })
  .describe("A feature that alone predicts the target almost perfectly: probably leaks the answer");
export type LeakageSuspect = z.infer<typeof LeakageSuspectSchema>;

export const QualityIssueSchema = z
  .enum([
    "missing-values",
    "mostly-missing-columns",
    "duplicate-rows",
    "constant-columns",
    "near-constant-columns",
    "id-like-columns",
    "leakage",
    "high-cardinality",
    "class-imbalance",
    "too-few-rows",
    "missing-target",
  ])
  .describe("The kind of problem");

export const QualityReasonSchema = z.object({
  issue: QualityIssueSchema,
  penalty: z.number().nonnegative().describe("Points taken off the score of 100"),
  message: z.string().describe("The problem and what to do about it, in plain words"),
});
export type QualityReason = z.infer<typeof QualityReasonSchema>;

export const QualitySchema = z
  .object({
    score: z.number().int().min(0).max(100).describe("100 = no known problem; every reason takes points off"),
    reasons: z.array(QualityReasonSchema).describe("Each problem found, largest penalty first"),
  })
  .describe("A rough 0..100 data-quality score with its reasons");
export type Quality = z.infer<typeof QualitySchema>;

export const ProfileSchema = z
  .object({
    nRows: count("Rows"),
    nColumns: count("Columns, target included"),
    duplicateRows: count("Rows identical (every column) to an earlier row"),
    missingCells: count("Missing cells over the whole table"),
    missingCellRate: rate("Missing cells / (rows * columns)"),
    memoryBytes: count(
      "Approximate in-memory size: typed arrays plus 2 bytes per character of level strings",
    ),
    coercions: z.array(ProfileCoercionSchema).describe("Every decision the reader made about the data"),
    task: TaskSchema,
    taskReason: z.string().describe("Why this task was chosen, in plain words"),
    timeColumn: z.string().nullable().describe("The datetime column ordering the rows of a forecast"),
    target: TargetAnalysisSchema.nullable().describe("Null when no target was given (clustering)"),
    leakage: z.array(LeakageSuspectSchema).describe("Features suspected of leaking the target, worst first"),
    quality: QualitySchema,
    columns: z.array(ColumnProfileSchema).describe("Every column, in frame order"),
  })
  .describe("Deterministic profile of a table: same data, same profile");
export type Profile = z.infer<typeof ProfileSchema>;
