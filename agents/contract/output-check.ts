/** Validation of an agent's value: the zod schema, then the semantic hook; problems rendered compactly. */
import type { z } from "zod";

/** At most this many issues are rendered; the rest are counted. */
export const MAX_RENDERED_ISSUES = 12;
/** A rendered problem list is cut at this many characters (it goes back into a prompt). */
export const MAX_PROBLEM_CHARS = 2000;

/** `a.b[2].c`, or `(root)` for the value itself. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/** One line per issue, `- path: message`, the first MAX_RENDERED_ISSUES of them. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, MAX_RENDERED_ISSUES).map((i) => `- ${issuePath(i.path)}: ${i.message}`);
  if (issues.length > MAX_RENDERED_ISSUES) lines.push(`- and ${issues.length - MAX_RENDERED_ISSUES} more`);
  return clip(lines.join("\n"));
}

/** One line per violation of the semantic checks. */
export function formatViolations(violations: readonly string[]): string {
  const lines = violations.slice(0, MAX_RENDERED_ISSUES).map((v) => `- ${v}`);
  if (violations.length > MAX_RENDERED_ISSUES) {
    lines.push(`- and ${violations.length - MAX_RENDERED_ISSUES} more`);
  }
  return clip(lines.join("\n"));
}

function clip(text: string): string {
  return text.length <= MAX_PROBLEM_CHARS ? text : `${text.slice(0, MAX_PROBLEM_CHARS - 1)}…`;
}

export type OutputCheck<O> =
  | { ok: true; value: O }
  | { ok: false; code: "SCHEMA_INVALID" | "SEMANTIC_INVALID"; problems: string };

/** Parses `raw` with `schema`, then runs `validate` on the parsed value. */
export function checkOutput<I, S extends z.ZodType>(
  schema: S,
  raw: unknown,
  input: I,
  validate: ((value: z.output<S>, input: I) => string[]) | undefined,
): OutputCheck<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: "SCHEMA_INVALID", problems: formatIssues(parsed.error.issues) };
  const violations = validate ? validate(parsed.data, input) : [];
  if (violations.length > 0) {
    return { ok: false, code: "SEMANTIC_INVALID", problems: formatViolations(violations) };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The gateway's completeJson promises parsed JSON, but a string holding JSON (possibly fenced) costs
 * nothing to accept; anything else is returned as is for the schema to judge.
 */
export function coerceJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  let text = value.trim();
  const fence = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text);
  if (fence?.[1] !== undefined) text = fence[1];
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}
