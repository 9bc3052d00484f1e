/** `alchemist profile <file> [--target col] [--task t] [--time col] [--type col=kind] [--na token] [--json]` */
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { COLUMN_KINDS, type ColumnKind } from "../../data/frame.js";
import { profileFile } from "../../data/profile-file.js";
import { type Task, TaskSchema } from "../../data/task.js";
import { renderProfile } from "../render-profile.js";
import type { CommandIO } from "./command-io.js";

export const PROFILE_USAGE = `Usage: alchemist profile <file> [options]

Reads a table (CSV, TSV, JSON, JSONL, Parquet, Arrow) and prints its profile: column types and
statistics, the detected task, target analysis, leakage suspects, a quality score, and every
coercion the reader made.

Options:
  --target <col>      the column to predict (omit for clustering)
  --task <task>       binary | multiclass | regression | forecast | clustering | anomaly
  --time <col>        the datetime column that orders a forecast
  --type <col=kind>   force a column's type (numeric, categorical, boolean, datetime, text); repeatable
  --na <token>        read this text as missing (default: only empty fields); repeatable
  --delimiter <c>     CSV delimiter (default: sniffed)
  --json              print exactly one JSON object on stdout
`;

function parseTypes(specs: string[]): Record<string, ColumnKind> {
  const types: Record<string, ColumnKind> = {};
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    const kind = spec.slice(eq + 1) as ColumnKind;
    if (eq <= 0 || !COLUMN_KINDS.includes(kind)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `--type expects column=kind with kind one of ${COLUMN_KINDS.join(", ")}; got '${spec}'.`,
        {
          parameter: "type",
          allowed: COLUMN_KINDS,
        },
      );
    }
    types[spec.slice(0, eq)] = kind;
  }
  return types;
}

export async function profileCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: "string" },
      task: { type: "string" },
      time: { type: "string" },
      type: { type: "string", multiple: true },
      na: { type: "string", multiple: true },
      delimiter: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(PROFILE_USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file)
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "Give the file to profile: alchemist profile <file> [--target col].",
      { parameter: "file" },
    );
  let task: Task | undefined;
  if (values.task !== undefined) {
    const parsed = TaskSchema.safeParse(values.task);
    if (!parsed.success) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Unknown task '${values.task}'; use one of ${TaskSchema.options.join(", ")}.`,
        {
          parameter: "task",
          allowed: TaskSchema.options,
        },
      );
    }
    task = parsed.data;
  }
  const { profile, source } = await profileFile(file, {
    target: values.target,
    task,
    timeColumn: values.time,
    types: parseTypes(values.type ?? []),
    ...(values.na ? { naValues: values.na } : {}),
    ...(values.delimiter !== undefined ? { delimiter: values.delimiter } : {}),
  });
  if (values.json) io.stdout(`${JSON.stringify({ ...profile, source })}\n`);
  else io.stdout(renderProfile(profile, source));
  return 0;
}
