/** What the loop asks of recovery (the recovery agent, or a scripted one in tests) when a trial fails. */
import type { Profile } from "../data/profile/index.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import type { DecisionLog } from "./proposer.js";
import type { LoopSettings, Trial, TrialRecovery } from "./trial.js";
import type { PipelineSpec } from "../data/preprocess/index.js";

export interface RecoveryRequest {
  runId: string;
  profile: Profile;
  metric: MetricName;
  /** Training rows of the run. */
  rows: number;
  /** The trial that just failed. */
  failed: Trial;
  /** The failure chain it ends: the first failed trial, then its retries, oldest first (`failed` last). */
  chain: readonly Trial[];
  /** Every trial so far, in order (earlier errors of the run come from here). */
  trials: readonly Trial[];
  /** Keys (`trialKey`) of every state already evaluated: a retry of one of them is wasted. */
  tried: ReadonlySet<string>;
  signal?: AbortSignal;
}

export interface RecoveryResult {
  /** The state to retry, with what healed it; null when recovery gives up on this failure. */
  next: { spec: PipelineSpec; settings: LoopSettings; recovery: TrialRecovery } | null;
  /** Why there is no retry (not recoverable, no fix left, …); set when `next` is null. */
  reason?: string;
  /** The diagnosis as the run records it. */
  decision: DecisionLog | null;
  /** The LLM money budget is spent. */
  moneyExhausted?: boolean;
}

export interface Recoverer {
  recover(request: RecoveryRequest): Promise<RecoveryResult>;
}
