/** Finds the JSON value in a model's text answer: bare, in a fenced code block, or amid prose. */

export type JsonExtraction = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Tries, in order: the whole text; each fenced block (```json … ``` or ``` … ```); the first balanced
 * `{…}` or `[…]` span that parses. Strings that merely hold JSON-looking text are left alone.
 */
export function extractJson(text: string): JsonExtraction {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "empty answer" };
  const whole = tryParse(trimmed);
  if (whole.ok) return whole;
  for (const m of trimmed.matchAll(/```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)```/g)) {
    const inner = tryParse((m[1] ?? "").trim());
    if (inner.ok) return inner;
  }
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c !== "{" && c !== "[") continue;
    const end = balancedEnd(trimmed, i);
    if (end < 0) continue;
    const span = tryParse(trimmed.slice(i, end + 1));
    if (span.ok) return span;
  }
  return { ok: false, reason: `no JSON value found in the answer (${whole.reason})` };
}

function tryParse(s: string): JsonExtraction {
  try {
    return { ok: true, value: JSON.parse(s) as unknown };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Index of the bracket closing the one at `start`, skipping string literals; −1 if unbalanced. */
function balancedEnd(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
