/** The MCP server of Alchemist: every registry tool and the run resources, built fresh per connection or request. */
import { McpServer } from "@modelcontextprotocol/server";
import { TOOLS, type ToolServices } from "../../tools/index.js";
import { registerConformanceFixtures } from "./conformance-fixtures.js";
import { registerRunResources } from "./run-resources.js";
import { mcpToolCallback } from "./tool-handler.js";

export interface AlchemistMcpOptions {
  services: ToolServices;
  /** The package version, reported as serverInfo.version. */
  version: string;
  /** Test only: the conformance suite's fixture tools, resources and prompts (`--conformance-fixtures`). */
  fixtures?: boolean;
}

export const SERVER_INSTRUCTIONS =
  "Alchemist is an AutoML. Start with profile on a table (and similar_runs: what past runs on similar data found, and what a run would start from), then either start_run (the whole loop as a job: poll run_status, then evaluate and export) or drive it step by step: train (creates a run), propose_action, train the proposal, evaluate, recover failed trials.";

/** A new McpServer with the tools and resources registered (cheap: the services are shared). */
export function createAlchemistMcpServer(options: AlchemistMcpOptions): McpServer {
  const server = new McpServer(
    { name: "alchemist", title: "Alchemist AutoML", version: options.version },
    {
      instructions: SERVER_INSTRUCTIONS,
      capabilities: options.fixtures === true ? { logging: {}, resources: { subscribe: true } } : {},
    },
  );
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { title: tool.title, ...tool.annotations },
      },
      mcpToolCallback(tool, options.services),
    );
  }
  registerRunResources(server, options.services);
  if (options.fixtures === true) registerConformanceFixtures(server);
  return server;
}
