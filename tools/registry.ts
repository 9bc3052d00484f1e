/** The one tool registry: MCP registration, the HTTP endpoint and the LLM tool formats all read TOOLS. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import { listActionsTool, listModelsTool } from "./catalog-tools.js";
import { evaluateTool } from "./evaluate-tool.js";
import { exportTool } from "./export-tool.js";
import { profileTool } from "./profile-tool.js";
import { proposeActionTool } from "./propose-action-tool.js";
import { recoverTool } from "./recover-tool.js";
import { cancelRunTool, runStatusTool } from "./run-status-tool.js";
import { similarRunsTool } from "./similar-runs-tool.js";
import { startRunTool } from "./start-run-tool.js";
import type { AnyTool } from "./tool-definition.js";
import { trainTool } from "./train-tool.js";

/** Every tool, in the order clients list them. */
export const TOOLS: readonly AnyTool[] = [
  profileTool,
  similarRunsTool,
  proposeActionTool,
  trainTool,
  evaluateTool,
  recoverTool,
  exportTool,
  startRunTool,
  runStatusTool,
  cancelRunTool,
  listActionsTool,
  listModelsTool,
] as readonly AnyTool[];

const BY_NAME = new Map(TOOLS.map((t) => [t.name, t]));

/** The tool of that name, or TOOL_NOT_FOUND with did-you-mean. */
export function getTool(name: string): AnyTool {
  const tool = BY_NAME.get(name);
  if (tool !== undefined) return tool;
  const names = TOOLS.map((t) => t.name);
  const suggestions = closestNames(name, names);
  throw new AlchemistError(
    "TOOL_NOT_FOUND",
    `No tool named '${name}'.${suggestions.length > 0 ? ` Did you mean '${suggestions[0]}'?` : ""} Tools: ${names.join(", ")}.`,
    { parameter: "name", suggestions, allowed: names },
  );
}
