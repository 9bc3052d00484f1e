#!/usr/bin/env node
/** The `alchemist` command line. Each command lives in server/commands/; this file only dispatches. */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AlchemistError, toAlchemistError } from "../core/errors.js";
import { log } from "../core/log.js";
import { alchemistVersion } from "../core/version.js";
import { type CommandIO, processIO } from "./commands/command-io.js";

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
  similar <train>    what memory knows about a table: nearest past datasets, what won, warm-start seeds
  portfolio build    learn a default portfolio per task from the runs in memory (--out file)
  help [command]     show help
  version            print the version

Run 'alchemist <command> --help' for a command's options.
`;

/** A command's entry point and its `--help` text. */
interface Command {
  run: (argv: string[], io: CommandIO) => Promise<number>;
  usage: string;
}

/**
 * Name → loader. A command's module (and the MCP SDK, hono, the LLM SDKs, export, documents… behind
 * it) is imported only when that command runs, so `--version`, `help` and each command pay for
 * their own imports only.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => {
    const m = await import("./commands/run-command.js");
    return { run: m.runCommand, usage: m.RUN_USAGE };
  },
  resume: async () => {
    const m = await import("./commands/run-command.js");
    return { run: m.resumeCommand, usage: m.RESUME_USAGE };
  },
  profile: async () => {
    const m = await import("./commands/profile-command.js");
    return { run: m.profileCommand, usage: m.PROFILE_USAGE };
  },
  models: async () => {
    const m = await import("./commands/models-command.js");
    return { run: m.modelsCommand, usage: m.MODELS_USAGE };
  },
  docs: async () => {
    const m = await import("./commands/docs-command.js");
    return { run: m.docsCommand, usage: m.DOCS_USAGE };
  },
  mcp: async () => {
    const m = await import("./commands/mcp-command.js");
    return { run: m.mcpCommand, usage: m.MCP_USAGE };
  },
  serve: async () => {
    const m = await import("./commands/serve-command.js");
    return { run: m.serveCommand, usage: m.SERVE_USAGE };
  },
  export: async () => {
    const m = await import("./commands/export-command.js");
    return { run: m.exportCommand, usage: m.EXPORT_USAGE };
  },
  predict: async () => {
    const m = await import("./commands/predict-command.js");
    return { run: m.predictCommand, usage: m.PREDICT_USAGE };
  },
  similar: async () => {
    const m = await import("./commands/similar-command.js");
    return { run: m.similarCommand, usage: m.SIMILAR_USAGE };
  },
  portfolio: async () => {
    const m = await import("./commands/portfolio-command.js");
    return { run: m.portfolioCommand, usage: m.PORTFOLIO_USAGE };
  },
};

/** The loader of a known command (own keys only: `toString` is not a command). */
function commandLoader(name: string | undefined): (() => Promise<Command>) | undefined {
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  try {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      // `help <command>` loads just that command, for its usage text.
      const topic = commandLoader(rest[0]);
      io.stdout(topic ? (await topic()).usage : USAGE);
      return 0;
    }
    if (name === "version" || name === "--version" || name === "-v") {
      io.stdout(`${alchemistVersion()}\n`);
      return 0;
    }
    const load = commandLoader(name);
    if (!load) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}.`,
        {
          parameter: "command",
          allowed: Object.keys(COMMANDS),
        },
      );
    }
    const command = await load();
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
