/** Options, leaderboard rows and the serialised final models of the clustering and anomaly searches. */
import { z } from "zod";
import type { Frame } from "../../data/frame.js";
import { PreprocessorJSONSchema } from "../../data/preprocess/index.js";
import { DetectorJSONSchema } from "../../trainers/anomaly/index.js";
import { ClusterModelJSONSchema } from "../../trainers/cluster/index.js";

export const SCALINGS = ["standard", "robust", "none"] as const;
export const ScalingSchema = z
  .enum(SCALINGS)
  .describe("standard: z-scores; robust: (x − median) / IQR; none: raw units (continuous features only)");
export type Scaling = z.infer<typeof ScalingSchema>;

export const LeaderboardEntrySchema = z.object({
  rank: z.number().int().positive(),
  model: z
    .string()
    .describe(
      "kmeans, minibatch_kmeans, gmm, dbscan, ward; isolation_forest, lof, robust_z, hbos, rank_ensemble",
    ),
  params: z.record(z.string(), z.unknown()),
  scaling: ScalingSchema,
  criterion: z.string().describe("what `score` measures (label-free)"),
  score: z.number().describe("the criterion's value; higher is better"),
  seconds: z.number().nonnegative(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;
/** A leaderboard row before ranking (what `onTrial` receives). */
export type TrialEntry = Omit<LeaderboardEntry, "rank">;

export const ClusteringModelSchema = z.object({
  format: z.literal("alchemist.unsupervised"),
  version: z.literal(1),
  task: z.literal("clustering"),
  features: z.array(z.string()),
  scaling: ScalingSchema,
  preprocessor: PreprocessorJSONSchema,
  model: ClusterModelJSONSchema,
  criterion: z.object({ name: z.string(), value: z.number() }),
});
export type ClusteringModelJSON = z.infer<typeof ClusteringModelSchema>;

export const CalibrationSchema = z
  .array(z.number())
  .describe(
    "sorted quantiles of the member's training scores; a score maps to its interpolated rank in [0, 1]",
  );

export const AnomalyMemberSchema = z.object({
  scaling: ScalingSchema,
  preprocessor: PreprocessorJSONSchema,
  detector: DetectorJSONSchema,
  calibration: CalibrationSchema,
  weight: z.number().positive().describe("share of the member in the rank mean (weights sum to 1)"),
});
export type AnomalyMemberJSON = z.infer<typeof AnomalyMemberSchema>;

export const AnomalyModelSchema = z.object({
  format: z.literal("alchemist.unsupervised"),
  version: z.literal(1),
  task: z.literal("anomaly"),
  features: z.array(z.string()),
  combine: z
    .enum(["single", "rank_mean"])
    .describe(
      "single: the one member's raw score; rank_mean: weighted mean of the members' calibrated ranks",
    ),
  members: z.array(AnomalyMemberSchema).min(1),
  threshold: z.number().describe("scores strictly above are flagged 1"),
  contamination: z.number().describe("estimated share of anomalies in the training rows"),
  criterion: z.object({ name: z.string(), value: z.number() }),
});
export type AnomalyModelJSON = z.infer<typeof AnomalyModelSchema>;

export const UnsupervisedModelSchema = z.discriminatedUnion("task", [
  ClusteringModelSchema,
  AnomalyModelSchema,
]);
export type UnsupervisedModelJSON = z.infer<typeof UnsupervisedModelSchema>;

export interface UnsupervisedSearchOptions {
  /** Training rows; only `features` are read (a label column, if present, is never touched). */
  readonly frame: Frame;
  readonly features: readonly string[];
  /** Wall-clock budget of the whole search, from the call; the search ends before it. */
  readonly budgetMs: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
  /** Called after each finished candidate. */
  readonly onTrial?: (entry: TrialEntry) => void;
}
