/** The reviewer agent's contract: a leaderboard with diagnostics in, a verdict with findings and next steps out. */
import { z } from "zod";
import { TaskSchema } from "../../data/task.js";
import { MetricNameSchema } from "../../evaluate/metrics/registry.js";

export const LeaderboardEntrySchema = z.object({
  rank: z.number().int().min(1).describe("1 = best"),
  estimator: z.string().min(1).max(200).describe("Estimator name, e.g. hist_gradient_boosting_classifier"),
  cvScore: z.number().describe("Mean cross-validated score, in metric units"),
  cvStd: z.number().nonnegative().describe("Standard deviation of the fold scores"),
  trainScore: z.number().optional().describe("Score on the training folds (for the overfit gap)"),
  fitSeconds: z.number().nonnegative().describe("Mean fit time per fold, seconds"),
  params: z.record(z.string(), z.unknown()).optional().describe("Hyperparameters of the trial"),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;

export const ReviewDiagnosticsSchema = z.object({
  overfitGap: z
    .number()
    .optional()
    .describe("Train minus CV score of the best model, oriented so that positive means train is better"),
  leakageSuspects: z
    .array(z.string())
    .optional()
    .describe("Columns profiling suspects of leaking the target"),
  imbalanceRatio: z.number().min(1).optional().describe("Majority / minority class rows"),
  nRows: z.number().int().nonnegative().describe("Training rows"),
  nFeatures: z.number().int().nonnegative().describe("Features after preprocessing"),
});
export type ReviewDiagnostics = z.infer<typeof ReviewDiagnosticsSchema>;

export const ReviewerInputSchema = z.object({
  task: TaskSchema,
  metric: MetricNameSchema,
  direction: z.enum(["max", "min"]).describe("max: larger is better; min: smaller is better"),
  leaderboard: z.array(LeaderboardEntrySchema).min(1),
  diagnostics: ReviewDiagnosticsSchema.optional(),
  profileSummary: z.string().max(4000).optional(),
});
export type ReviewerInput = z.infer<typeof ReviewerInputSchema>;

export const FINDING_KINDS = [
  "overfit",
  "underfit",
  "leakage",
  "imbalance",
  "variance",
  "noise",
  "data_size",
  "ok",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const ReviewSeveritySchema = z
  .enum(["low", "medium", "high"])
  .describe("low: worth knowing; medium: limits the model; high: the results cannot be trusted as they are");

export const FindingSchema = z.object({
  kind: z
    .enum(FINDING_KINDS)
    .describe(
      "overfit: train much better than CV; underfit: cannot fit even the training data or the baseline; leakage: too good to be true; imbalance: class skew distorts the metric; variance: fold scores spread; noise: differences between models within the spread; data_size: too few rows for the features; ok: healthy",
    ),
  evidence: z.string().min(1).max(600).describe("The numbers that show it"),
  severity: ReviewSeveritySchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const NextStepSchema = z.object({
  action: z.string().min(1).max(400).describe("What to do next, in plain words"),
  why: z.string().min(1).max(400).describe("The finding or number it answers"),
});
export type NextStep = z.infer<typeof NextStepSchema>;

export const ReviewerOutputSchema = z
  .object({
    verdict: z
      .string()
      .min(1)
      .max(600)
      .describe("One or two sentences: how good the best model is and the main concern"),
    findings: z.array(FindingSchema).min(1).max(30).describe("What the leaderboard shows, worst first"),
    nextSteps: z.array(NextStepSchema).min(1).max(10).describe("The most useful next moves, best first"),
    confidence: z.enum(["low", "medium", "high"]).describe("How far the scores can be trusted"),
  })
  .describe("The reviewer's reading of a leaderboard");
export type ReviewerOutput = z.infer<typeof ReviewerOutputSchema>;
