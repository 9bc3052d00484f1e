/** Reads a provider's answer as text, JSON or a schema-valid value, or says precisely why not. */
import type { z } from "zod";
import { extractJson } from "./json-extract.js";
import type { ProviderAnswer } from "./providers/adapter.js";

export type Reading<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: "empty" | "truncated" | "refusal" | "malformed_json" | "schema_mismatch";
      message: string;
      details?: Record<string, unknown>;
    };

/** Truncation and refusal are checked first: a cut answer also fails to parse, and its real cause helps more. */
function checkFinish(answer: ProviderAnswer): Reading<never> | undefined {
  if (answer.finish === "length") {
    return {
      ok: false,
      reason: "truncated",
      message: `the answer was cut at the output token cap (${answer.finishRaw ?? "length"})`,
      details: { finishReason: answer.finishRaw },
    };
  }
  if (answer.finish === "refusal") {
    return {
      ok: false,
      reason: "refusal",
      message: "the model declined to answer",
      details: { finishReason: answer.finishRaw },
    };
  }
  return undefined;
}

export function readText(answer: ProviderAnswer): Reading<string> {
  const bad = checkFinish(answer);
  if (bad) return bad;
  if (answer.text.trim() === "") return { ok: false, reason: "empty", message: "the answer is empty" };
  return { ok: true, value: answer.text };
}

export function readJson(answer: ProviderAnswer): Reading<unknown> {
  const bad = checkFinish(answer);
  if (bad) return bad;
  if (answer.toolInput !== undefined) return { ok: true, value: answer.toolInput };
  if (answer.text.trim() === "") return { ok: false, reason: "empty", message: "the answer is empty" };
  const found = extractJson(answer.text);
  if (!found.ok) {
    return {
      ok: false,
      reason: "malformed_json",
      message: `the answer is not JSON: ${found.reason}`,
      details: { excerpt: excerpt(answer.text) },
    };
  }
  return { ok: true, value: found.value };
}

/** JSON (tool input or text), unwrapped from `{value}` when the schema root was wrapped, then validated. */
export function readStructured<S extends z.ZodType>(
  answer: ProviderAnswer,
  schema: S,
  wrapped: boolean,
): Reading<z.output<S>> {
  const json = readJson(answer);
  if (!json.ok) return json;
  let value = json.value;
  if (wrapped) {
    if (value === null || typeof value !== "object" || !("value" in value)) {
      return {
        ok: false,
        reason: "schema_mismatch",
        message: "the answer lacks its 'value' field",
        details: { excerpt: excerpt(JSON.stringify(value)) },
      };
    }
    value = (value as { value: unknown }).value;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join("."),
      code: i.code,
      message: i.message,
    }));
    const first = issues[0];
    return {
      ok: false,
      reason: "schema_mismatch",
      message: `the answer does not match the schema${first ? ` (${first.path || "root"}: ${first.message})` : ""}`,
      details: { issues },
    };
  }
  return { ok: true, value: parsed.data };
}

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
