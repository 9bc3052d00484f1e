/** Variance-stabilising transforms of a series (log, Box–Cox with Guerrero's λ) and their inverses. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";

/** A transform applied to the series before a model sees it; forecasts are mapped back with its inverse. */
export const TransformSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }).describe("the series as is"),
  z.object({ kind: z.literal("log") }).describe("natural log; needs a strictly positive series"),
  z
    .object({
      kind: z.literal("boxcox"),
      lambda: z.number().min(-1).max(2).describe("Box–Cox exponent; 0 is the log"),
    })
    .describe("Box–Cox (y^λ − 1)/λ; needs a strictly positive series"),
]);
export type TransformSpec = z.infer<typeof TransformSpecSchema>;

/** What the search asks for: `boxcox` without a λ means "choose λ by Guerrero on the fitting data". */
export type TransformKind = TransformSpec["kind"];

/** True when every value is finite and > 0 (log and Box–Cox apply). */
export function isPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (!(y[i]! > 0) || !Number.isFinite(y[i]!)) return false;
  return true;
}

/** Resolves a kind to a concrete transform for `y` (Box–Cox λ by {@link guerreroLambda}). */
export function resolveTransform(kind: TransformKind, y: Float64Array, seasonLength: number): TransformSpec {
  if (kind === "none") return { kind: "none" };
  if (!isPositive(y)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `The ${kind} transform needs a strictly positive series; this one has values ≤ 0.`,
      { parameter: "transform" },
    );
  }
  if (kind === "log") return { kind: "log" };
  return { kind: "boxcox", lambda: guerreroLambda(y, seasonLength) };
}

/** Applies `t` to every value (a new array). */
export function applyTransform(t: TransformSpec, y: Float64Array): Float64Array {
  const out = new Float64Array(y.length);
  if (t.kind === "none") {
    out.set(y);
    return out;
  }
  const lambda = t.kind === "log" ? 0 : t.lambda;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    out[i] = Math.abs(lambda) < 1e-8 ? Math.log(v) : (v ** lambda - 1) / lambda;
  }
  return out;
}

/** Maps values back to the original scale (a new array); Box–Cox values beyond its domain map to 0. */
export function inverseTransform(t: TransformSpec, z: Float64Array): Float64Array {
  const out = new Float64Array(z.length);
  if (t.kind === "none") {
    out.set(z);
    return out;
  }
  const lambda = t.kind === "log" ? 0 : t.lambda;
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    if (Math.abs(lambda) < 1e-8) out[i] = Math.exp(v);
    else {
      const base = lambda * v + 1;
      out[i] = base > 0 ? base ** (1 / lambda) : 0;
    }
  }
  return out;
}

/**
 * Guerrero's (1993) λ: split `y` into consecutive blocks of the season length (2 when not seasonal),
 * and pick λ in [−1, 2] that makes sd/mean^(1−λ) most constant across blocks (least coefficient of
 * variation), by a 0.01 grid. Falls back to 1 (no change) with fewer than two blocks.
 */
export function guerreroLambda(y: Float64Array, seasonLength: number): number {
  const m = Math.max(2, seasonLength);
  const nBlocks = Math.floor(y.length / m);
  if (nBlocks < 2) return 1;
  const start = y.length - nBlocks * m; // drop the oldest partial block
  const means = new Float64Array(nBlocks);
  const sds = new Float64Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += y[start + b * m + i]!;
    const mean = s / m;
    let ss = 0;
    for (let i = 0; i < m; i++) ss += (y[start + b * m + i]! - mean) ** 2;
    means[b] = mean;
    sds[b] = Math.sqrt(ss / (m - 1));
  }
  let best = 1;
  let bestCv = Number.POSITIVE_INFINITY;
  for (let k = -100; k <= 200; k++) {
    const lambda = k / 100;
    let s = 0;
    let ss = 0;
    for (let b = 0; b < nBlocks; b++) {
      const r = sds[b]! / means[b]! ** (1 - lambda);
      s += r;
      ss += r * r;
    }
    const mean = s / nBlocks;
    const cv = Math.sqrt(Math.max(0, ss / nBlocks - mean * mean) * (nBlocks / (nBlocks - 1))) / mean;
    if (cv < bestCv - 1e-12) {
      bestCv = cv;
      best = lambda;
    }
  }
  return best;
}
