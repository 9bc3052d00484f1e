/** agents/: the typed agent contract with its three-tier ladder, and the agents (profiler, proposer, recovery, reviewer). */
export {
  DATA_RULES,
  dataBlock,
  outputJsonSchema,
  promptJson,
  repairPromptFor,
  systemPromptFor,
  userPromptFor,
} from "./contract/agent-prompt.js";
export type {
  Agent,
  AgentDefinition,
  AgentFailure,
  AgentFailureCode,
  AgentResult,
  AgentTier,
  AgentUsage,
  AnalyzeOptions,
} from "./contract/agent-types.js";
export { defineAgent, NO_LLM_MODEL } from "./contract/define-agent.js";
export {
  checkOutput,
  coerceJson,
  formatIssues,
  formatViolations,
  type OutputCheck,
} from "./contract/output-check.js";
export { DIGEST_MAX_COLUMNS, profileDigest } from "./profiler/profile-digest.js";
export { PROFILER_RULES } from "./profiler/profile-facts.js";
export { profilerAgent } from "./profiler/profiler-agent.js";
export { checkProfilerOutput, taskMismatch } from "./profiler/profiler-checks.js";
export { profilerHeuristic } from "./profiler/profiler-heuristic.js";
export {
  type DropColumn,
  DropColumnSchema,
  type PreprocessingSuggestion,
  PreprocessingSuggestionSchema,
  type ProfilerInput,
  type ProfilerOutput,
  ProfilerOutputSchema,
  type ProfilerQualityIssue,
  ProfilerTaskSchema,
  ProfilerQualityIssueSchema,
  type Severity,
  SeveritySchema,
} from "./profiler/profiler-schema.js";
export { type AgentProposerOptions, createAgentProposer } from "./proposer/agent-proposer.js";
export { familyMoves } from "./proposer/family-moves.js";
export { type FamilyMoves, type Move, PROPOSER_RULES } from "./proposer/heuristic-moves.js";
export { fitsSteps, type ModelMoves, modelMoves } from "./proposer/model-moves.js";
export { labelOfOrigin, moveKey, moveLabel, moveOrigin } from "./proposer/move-label.js";
export { proposerAgent } from "./proposer/proposer-agent.js";
export {
  checkProposal,
  type ProposerScene,
  type ResolvedMove,
  resolveMove,
  sceneOf,
} from "./proposer/proposer-checks.js";
export { preprocessingExtras, preprocessingFixes } from "./proposer/preprocessing-moves.js";
export { heuristicCandidates, proposerHeuristic } from "./proposer/proposer-heuristic.js";
export {
  changedParams,
  MAX_HISTORY,
  proposerFacts,
  proposerInput,
  stepsSummary,
} from "./proposer/proposer-input.js";
export {
  type HistoryEntry,
  HistoryEntrySchema,
  type Incumbent,
  IncumbentSchema,
  type ProposerFacts,
  ProposerFactsSchema,
  type ProposerInput,
  ProposerInputSchema,
  type ProposerOutput,
  ProposerOutputSchema,
  type SearchSummary,
  SearchSummarySchema,
} from "./proposer/proposer-schema.js";
export {
  actionContextOf,
  type ClassFacts,
  ClassFactsSchema,
  type ColumnFact,
  ColumnFactSchema,
  type ErrorContext,
  type ErrorContextInput,
  ErrorContextSchema,
  type ErrorInfo,
  ErrorInfoSchema,
  errorContextFrom,
  errorInfoOf,
  FAILURE_CATEGORIES,
  type FailureCategory,
  failingState,
  MAX_STACK_LINES,
  type PreviousError,
  PreviousErrorSchema,
  trimStack,
} from "./recovery/error-context.js";
export { MODEL_FALLBACK_CHAINS, nextFallback } from "./recovery/fallback-chains.js";
export { definePattern, type FailurePattern, type PatternDeclaration } from "./recovery/failure-pattern.js";
export {
  categoryOf,
  FAILURE_PATTERNS,
  MAX_FIXES,
  matchPatterns,
  type PatternFixes,
  patternFixes,
} from "./recovery/failure-patterns.js";
export {
  type CheckedFix,
  checkFix,
  type FailingScene,
  sceneOfFailure,
  whyTried,
} from "./recovery/fix-check.js";
export {
  applyFix,
  type Diagnosis,
  type DiagnoseOptions,
  diagnoseContext,
  diagnoseFailure,
  type RecoverInput,
  RecoverInputSchema,
  type RecoverResult,
  recover,
} from "./recovery/recover.js";
export { type AgentRecovererOptions, createAgentRecoverer } from "./recovery/agent-recoverer.js";
export { type RecordedRuns, recoverTrial } from "./recovery/recover-trial.js";
export { recoveryAgent } from "./recovery/recovery-agent.js";
export { checkRecovery } from "./recovery/recovery-checks.js";
export { recoveryHeuristic } from "./recovery/recovery-heuristic.js";
export { type RecoveryOutput, RecoveryFixSchema, RecoveryOutputSchema } from "./recovery/recovery-schema.js";
export { type Family, familyOf } from "./reviewer/estimator-family.js";
export { METRIC_SCALES, type MetricScale } from "./reviewer/metric-scale.js";
export { reviewerAgent } from "./reviewer/reviewer-agent.js";
export { checkReviewerOutput } from "./reviewer/reviewer-checks.js";
export { reviewerHeuristic } from "./reviewer/reviewer-heuristic.js";
export { REVIEW_RULES } from "./reviewer/review-context.js";
export {
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  FindingSchema,
  type LeaderboardEntry,
  LeaderboardEntrySchema,
  type NextStep,
  NextStepSchema,
  type ReviewDiagnostics,
  ReviewDiagnosticsSchema,
  type ReviewerInput,
  ReviewerInputSchema,
  type ReviewerOutput,
  ReviewerOutputSchema,
  ReviewSeveritySchema,
} from "./reviewer/reviewer-schema.js";
