/** Small helpers of the run store's write path: input validation, JSON columns, SQLite error codes, pids. */
import type { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { encodeJson } from "./json-codec.js";

/** Parses a write's input; INVALID_ARGUMENT naming the first bad (or unknown) field otherwise. */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const path = [...issue.path.map(String), ...keys].join(".");
  throw new AlchemistError(
    "INVALID_ARGUMENT",
    `${what}: ${path.length > 0 ? `${path}: ` : ""}${issue.message}`,
    {
      parameter: path,
    },
  );
}

/** better-sqlite3's SqliteError code (e.g. SQLITE_CONSTRAINT_FOREIGNKEY), if any. */
export function sqliteCode(e: unknown): string | undefined {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** A nullable JSON column: null/undefined stay SQL NULL. */
export function nullableJson(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : encodeJson(value, field);
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
