#!/usr/bin/env node
/** The `alchemist` command line. Each command lives in server/commands/; this file only dispatches. */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AlchemistError, toAlchemistError } from "../core/errors.js";
import { log } from "../core/log.js";
import { alchemistVersion } from "../core/version.js";
import { type CommandIO, processIO } from "./commands/command-io.js";
import { DOCS_USAGE, docsCommand } from "./commands/docs-command.js";
import { EXPORT_USAGE, exportCommand } from "./commands/export-command.js";
import { MCP_USAGE, mcpCommand } from "./commands/mcp-command.js";
import { MODELS_USAGE, modelsCommand } from "./commands/models-command.js";
import { PORTFOLIO_USAGE, portfolioCommand } from "./commands/portfolio-command.js";
import { PREDICT_USAGE, predictCommand } from "./commands/predict-command.js";
import { PROFILE_USAGE, profileCommand } from "./commands/profile-command.js";
import { RESUME_USAGE, RUN_USAGE, resumeCommand, runCommand } from "./commands/run-command.js";
import { SERVE_USAGE, serveCommand } from "./commands/serve-command.js";

const USAGE = `alchemist — an AutoML that reasons

Usage: alchemist <command> [options]

Commands:
  run <train>        run the whole loop: search, ensemble, refit, sealed test score, report
  resume <run>       continue an interrupted run from its last finished trial
  profile <file>     profile a table: types, statistics, task, target, leakage, quality
  models             list the native estimators (--task t, --json)
  docs <folder>      documents → grounded Q&A datasets → optional SLM fine-tune → report
  mcp                serve the tools over MCP on stdio (for an MCP client config)
  serve              serve MCP over Streamable HTTP at /mcp and the HTTP tool endpoint (--port)
  export <run>       export a finished run: --format bundle|onnx --out <path>
  predict <bundle> <table>  predictions of an exported bundle as CSV (--proba)
  portfolio build    learn a default portfolio per task from the runs in memory (--out file)
  help [command]     show help
  version            print the version

Run 'alchemist <command> --help' for a command's options.
`;

const COMMANDS: Record<string, { run: (argv: string[], io: CommandIO) => Promise<number>; usage: string }> = {
  run: { run: runCommand, usage: RUN_USAGE },
  resume: { run: resumeCommand, usage: RESUME_USAGE },
  profile: { run: profileCommand, usage: PROFILE_USAGE },
  models: { run: modelsCommand, usage: MODELS_USAGE },
  docs: { run: docsCommand, usage: DOCS_USAGE },
  mcp: { run: mcpCommand, usage: MCP_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  export: { run: exportCommand, usage: EXPORT_USAGE },
  predict: { run: predictCommand, usage: PREDICT_USAGE },
  portfolio: { run: portfolioCommand, usage: PORTFOLIO_USAGE },
};

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  try {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      const topic = rest[0] && COMMANDS[rest[0]];
      io.stdout(topic ? topic.usage : USAGE);
      return 0;
    }
    if (name === "version" || name === "--version" || name === "-v") {
      io.stdout(`${alchemistVersion()}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}.`,
        {
          parameter: "command",
          allowed: Object.keys(COMMANDS),
        },
      );
    }
    return await command.run(rest, io);
  } catch (e) {
    const err = argumentError(e) ?? toAlchemistError(e);
    if (err.code === "INTERNAL")
      log.error("internal error", {
        stack: err.cause instanceof Error ? err.cause.stack : String(err.cause),
      });
    if (json) io.stdout(`${JSON.stringify(err.toJSON())}\n`);
    else io.stderr(`alchemist: ${err.message}\n`);
    return err.code === "INVALID_ARGUMENT" ? 2 : 1;
  }
}

/** node:util parseArgs throws plain TypeErrors with codes; make them typed usage errors. */
function argumentError(e: unknown): AlchemistError | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    return new AlchemistError("INVALID_ARGUMENT", (e as Error).message, { parameter: "argv" });
  }
  return undefined;
}

/** True when this file is the process entry (also through npm's `bin` symlink). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
