/** server/mcp: the MCP server factory (tools, run resources, test fixtures) and the stdio transport. */
export {
  type AlchemistMcpOptions,
  createAlchemistMcpServer,
  SERVER_INSTRUCTIONS,
} from "./create-mcp-server.js";
export { registerRunResources } from "./run-resources.js";
export { serveMcpStdio } from "./serve-stdio.js";
export { mcpToolCallback, progressFor } from "./tool-handler.js";
