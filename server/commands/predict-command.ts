/** `alchemist predict <bundle> <table> [--proba]`: predictions of an exported bundle as CSV on stdout. */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AlchemistError } from "../../core/errors.js";
import { predictFile } from "../../export/index.js";
import type { CommandIO } from "./command-io.js";

export const PREDICT_USAGE = `Usage: alchemist predict <bundle dir> <table> [--proba] [--out file] > predictions.csv

Predicts every row of a table (CSV, JSON, Parquet, Arrow; the target column, if present, is ignored)
with a bundle written by 'alchemist export'. The bundle's checksums and format version are checked
first. Columns as 'alchemist run --predictions': prediction, then proba_<class> per class with --proba.

Options:
  --proba         add the class probabilities (classification)
  --out <file>    write the CSV to a file instead of stdout
`;

export async function predictCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      proba: { type: "boolean", default: false },
      out: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(PREDICT_USAGE);
    return 0;
  }
  const [bundle, table] = positionals;
  if (bundle === undefined || table === undefined)
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "Give the bundle and the table: alchemist predict <bundle> <table>.",
      {
        parameter: bundle === undefined ? "bundle" : "table",
      },
    );
  const csv = await predictFile(bundle, table, { proba: values.proba });
  if (values.out !== undefined) writeFileSync(values.out, csv);
  else io.stdout(csv);
  return 0;
}
