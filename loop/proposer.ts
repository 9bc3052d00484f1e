/** What the loop asks of a proposer (the proposer agent, or a scripted one in tests) in the explore phase. */
import type { PipelineSpec } from "../data/preprocess/index.js";
import type { Profile } from "../data/profile/index.js";
import type { Task } from "../data/task.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import type { LoopSettings, Trial } from "./trial.js";
import type { PastDataset } from "./warm-start/plan.js";

/** One agent decision as the run records it (accepted or not). */
export interface DecisionLog {
  agent: string;
  tier: "structured" | "json" | "heuristic";
  model: string | null;
  output: unknown;
  failures: readonly { tier: string; code: string; message: string }[];
  accepted: boolean;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
}

export interface ProposalRequest {
  runId: string;
  profile: Profile;
  task: Task;
  metric: MetricName;
  /** Every trial so far, in order. */
  trials: readonly Trial[];
  /** The state the proposal changes: the best trial of the explore lineage. */
  incumbent: Trial;
  /** Keys (`trialKey`) of every state already evaluated: proposing one again is a wasted trial. */
  tried: ReadonlySet<string>;
  /**
   * Warm start: the nearest past datasets (normalised meta-feature distance, nearest first) with
   * their best pipelines and scores, as the run's plan holds them. Absent on a cold run.
   */
  warmStart?: readonly PastDataset[];
  /**
   * What the trials' scores measure when it is not the metric's cross-validated score (a task
   * search's label-free criterion, e.g. a silhouette); absent: the metric.
   */
  scoreMeaning?: string;
  signal?: AbortSignal;
}

export interface ProposalResult {
  /** The next state to evaluate, or null when the proposer has nothing new to try. */
  next: { spec: PipelineSpec; settings: LoopSettings; origin: string } | null;
  /** Decisions made on the way (a rejected LLM proposal and the fallback that replaced it, …). */
  decisions: DecisionLog[];
  /** The LLM money budget is spent: the loop stops searching. */
  moneyExhausted?: boolean;
}

export interface Proposer {
  propose(request: ProposalRequest): Promise<ProposalResult>;
}
