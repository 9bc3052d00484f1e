/**
 * Counting-sort fast paths: integers, fixed-decimal numbers (prices, measurements read from text) and
 * timestamps on a whole unit (days, seconds) often span a small range of steps. One counting pass then
 * gives distinct count, mode and exact order statistics without hashing or selection.
 */
import type { ProfileScratch } from "./scratch.js";

/** Count tables larger than this (16 MB of Int32) are not worth it: the general path is used instead. */
export const MAX_COUNTED_STEPS = 1 << 22;
/** Up to this many decimals are tried. */
export const MAX_DECIMALS = 6;
const PROBE = 64;

export interface Counted {
  distinct: number;
  modeCount: number;
  /** Value at each requested rank. */
  byRank: Map<number, number>;
}

/**
 * Whether `m` values spanning `steps` grid steps are worth counting: walking the table costs less per
 * step than hashing and selecting cost per value, up to a few steps per value (measured).
 */
export function countable(steps: number, m: number): boolean {
  return steps <= MAX_COUNTED_STEPS && steps <= 4 * m + 1024;
}

/**
 * The number of decimals that seems to write every value of `buf[0..m)` exactly, judged on the first
 * values (the counting pass verifies all of them), or -1 when some value needs more than MAX_DECIMALS.
 */
export function guessDecimals(buf: Float64Array, m: number): number {
  let d = 0;
  for (let i = 0; i < Math.min(m, PROBE); i++) {
    const v = buf[i]!;
    while (d <= MAX_DECIMALS && Math.round(v * 10 ** d) / 10 ** d !== v) d++;
    if (d > MAX_DECIMALS) return -1;
  }
  return d;
}

/**
 * Counts `buf[0..m)` as multiples of 10^-decimals between `min` and `max`. Returns null (after a partial
 * pass) when some value is not exactly such a multiple. `ranks` ascending.
 */
export function countDecimals(
  buf: Float64Array,
  m: number,
  min: number,
  max: number,
  decimals: number,
  ranks: readonly number[],
  scratch: ProfileScratch,
): Counted | null {
  const scale = 10 ** decimals;
  const lo = Math.round(min * scale);
  const steps = Math.round(max * scale) - lo + 1;
  const counts = scratch.counts(steps);
  if (decimals === 0) {
    for (let i = 0; i < m; i++) counts[(buf[i]! - lo) | 0]!++;
  } else {
    for (let i = 0; i < m; i++) {
      const v = buf[i]!;
      const k = Math.round(v * scale);
      if (k / scale !== v) return null;
      counts[k - lo]!++;
    }
  }
  return walk(counts, steps, ranks, (k) => (k + lo) / scale);
}

/**
 * Counts `buf[0..m)` as `min + k·unit` (whole k). Returns null when some value is off the grid. When
 * `uniques` is given, the distinct values are written to it in ascending order.
 */
export function countUnits(
  buf: Float64Array,
  m: number,
  min: number,
  max: number,
  unit: number,
  scratch: ProfileScratch,
  uniques?: Float64Array,
): Counted | null {
  const steps = Math.round((max - min) / unit) + 1;
  const counts = scratch.counts(steps);
  for (let i = 0; i < m; i++) {
    const k = (buf[i]! - min) / unit;
    if (Math.floor(k) !== k) return null;
    counts[k | 0]!++;
  }
  const r = walk(counts, steps, [], (k) => min + k * unit);
  if (uniques) {
    let u = 0;
    for (let k = 0; k < steps; k++) if (counts[k]! > 0) uniques[u++] = min + k * unit;
  }
  return r;
}

function walk(
  counts: Int32Array,
  steps: number,
  ranks: readonly number[],
  valueAt: (k: number) => number,
): Counted {
  let distinct = 0;
  let modeCount = 0;
  let seen = 0;
  let j = 0;
  const byRank = new Map<number, number>();
  for (let k = 0; k < steps; k++) {
    const c = counts[k]!;
    if (c === 0) continue;
    distinct++;
    if (c > modeCount) modeCount = c;
    seen += c;
    while (j < ranks.length && ranks[j]! < seen) byRank.set(ranks[j++]!, valueAt(k));
  }
  return { distinct, modeCount, byRank };
}
