/** `alchemist run <train> …` and `alchemist resume <run>`: the whole loop, headless. */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createAgentProposer, createAgentRecoverer } from "../../agents/index.js";
import { writeBundle } from "../../export/index.js";
import { AlchemistError } from "../../core/errors.js";
import { TaskSchema } from "../../data/task.js";
import { MetricNameSchema } from "../../evaluate/metrics/registry.js";
import { createGateway, loadLlmConfig } from "../../llm/index.js";
import type { RunConfigInput } from "../../loop/run-config.js";
import { type RunOptions, resumeRun, runAutoML } from "../../loop/run-loop.js";
import type { RunResult } from "../../loop/run-result.js";
import { renderRunResult } from "../render-run.js";
import { createProgress } from "../run-progress.js";
import type { CommandIO } from "./command-io.js";
import { alchemistHome, openCommandMemory } from "./command-memory.js";

export const RUN_USAGE = `Usage: alchemist run <train> [options]

Runs the whole loop on a table: profile, baseline portfolio, explore (one change at a time, kept
when cross-validation improves), tune (TPE), ensemble, refit on all rows, and one sealed score on
--test. Everything is recorded in the memory store as it happens (resume with 'alchemist resume').

Options:
  --target <col>        the column to predict (default: a column named target/label/y/class, else the last)
  --test <file>         sealed test table, scored once at the end
  --task <task>         binary | multiclass | regression | forecast | clustering | anomaly
                        (default: detected among the supervised ones)
  --time <col>          forecast: the column that orders the series (default: the date column)
  --horizon <n>         forecast: steps to forecast (default: the --test table's rows)
  --eval-label <col>    clustering/anomaly: a label that is never a feature, only scores (ARI / ROC AUC)
  --metric <m>          metric to optimise (default: roc_auc, accuracy or rmse by task)
  --goal <value>        stop as soon as the CV score reaches this
  --budget <seconds>    hard wall-clock budget, refit included (default 60 unless --trials is given)
  --trials <n>          trial budget (with --seed: the same leaderboard every time)
  --seed <s>            seed of folds, samplers and fits (default 0)
  --llm <provider/model> agents' model: openai/…, anthropic/…, ollama/…, or none (default none: heuristics)
  --max-cost <usd>      LLM spend cap of the run
  --out <dir>           report, leaderboard and fitted pipeline (default .alchemist/runs/<run id>)
  --predictions <file>  CSV of test predictions: prediction, proba_<class>…
  --workers <n>         worker threads (default: CPU count)
  --memory <file>       memory store (default $ALCHEMIST_HOME/memory.db, ALCHEMIST_HOME=.alchemist)
  --no-warm-start       ignore past runs in memory (by default the best pipelines of the nearest
                        past datasets join the baseline and seed the tuner)
  --portfolio <file>    run a learned portfolio's pipelines first in the baseline: a file from
                        'alchemist portfolio build', or 'default' for the shipped one
  --json                print exactly one JSON object on stdout
`;

export const RESUME_USAGE = `Usage: alchemist resume <run id> [--json] [--memory file]

Continues an interrupted run from its last finished trial, with what is left of its time budget.
A unique prefix of the run id is enough.
`;

function numberOption(name: string, raw: string | undefined, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `--${name} expects ${integer ? "an integer" : "a number"}; got '${raw}'.`,
      {
        parameter: name,
      },
    );
  }
  return v;
}

function enumOption<T extends string>(
  name: string,
  raw: string | undefined,
  options: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(options as readonly string[]).includes(raw)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Unknown --${name} '${raw}'; use one of ${options.join(", ")}.`,
      {
        parameter: name,
        allowed: [...options],
      },
    );
  }
  return raw as T;
}

async function execute(
  io: CommandIO,
  json: boolean,
  memoryPath: string | undefined,
  llm: string,
  maxCost: number | undefined,
  budget: number | undefined,
  go: (options: RunOptions) => Promise<RunResult>,
): Promise<number> {
  const startedAt = Date.now();
  const memory = openCommandMemory(memoryPath);
  const progress = createProgress(
    { write: (t) => io.stderr(t), isTTY: !json && process.stderr.isTTY === true },
    budget,
    startedAt,
  );
  const stop = new AbortController();
  const onSignal = (): void => stop.abort(new AlchemistError("FIT_CANCELLED", "interrupted"));
  process.once("SIGINT", onSignal);
  try {
    const config = loadLlmConfig({
      flags: { model: llm, ...(maxCost !== undefined ? { budgetUsd: maxCost } : {}) },
    });
    const gateway = createGateway(config, { ledger: memory.ledger });
    const result = await go({
      memory,
      home: alchemistHome(),
      gateway,
      proposer: (g, runId) => createAgentProposer({ gateway: g, runId }),
      recoverer: (g) => createAgentRecoverer({ gateway: g }),
      // No ONNX at the end of a run: a forest's graph can take longer to write than the budget
      // allows (133 MB for letter's extra trees); `alchemist export --format onnx` writes it.
      bundle: (source, dir) => {
        writeBundle(source, dir, { onnx: false });
      },
      onEvent: progress.onEvent,
      signal: stop.signal,
      startedAt,
    });
    progress.stop();
    io.stdout(json ? `${JSON.stringify(result)}\n` : renderRunResult(result));
    return 0;
  } finally {
    progress.stop();
    process.removeListener("SIGINT", onSignal);
    memory.close();
  }
}

export async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: "string" },
      test: { type: "string" },
      task: { type: "string" },
      time: { type: "string" },
      horizon: { type: "string" },
      "eval-label": { type: "string" },
      metric: { type: "string" },
      goal: { type: "string" },
      budget: { type: "string" },
      trials: { type: "string" },
      seed: { type: "string" },
      llm: { type: "string", default: "none" },
      "max-cost": { type: "string" },
      out: { type: "string" },
      predictions: { type: "string" },
      workers: { type: "string" },
      memory: { type: "string" },
      "no-warm-start": { type: "boolean", default: false },
      portfolio: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const train = positionals[0];
  if (train === undefined) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "Give the training table: alchemist run <train> [--target col].",
      {
        parameter: "train",
      },
    );
  }
  const trials = numberOption("trials", values.trials, true);
  const budget = numberOption("budget", values.budget) ?? (trials === undefined ? 60 : undefined);
  const maxCost = numberOption("max-cost", values["max-cost"]);
  const config: RunConfigInput = {
    train,
    llm: values.llm,
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(values.test !== undefined ? { test: values.test } : {}),
    ...(values.task !== undefined ? { task: enumOption("task", values.task, TaskSchema.options) } : {}),
    ...(values.time !== undefined ? { time: values.time } : {}),
    ...(values.horizon !== undefined ? { horizon: numberOption("horizon", values.horizon, true) } : {}),
    ...(values["eval-label"] !== undefined ? { evalLabel: values["eval-label"] } : {}),
    ...(values.metric !== undefined
      ? { metric: enumOption("metric", values.metric, MetricNameSchema.options) }
      : {}),
    ...(values.goal !== undefined ? { goal: numberOption("goal", values.goal) } : {}),
    ...(budget !== undefined ? { budgetSeconds: budget } : {}),
    ...(trials !== undefined ? { trials } : {}),
    ...(values.seed !== undefined ? { seed: numberOption("seed", values.seed, true) } : {}),
    ...(maxCost !== undefined ? { moneyBudgetUsd: maxCost } : {}),
    ...(values.out !== undefined ? { out: resolve(values.out) } : {}),
    ...(values.predictions !== undefined ? { predictions: resolve(values.predictions) } : {}),
    ...(values.workers !== undefined ? { workers: numberOption("workers", values.workers, true) } : {}),
    ...(values["no-warm-start"] ? { warmStart: false } : {}),
    ...(values.portfolio !== undefined
      ? { portfolio: values.portfolio === "default" ? values.portfolio : resolve(values.portfolio) }
      : {}),
  };
  return execute(io, values.json, values.memory, values.llm, maxCost, budget, (options) =>
    runAutoML(config, options),
  );
}

export async function resumeCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      memory: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(RESUME_USAGE);
    return 0;
  }
  const id = positionals[0];
  if (id === undefined) {
    throw new AlchemistError("INVALID_ARGUMENT", "Give the run to resume: alchemist resume <run id>.", {
      parameter: "run",
    });
  }
  // The run's own settings (LLM, budget) come back from memory; the gateway is rebuilt from them.
  const memory = openCommandMemory(values.memory);
  let llm = "none";
  let budget: number | undefined;
  let maxCost: number | undefined;
  try {
    const config = memory.runs.getRun(id).config as {
      llm?: string;
      budgetSeconds?: number;
      moneyBudgetUsd?: number;
    };
    llm = config.llm ?? "none";
    budget = config.budgetSeconds;
    maxCost = config.moneyBudgetUsd;
  } finally {
    memory.close();
  }
  return execute(io, values.json, values.memory, llm, maxCost, budget, (options) => resumeRun(id, options));
}
