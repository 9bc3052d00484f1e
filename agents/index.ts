/** agents/: the typed agent contract with its three-tier ladder, and the agents (profiler, reviewer). */
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
