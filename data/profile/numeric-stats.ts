/** Statistics of a numeric column in a few linear passes over one compacted scratch copy. */
import { countable, countDecimals, guessDecimals } from "./counting.js";
import { distinctFloat64 } from "./distinct.js";
import type { NumericStats, Quantiles } from "./column-schema.js";
import { interpolateQuantiles, orderStatistics, QUANTILE_PROBS, ranksFor } from "./quantiles.js";
import type { ProfileScratch } from "./scratch.js";

/** A numeric column's statistics plus the counts the column profile needs. */
export interface NumericSummary {
  stats: NumericStats;
  missing: number;
  /** Distinct non-missing values (±Infinity count as values). */
  cardinality: number;
  /** Rows holding the most frequent non-missing value. */
  modeCount: number;
}

/**
 * Profiles a Float64 column (`NaN` missing). Moments, quantiles, fences and distinct counts use the
 * finite values only; infinities are counted apart (and as IQR outliers and, for -Infinity, negatives).
 */
export function numericStats(values: Float64Array, scratch: ProfileScratch): NumericSummary {
  const n = values.length;
  const buf = scratch.values(n);
  let m = 0;
  let missing = 0;
  let posInf = 0;
  let negInf = 0;
  let zeros = 0;
  let negatives = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integer = true;
  let increasing = true;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v - v !== 0) {
      // NaN or ±Infinity: rare, so this branch predicts well.
      if (Number.isNaN(v)) missing++;
      else if (v > 0) posInf++;
      else negInf++;
      continue;
    }
    buf[m++] = v + 0; // -0 + 0 is +0: equal values get equal bits for hashing
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    // Sign and zero tests are data-dependent: count them without branches.
    negatives += +(v < 0);
    zeros += +(v === 0);
    if (integer && Math.floor(v) !== v) integer = false;
    if (increasing && v <= prev) increasing = false;
    prev = v;
  }

  const spread = m > 0 ? spreadStats(buf, m, min, max, integer, scratch) : null;
  let distinct = spread?.distinct ?? 0;
  let modeCount = spread?.modeCount ?? 0;
  let quantiles: Quantiles | null = null;
  let q1 = 0;
  let q3 = 0;
  if (spread) {
    const q = spread.quantiles;
    quantiles = {
      p0: q[0]!,
      p1: q[1]!,
      p5: q[2]!,
      p25: q[3]!,
      p50: q[4]!,
      p75: q[5]!,
      p95: q[6]!,
      p99: q[7]!,
      p100: q[8]!,
    };
    q1 = quantiles.p25;
    q3 = quantiles.p75;
  }

  // Second pass over the compacted copy: centred moments (corrected two-pass) and fence counts.
  const mean0 = m > 0 ? sum / m : 0;
  const lowFence = q1 - 1.5 * (q3 - q1);
  const highFence = q3 + 1.5 * (q3 - q1);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let outliers = 0;
  for (let i = 0; i < m; i++) {
    const x = buf[i]!;
    const d = x - mean0;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    if (x < lowFence || x > highFence) outliers++;
  }
  const mean = mean0 + s1 / Math.max(m, 1);
  // Moments about the corrected mean: shift the sums by δ = s1/m.
  const delta = s1 / Math.max(m, 1);
  const m2 = s2 - m * delta * delta;
  const m3 = s3 - 3 * delta * s2 + 2 * m * delta * delta * delta;

  if (posInf > 0) distinct++;
  if (negInf > 0) distinct++;
  modeCount = Math.max(modeCount, posInf, negInf);

  return {
    missing,
    cardinality: distinct,
    modeCount,
    stats: {
      finiteCount: m,
      min: m > 0 ? min : null,
      max: m > 0 ? max : null,
      mean: m > 0 ? mean : null,
      std: m > 1 ? Math.sqrt(Math.max(m2, 0) / (m - 1)) : null,
      skewness: m > 2 ? skewness(m, m2, m3) : null,
      quantiles,
      zeros,
      negatives: negatives + negInf,
      infinite: posInf + negInf,
      integerValued: integer,
      strictlyIncreasing: increasing,
      iqrOutliers: outliers + posInf + negInf,
    },
  };
}

/**
 * Quantiles, distinct count and mode of `buf[0..m)`. Kept apart from the first pass so no closure
 * captures that pass's locals (captured locals live in a heap context and slow the hot loop down).
 */
function spreadStats(
  buf: Float64Array,
  m: number,
  min: number,
  max: number,
  integer: boolean,
  scratch: ProfileScratch,
): { quantiles: number[]; distinct: number; modeCount: number } {
  const ranks = ranksFor(m, QUANTILE_PROBS);
  const decimals = integer ? 0 : guessDecimals(buf, m);
  if (decimals >= 0) {
    const scale = 10 ** decimals;
    const steps = Math.round(max * scale) - Math.round(min * scale) + 1;
    const counted = countable(steps, m) ? countDecimals(buf, m, min, max, decimals, ranks, scratch) : null;
    if (counted) {
      const quantiles = interpolateQuantiles(m, QUANTILE_PROBS, (k) => counted.byRank.get(k)!);
      return { quantiles, distinct: counted.distinct, modeCount: counted.modeCount };
    }
  }
  const inner = ranks.filter((r) => r > 0 && r < m - 1);
  const byRank = orderStatistics(buf, m, inner, scratch.work(m));
  const quantiles = interpolateQuantiles(m, QUANTILE_PROBS, (k) =>
    k === 0 ? min : k === m - 1 ? max : byRank.get(k)!,
  );
  const d = distinctFloat64(buf, scratch.valuesBits(), m, scratch);
  return { quantiles, distinct: d.distinct, modeCount: d.modeCount };
}

/** pandas' nanskew: G1 = n·√(n−1)/(n−2) · m3/m2^1.5 over central sums, 0 when the spread is nil. */
function skewness(n: number, m2: number, m3: number): number {
  const s2 = Math.abs(m2) < 1e-14 ? 0 : m2;
  const s3 = Math.abs(m3) < 1e-14 ? 0 : m3;
  if (s2 === 0) return 0;
  return ((n * Math.sqrt(n - 1)) / (n - 2)) * (s3 / s2 ** 1.5);
}
