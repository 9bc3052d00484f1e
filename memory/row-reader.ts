/** Turns a raw SQLite row (snake_case, JSON as text) into a validated camelCase record, or MEMORY_CORRUPT. */
import type { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { decodeJson } from "./json-codec.js";

const camel = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * `foo_bar_json` columns are parsed and land on `fooBar`; other columns are renamed to camelCase.
 * `key` names the row in the error (e.g. "run abc123, trial 4") so a corrupt file can be repaired.
 */
export function readRow<S extends z.ZodType>(
  schema: S,
  table: string,
  key: string,
  raw: unknown,
): z.output<S> {
  if (raw === null || typeof raw !== "object") throw corrupt(table, key, "*", "the row is not an object");
  const out: Record<string, unknown> = {};
  const columnOf = new Map<string, string>();
  for (const [column, value] of Object.entries(raw)) {
    if (!column.endsWith("_json")) {
      out[camel(column)] = value;
      columnOf.set(camel(column), column);
      continue;
    }
    const field = camel(column.slice(0, -"_json".length));
    columnOf.set(field, column);
    if (value === null) out[field] = null;
    else if (typeof value !== "string")
      throw corrupt(table, key, column, `${column}: JSON column holds a non-text value`);
    else {
      try {
        out[field] = decodeJson(value);
      } catch (e) {
        throw corrupt(table, key, column, `${column}: unparsable JSON (${(e as Error).message})`, value);
      }
    }
  }
  const parsed = schema.safeParse(out);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const top = issue.path[0] === undefined ? undefined : String(issue.path[0]);
  const column = top === undefined ? "*" : (columnOf.get(top) ?? top);
  const where = [column, ...issue.path.slice(1).map(String)].join(".");
  throw corrupt(table, key, column, `${where}: ${issue.message}`, top === undefined ? undefined : out[top]);
}

function corrupt(table: string, key: string, column: string, why: string, value?: unknown): AlchemistError {
  const shown = typeof value === "string" && value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new AlchemistError("MEMORY_CORRUPT", `memory table ${table}, ${key}: ${why}`, {
    table,
    key,
    column,
    ...(shown === undefined ? {} : { value: shown }),
  });
}
