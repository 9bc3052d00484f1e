/** The orchestrated loop: run config, search phases, ensemble, refit, artifacts, resume. */
export { graceMs, RunClock } from "./clock.js";
export { CvPlan, defaultFolds } from "./cv-plan.js";
export { type EvaluateOptions, evaluatePipeline, type PipelineScore } from "./evaluate-pipeline.js";
export { type ExploitPlan, lineages, planExploit } from "./exploit.js";
export {
  chooseEnsemble,
  type EnsembleChoice,
  fitEnsembleToTime,
  type RefitResult,
  refit,
  refitSeconds,
  scoreTest,
} from "./finish.js";
export {
  blendMembers,
  type FittedPipeline,
  labelsAsProba,
  FittedPipelineSchema,
  type PipelineMember,
  type PipelinePrediction,
  parseFittedPipeline,
  predictPipeline,
} from "./fitted-pipeline.js";
export { FoldCache, type FoldData, fitOnRows, subsampleRows } from "./fold-data.js";
export { createMemoryRecorder, restoreTrials, trialOfRecord } from "./memory-recorder.js";
export { baselinePortfolio, stepsFor } from "./portfolio.js";
export type { DecisionLog, ProposalRequest, ProposalResult, Proposer } from "./proposer.js";
export type { Recoverer, RecoveryRequest, RecoveryResult } from "./recoverer.js";
export { type RecoveryAttempt, type RecoverySummary, summarizeRecoveries } from "./recoveries.js";
export {
  PHASES,
  type Phase,
  type RunConfig,
  type RunConfigInput,
  RunConfigSchema,
  STOP_REASONS,
  type StopReason,
} from "./run-config.js";
export { loadRunData, type RunData } from "./run-data.js";
export { parseRunConfig, type RunOptions, resumeRun, runAutoML } from "./run-loop.js";
export { reviewRun } from "./review-run.js";
export type { DecisionSummary, RunResult } from "./run-result.js";
export {
  type LoopEvent,
  type Oof,
  type RunRecorder,
  Search,
  type SearchContext,
  MAX_RECOVERIES_PER_RUN,
  MAX_RETRIES_PER_FAILURE,
  type SearchResult,
} from "./search.js";
export {
  bestTrial,
  betterTrial,
  type LeaderboardRow,
  leaderboard,
  type LoopSettings,
  succeeded,
  TRIAL_STATUSES,
  type Trial,
  type TrialError,
  type TrialRecovery,
  type TrialStatus,
  trialKey,
} from "./trial.js";
export { predictionsCsv, writeArtifacts } from "./write-artifacts.js";
