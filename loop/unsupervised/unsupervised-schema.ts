/** Options, leaderboard rows and the serialised final models of the clustering and anomaly searches. */
import { z } from "zod";
import type { Frame } from "../../data/frame.js";
import type { CandidateRef } from "./candidate-ref.js";
import { PreprocessorJSONSchema } from "../../data/preprocess/index.js";
import { DetectorJSONSchema } from "../../trainers/anomaly/index.js";
import { ClusterModelJSONSchema } from "../../trainers/cluster/index.js";

export const SCALINGS = ["standard", "robust", "minmax", "none"] as const;
export const ScalingSchema = z
  .enum(SCALINGS)
  .describe(
    "standard: z-scores; robust: (x − median) / IQR; minmax: to [0, 1]; none: raw units (continuous features only)",
  );
export type Scaling = z.infer<typeof ScalingSchema>;
/** The scalings the sweeps try (min-max comes only from a proposal: outliers squash it). */
export const SWEPT_SCALINGS: readonly Scaling[] = ["standard", "robust", "none"];

export const LeaderboardEntrySchema = z.object({
  rank: z.number().int().positive(),
  model: z
    .string()
    .describe(
      "a MODEL_REGISTRY estimator (kmeans, gaussian_mixture, ward, dbscan, …; isolation_forest, local_outlier_factor, robust_z, hbos), or rank_ensemble",
    ),
  params: z.record(z.string(), z.unknown()).describe("the registry estimator's params, as tried"),
  info: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("what the fit found, e.g. a mixture's BIC or DBSCAN's eps and noise rows"),
  scaling: ScalingSchema,
  criterion: z.string().describe("what `score` measures (label-free)"),
  score: z.number().describe("the criterion's value; higher is better"),
  seconds: z.number().nonnegative(),
  origin: z
    .string()
    .optional()
    .describe("absent for the sweep; the proposer's action (e.g. `set_hyperparameter k = 3 (heuristic)`)"),
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
  /**
   * The explore phase: asked after the sweep, while the budget lasts, for one more candidate given
   * every scored one (scores up to date) and those that failed; null ends the phase.
   */
  readonly propose?: (
    done: readonly TrialEntry[],
    failed: readonly CandidateRef[],
  ) => Promise<{ ref: CandidateRef; origin: string } | null>;
}
