/** Lenient reading of what an LLM writes: name spelling, enum spelling, numeric strings, on/off words. */

/** `Change Model`, ` change-model ` → `change_model`. */
export function normalizeName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The option `raw` spells (exactly, else case/space/hyphen-insensitively), or null. */
export function matchOption(raw: string, options: readonly string[]): string | null {
  if (options.includes(raw)) return raw;
  const key = normalizeName(raw);
  return options.find((o) => normalizeName(o) === key) ?? null;
}

/** A finite number from a number or a numeric string (`"0.5"`, `" 1e-3 "`), else null. */
export function parseNumber(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS = new Set(["true", "on", "yes", "1", "enable", "enabled"]);
const FALSE_WORDS = new Set(["false", "off", "no", "0", "disable", "disabled"]);

/** true/false from a boolean, 1/0, or on/off, yes/no, true/false, enabled/disabled; else null. */
export function parseBoolean(raw: unknown): boolean | null {
  if (typeof raw === "boolean") return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== "string") return null;
  const w = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  return null;
}

/** A value as text for messages (strings quoted). */
export function show(v: unknown): string {
  return typeof v === "string" ? `'${v}'` : (JSON.stringify(v) ?? String(v));
}

/** `[a, b, c]` capped at `max` names, then how many more. */
export function listCapped(values: readonly (string | number)[], max = 50): string {
  const head = values.slice(0, max).join(", ");
  return values.length > max ? `${head}, … (${values.length - max} more)` : head;
}
