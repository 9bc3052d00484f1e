/** Exact quantiles by selection (no full sort), interpolated linearly as pandas/numpy do. */
import { selectRanks } from "./select.js";

/** The percentiles every numeric column reports (as probabilities). */
export const QUANTILE_PROBS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1] as const;

/** Below this many values selection runs directly on a copy. */
const DIRECT_LIMIT = 32_768;
const SAMPLE_SIZE = 16_384;

/** Where probability `p` falls among `m` sorted values: ranks `lo`, `hi` and the weight `t` of `hi`. */
export interface QuantilePosition {
  lo: number;
  hi: number;
  t: number;
}

/** numpy's "linear" method (pandas' default): virtual index p·(m−1), clipped to the ends. */
export function quantilePosition(m: number, p: number): QuantilePosition {
  // numpy's "linear" uses exactly (n − 1)·q, so rounding agrees with pandas to the last bit.
  const v = (m - 1) * p;
  let lo = Math.floor(v);
  let t = v - lo;
  if (lo < 0) {
    lo = 0;
    t = 0;
  }
  if (lo >= m - 1) {
    lo = m - 1;
    t = 0;
  }
  return { lo, hi: Math.min(lo + 1, m - 1), t };
}

/** numpy's _lerp: interpolates from the nearer end so results match bit for bit more often. */
export function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** The ranks needed to interpolate each probability of `probs` over `m` values, ascending and distinct. */
export function ranksFor(m: number, probs: readonly number[]): number[] {
  const set = new Set<number>();
  for (const p of probs) {
    const { lo, hi, t } = quantilePosition(m, p);
    set.add(lo);
    if (t > 0) set.add(hi);
  }
  return [...set].sort((x, y) => x - y);
}

/**
 * Order statistics of `values[0..m)` (no NaN) at `ranks` (ascending, distinct, in `[0, m)`); `values` is
 * left unchanged and `work` (length ≥ m) is clobbered. Returns the value of each rank.
 *
 * Large inputs use sample brackets: a sorted deterministic sample gives, for each rank, a value interval
 * that holds it with high probability; one pass counts the values below each interval and copies those
 * inside it to `work`, where selection runs on a few percent of the data. If any bracket misses, the
 * selection reruns on a full copy, so the result is always exact.
 */
export function orderStatistics(
  values: Float64Array,
  m: number,
  ranks: readonly number[],
  work: Float64Array,
): Map<number, number> {
  const out = new Map<number, number>();
  if (ranks.length === 0 || m === 0) return out;
  if (m > DIRECT_LIMIT && bracketed(values, m, ranks, work, out)) return out;
  work.set(values.subarray(0, m));
  selectRanks(work, m, ranks);
  for (const r of ranks) out.set(r, work[r]!);
  return out;
}

function bracketed(
  values: Float64Array,
  m: number,
  ranks: readonly number[],
  work: Float64Array,
  out: Map<number, number>,
): boolean {
  const sample = new Float64Array(SAMPLE_SIZE);
  let seed = 0x2545f491;
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    sample[i] = values[Math.floor((seed / 4294967296) * m)]!;
  }
  sample.sort();

  // One bracket per rank, merged where they overlap, so brackets are disjoint and ascending.
  const lows: number[] = [];
  const highs: number[] = [];
  const bandOf: number[] = [];
  for (const r of ranks) {
    const q = r / (m - 1);
    const centre = q * (SAMPLE_SIZE - 1);
    const half = 3.5 * Math.sqrt(SAMPLE_SIZE * q * (1 - q)) + 3;
    const li = Math.floor(centre - half);
    const ui = Math.ceil(centre + half);
    const lo = li <= 0 ? Number.NEGATIVE_INFINITY : sample[li]!;
    const hi = ui >= SAMPLE_SIZE - 1 ? Number.POSITIVE_INFINITY : sample[ui]!;
    const last = lows.length - 1;
    if (last >= 0 && lo <= highs[last]!) {
      highs[last] = Math.max(highs[last]!, hi);
    } else {
      lows.push(lo);
      highs.push(hi);
    }
    bandOf.push(lows.length - 1);
  }

  const nb = lows.length;
  const gap = new Float64Array(nb + 1); // values between band b-1 and band b
  const size = new Float64Array(nb + 1);
  const k =
    nb <= 8
      ? bandPass8(values, m, lows, highs, work, gap, size)
      : bandPass(values, m, lows, highs, work, gap, size);

  // Translate global ranks into ranks within `work`, checking each falls inside its bracket.
  const local: number[] = [];
  let gapsSoFar = 0;
  let before = 0; // values in brackets before band b
  let band = -1;
  for (let j = 0; j < ranks.length; j++) {
    const b = bandOf[j]!;
    while (band < b) {
      band++;
      if (band > 0) before += size[band - 1]!;
      gapsSoFar += gap[band]!;
    }
    const localRank = ranks[j]! - gapsSoFar;
    if (localRank < before || localRank >= before + size[b]!) return false;
    local.push(localRank);
  }
  selectRanks(work, k, local);
  for (let j = 0; j < ranks.length; j++) out.set(ranks[j]!, work[local[j]!]!);
  return true;
}

/**
 * One pass sorting values into gaps and bands (up to 8 bands): band members are appended to `work`.
 * Branch-free, because which band a value falls in is unpredictable: the band index is a sum of
 * comparisons and every value is written, the write cursor advancing only for band members.
 */
function bandPass8(
  values: Float64Array,
  m: number,
  lows: readonly number[],
  highs: readonly number[],
  work: Float64Array,
  gap: Float64Array,
  size: Float64Array,
): number {
  const inf = Number.POSITIVE_INFINITY;
  const [h0 = inf, h1 = inf, h2 = inf, h3 = inf, h4 = inf, h5 = inf, h6 = inf, h7 = inf] = highs;
  const lo = new Float64Array(9).fill(inf); // lo[b] = +∞ past the last band: nothing is inside it
  lo.set(lows);
  const counts = new Float64Array(18); // [gap b, in band b] pairs
  let k = 0;
  for (let i = 0; i < m; i++) {
    const x = values[i]!;
    const b = +(x > h0) + +(x > h1) + +(x > h2) + +(x > h3) + +(x > h4) + +(x > h5) + +(x > h6) + +(x > h7);
    const inside = +(x >= lo[b]!);
    work[k] = x;
    k += inside;
    counts[2 * b + inside]!++;
  }
  for (let b = 0; b < gap.length; b++) {
    gap[b] = counts[2 * b]!;
    size[b] = counts[2 * b + 1]!;
  }
  return k;
}

/** The same pass for any number of bands (a linear scan per value). */
function bandPass(
  values: Float64Array,
  m: number,
  lows: readonly number[],
  highs: readonly number[],
  work: Float64Array,
  gap: Float64Array,
  size: Float64Array,
): number {
  const nb = lows.length;
  let k = 0;
  for (let i = 0; i < m; i++) {
    const x = values[i]!;
    let b = 0;
    while (b < nb && x > highs[b]!) b++;
    if (b === nb) continue;
    if (x >= lows[b]!) {
      work[k++] = x;
      size[b]!++;
    } else gap[b]!++;
  }
  return k;
}

/** Linear-interpolated quantiles at `probs` from a rank → value lookup over `m` values. */
export function interpolateQuantiles(
  m: number,
  probs: readonly number[],
  valueAt: (rank: number) => number,
): number[] {
  return probs.map((p) => {
    const { lo, hi, t } = quantilePosition(m, p);
    const a = valueAt(lo);
    return t > 0 ? lerp(a, valueAt(hi), t) : a;
  });
}
