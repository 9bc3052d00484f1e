/** RunResult: what a finished run reports (the `--json` object of `alchemist run`, and the report's data). */
import type { ReviewerOutput } from "../agents/index.js";
import type { PipelineSpec } from "../data/preprocess/index.js";
import type { Task } from "../data/task.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import type { RecoverySummary } from "./recoveries.js";
import type { StopReason } from "./run-config.js";
import type { LeaderboardRow } from "./trial.js";
import type { WarmStartSummary } from "./warm-start/index.js";

export interface DecisionSummary {
  seq: number | null;
  agent: string;
  tier: string;
  accepted: boolean;
  /** What the agent decided (e.g. the proposed action with its rationale). */
  output: unknown;
}

/**
 * A model of a task outside PipelineSpec (a forecaster, a clusterer, a detector), in the same shape
 * where they overlap: the estimator's name and params, and its preprocessing as steps.
 */
export interface TaskModelSpec {
  task: Task;
  estimator: { name: string; params: Record<string, unknown> };
  steps: { type: string; [key: string]: unknown }[];
}

export interface RunResult {
  run_id: string;
  task: Task;
  metric: MetricName;
  /** CV score of the final model (the ensemble's out-of-fold score when ensembled). */
  cv_score: number;
  /** The sealed test score; null without a labelled test table. */
  test_score: number | null;
  best_pipeline: {
    ensembled: boolean;
    members: { seq: number; weight: number; spec: PipelineSpec | TaskModelSpec }[];
    /**
     * Set when the final model was not refitted on all rows (the time left did not allow it): each
     * member is then its trial's this many cross-validation fold models, averaged.
     */
    fold_models?: number;
  };
  leaderboard: LeaderboardRow[];
  decisions: DecisionSummary[];
  trials: { total: number; ok: number; recovered: number; failed: number; timed_out: number };
  /** Every failure of the search: its diagnosis, each fix tried, and whether a retry healed it. */
  recoveries: RecoverySummary[];
  seconds: number;
  stopped_because: StopReason;
  /** The reviewer agent's reading of the leaderboard (verdict, findings, next steps). */
  review: ReviewerOutput | null;
  /** The past runs this run learned from (nearest datasets) and how many pipelines it seeded; null: a cold start. */
  warm_start?: WarmStartSummary | null;
  /** Files written (report, leaderboard, pipeline, predictions). */
  artifacts: Record<string, string>;
  notes: string[];
}
