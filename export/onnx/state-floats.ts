/** Float arrays in model JSON: numbers, with NaN and ±Infinity spelled as strings (every family's codec). */
import { z } from "zod";

export const JsonFloatsSchema = z.array(z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]));
export type JsonFloats = z.infer<typeof JsonFloatsSchema>;

export function decodeJsonFloats(a: JsonFloats): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as JsonFloats[number];
    out[i] = typeof v === "number" ? v : v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : -Infinity;
  }
  return out;
}
