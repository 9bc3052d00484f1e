/** `alchemist mcp`: the MCP server over stdio (nothing but protocol on stdout). */
import { parseArgs } from "node:util";
import { createToolServices } from "../../tools/index.js";
import { alchemistVersion } from "../../core/version.js";
import { serveMcpStdio } from "../mcp/index.js";
import type { CommandIO } from "./command-io.js";

export const MCP_USAGE = `Usage: alchemist mcp [options]

Serves the Alchemist tools (profile, similar_runs, propose_action, train, evaluate, recover, export,
start_run, run_status, cancel_run, list_actions, list_models) and the run resources over MCP on stdio. Only
protocol goes to stdout; logs go to stderr. For an MCP client config:
  {"command": "npx", "args": ["-y", "alchemist-automl", "mcp"]}

Options:
  --root <dir>      folder tool file paths must lie in (repeatable; default the working directory)
  --llm <model>     agents' provider/model (default none: heuristics)
  --memory <file>   memory store (default $ALCHEMIST_HOME/memory.db, ALCHEMIST_HOME=.alchemist)
  --workers <n>     worker threads for train/evaluate (default: CPU count)
`;

export async function mcpCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      root: { type: "string", multiple: true },
      llm: { type: "string" },
      memory: { type: "string" },
      workers: { type: "string" },
      "conformance-fixtures": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    // Help is asked by a person, not an MCP client: stdout is free here.
    io.stdout(MCP_USAGE);
    return 0;
  }
  const workers = values.workers !== undefined ? Number(values.workers) : undefined;
  const services = createToolServices({
    ...(values.root !== undefined ? { roots: values.root } : {}),
    ...(values.llm !== undefined ? { llm: values.llm } : {}),
    ...(values.memory !== undefined ? { memoryPath: values.memory } : {}),
    ...(workers !== undefined && Number.isInteger(workers) && workers > 0 ? { workers } : {}),
  });
  try {
    await serveMcpStdio(services, alchemistVersion(), values["conformance-fixtures"]);
  } finally {
    await services.close();
  }
  return 0;
}
