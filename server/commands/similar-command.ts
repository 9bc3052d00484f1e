/** `alchemist similar <train> [--target col] … [--json]`: what memory knows about a table before any run. */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { loadRunData, parseRunConfig, type RunConfigInput } from "../../loop/index.js";
import { type SimilarRuns, similarRuns } from "../../loop/warm-start/index.js";
import { fingerprintFile } from "../../memory/index.js";
import type { CommandIO } from "./command-io.js";
import { openCommandMemory } from "./command-memory.js";

export const SIMILAR_USAGE = `Usage: alchemist similar <train> [options]

Looks a table up in the memory of past runs without starting one: the nearest past datasets by
meta-features (distance 0: the same table), their best pipelines and scores, and what a
warm-started 'alchemist run' would add to its baseline and seed its tuner with. Writes nothing.

Options:
  --target <col>        the column to predict (default as 'alchemist run')
  --task <task>         binary | multiclass | regression (default: detected)
  --metric <m>          metric (default: the task's)
  --seed <s>            seed of the landmark scores' folds (default 0)
  --budget <seconds>    the budget a run would have (default 60, as 'alchemist run'): seeds expected
                        to take over a tenth of it are left to the tuner, as in the run
  --memory <file>       memory store (default $ALCHEMIST_HOME/memory.db, ALCHEMIST_HOME=.alchemist)
  --json                print exactly one JSON object on stdout
`;

function render(s: SimilarRuns): string {
  const lines = [
    `${s.task}, ${s.metric}; memory: ${s.memory.runs} run(s) of its family on ${s.memory.datasets} dataset(s).`,
  ];
  if (s.neighbours.length > 0) lines.push("Nearest past datasets:");
  for (const n of s.neighbours) {
    const best = n.best.map((b) => `${b.recipe.estimator} ${b.score.toFixed(4)}`).join(", ");
    lines.push(
      `  ${n.dataset}  distance ${n.distance.toFixed(3)}${n.same_table ? " (same table)" : ""}  best ${n.metric}: ${best}`,
    );
  }
  if (s.seeds.length > 0) lines.push("A warm-started run would add:");
  for (const seed of s.seeds) lines.push(`  ${seed.estimator}${seed.lead ? " (first)" : ""}  ${seed.origin}`);
  if (s.skip.length > 0) lines.push(`It would pass over: ${s.skip.join(", ")}.`);
  lines.push(s.note);
  return `${lines.join("\n")}\n`;
}

export async function similarCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: "string" },
      task: { type: "string" },
      metric: { type: "string" },
      seed: { type: "string" },
      budget: { type: "string" },
      memory: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(SIMILAR_USAGE);
    return 0;
  }
  const train = positionals[0];
  if (train === undefined) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "Give the table to look up: alchemist similar <train> [--target col].",
      {
        parameter: "train",
      },
    );
  }
  // parseRunConfig names a bad --task, --metric, --seed or --budget (as for `alchemist run`).
  const config = parseRunConfig({
    train: resolve(train),
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(values.task !== undefined ? { task: values.task } : {}),
    ...(values.metric !== undefined ? { metric: values.metric } : {}),
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    budgetSeconds: values.budget !== undefined ? Number(values.budget) : 60,
  } as RunConfigInput);
  const data = await loadRunData(config);
  const fingerprint = await fingerprintFile(config.train);
  const memory = openCommandMemory(values.memory);
  let result: SimilarRuns;
  try {
    result = similarRuns(memory, data, fingerprint, {
      seed: config.seed,
      budgetSeconds: config.budgetSeconds,
    });
  } finally {
    memory.close();
  }
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : render(result));
  return 0;
}
