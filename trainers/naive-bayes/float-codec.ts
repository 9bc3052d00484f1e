/** JSON-safe float arrays: finite numbers stay numbers, NaN and ±Infinity become strings that survive JSON. */
import { z } from "zod";

const NON_FINITE = ["NaN", "Infinity", "-Infinity"] as const;

/** A JSON array of floats in which non-finite values are spelled `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export const FloatArraySchema = z.array(z.union([z.number(), z.enum(NON_FINITE)]));
export type EncodedFloats = z.infer<typeof FloatArraySchema>;

/** Typed array → plain JSON array (exact: JSON keeps every double's shortest round-trip form). */
export function encodeFloats(a: ArrayLike<number>): EncodedFloats {
  const out: EncodedFloats = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    out[i] = Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
  return out;
}

/** The inverse of `encodeFloats`. */
export function decodeFloats(a: EncodedFloats): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as EncodedFloats[number];
    out[i] = typeof v === "number" ? v : v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : -Infinity;
  }
  return out;
}
