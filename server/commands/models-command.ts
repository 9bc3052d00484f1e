/** `alchemist models [--task t] [--json]`: the native estimators of MODEL_REGISTRY. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { TaskSchema } from "../../data/task.js";
import { estimatorsFor, MODEL_REGISTRY } from "../../trainers/registry.js";
import type { CommandIO } from "./command-io.js";

export const MODELS_USAGE = `Usage: alchemist models [--task t] [--json]

Lists the estimators Alchemist can train natively, with their family, tasks and parameters.

Options:
  --task <task>   only estimators for binary | multiclass | regression | …
  --json          an array of {name, family, tasks, description, tags, params} on stdout
`;

export async function modelsCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      task: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(MODELS_USAGE);
    return 0;
  }
  let specs = [...MODEL_REGISTRY.values()];
  if (values.task !== undefined) {
    const task = TaskSchema.safeParse(values.task);
    if (!task.success) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Unknown task '${values.task}'; use one of ${TaskSchema.options.join(", ")}.`,
        {
          parameter: "task",
          allowed: TaskSchema.options,
        },
      );
    }
    specs = estimatorsFor(task.data);
  }
  if (values.json) {
    const out = specs.map((s) => ({
      name: s.name,
      family: s.family,
      tasks: s.tasks,
      description: s.description,
      tags: s.tags,
      params: z.toJSONSchema(s.params, { io: "input" }),
    }));
    io.stdout(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const lines = specs.map(
    (s) => `${s.name.padEnd(36)} ${s.family.padEnd(13)} ${s.tasks.join(", ").padEnd(20)} ${s.description}`,
  );
  io.stdout(
    `${"name".padEnd(36)} ${"family".padEnd(13)} ${"tasks".padEnd(20)} description\n${lines.join("\n")}\n`,
  );
  return 0;
}
