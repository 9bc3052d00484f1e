/** Keeps secrets out of every message, log line and ledger row the gateway writes. */

const PLACEHOLDER = "[redacted]";

/** Shapes of well-known keys and auth headers, redacted even when we were not told the secret. */
const KEY_PATTERNS: readonly RegExp[] = [
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(x-api-key|api-key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

/** Replaces every occurrence of the given secrets, and anything shaped like a key, with `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    // Very short "keys" (placeholders like "x") would shred ordinary words; real keys are long.
    if (s !== undefined && s.length >= 6) out = out.split(s).join(PLACEHOLDER);
  }
  out = out.replace(KEY_PATTERNS[0]!, PLACEHOLDER);
  out = out.replace(KEY_PATTERNS[1]!, (_m, scheme: string) => `${scheme} ${PLACEHOLDER}`);
  out = out.replace(KEY_PATTERNS[2]!, (_m, name: string, sep: string) => `${name}${sep}${PLACEHOLDER}`);
  return out;
}

/** Redacts every string inside a JSON-like value (error details, log fields). */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[] = []): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /^(api[-_]?key|authorization|x-api-key|token|secret)$/i.test(k)
        ? PLACEHOLDER
        : redactDeep(v, secrets);
    }
    return out as T;
  }
  return value;
}
