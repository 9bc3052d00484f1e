/** tools/: one file per tool (zod schemas + handler) and the one registry MCP, HTTP and LLM tool formats read. */
export { listActionsTool, listModelsTool } from "./catalog-tools.js";
export { evaluateTool } from "./evaluate-tool.js";
export { exportTool } from "./export-tool.js";
export { errorText, inputError, invokeTool, type ToolOutcome } from "./invoke-tool.js";
export {
  createJobManager,
  type JobEvent,
  type JobManager,
  type JobManagerOptions,
  type JobSnapshot,
  type JobStatus,
} from "./jobs/index.js";
export { profileTool } from "./profile-tool.js";
export { proposeActionTool } from "./propose-action-tool.js";
export { recoverTool } from "./recover-tool.js";
export { getTool, TOOLS } from "./registry.js";
export { normalizeRoots, resolveInRoots } from "./roots.js";
export { createRunDataCache, type LoadedRun, type RunDataCache } from "./run-data-cache.js";
export { configOfRun, profileOfRun, RunRefSchema, trialsOfRun, trialView } from "./run-views.js";
export { cancelRunTool, runStatusTool } from "./run-status-tool.js";
export { startRunTool } from "./start-run-tool.js";
export {
  type AnyTool,
  defineTool,
  type ProgressReporter,
  READ_ONLY,
  type ToolCallContext,
  type ToolDefinition,
  type ToolHints,
} from "./tool-definition.js";
export {
  anthropicTools,
  openAiTools,
  type ToolDescriptor,
  toolDescriptors,
  toolJsonSchemas,
} from "./tool-formats.js";
export { createToolServices, type ToolServices, type ToolServicesOptions } from "./tool-services.js";
export { trainTool } from "./train-tool.js";
