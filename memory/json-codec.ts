/** JSON for the store's *_json columns: NaN and ±Infinity survive as tagged objects `{"$float": "NaN"}`. */
import { AlchemistError } from "../core/errors.js";

const TAG = "$float";
const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/**
 * `JSON.stringify` that keeps non-finite numbers (plain JSON would turn them into null, losing a
 * fold that scored NaN). A tagged object rather than a bare string, so a genuine string "NaN"
 * stays a string.
 */
export function encodeJson(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === "number" && !Number.isFinite(v) ? { [TAG]: String(v) } : v,
    );
  } catch (e) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${field}: not serialisable as JSON: ${(e as Error).message}`,
      {
        parameter: field,
      },
    );
  }
  if (text === undefined)
    throw new AlchemistError("INVALID_ARGUMENT", `${field}: no JSON value (undefined or a function)`, {
      parameter: field,
    });
  return text;
}

/** Inverse of `encodeJson`; throws a SyntaxError on malformed text (callers map it to MEMORY_CORRUPT). */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === TAG) {
        const tag = (v as Record<string, unknown>)[TAG];
        if (typeof tag === "string" && Object.hasOwn(NON_FINITE, tag)) return NON_FINITE[tag];
      }
    }
    return v;
  });
}
