/** Single-feature prediction rules used to spot leakage: how well one column alone recovers the target. */

/** A level (or bin) with fewer rows than this predicts the overall majority class, not its own. */
export const MIN_RULE_SUPPORT = 5;
/** Fine quantile bins for numeric features (fewer when there are fewer distinct values). */
export const FINE_BINS = 256;
/** Coarse bins: fine bins grouped 8 by 8, the "~32 quantile bins" rule. */
export const COARSE_BINS = 32;

/**
 * Accuracy of "predict each group's majority class" where `table[g * k + c]` counts class `c` in group
 * `g` (of `nGroups`). Groups with fewer than MIN_RULE_SUPPORT rows predict `fallback` (the overall
 * majority), so many tiny groups cannot fake purity.
 */
export function groupRuleAccuracy(table: Int32Array, nGroups: number, k: number, fallback: number): number {
  let correct = 0;
  let total = 0;
  for (let g = 0; g < nGroups; g++) {
    let size = 0;
    let best = 0;
    for (let c = 0; c < k; c++) {
      const v = table[g * k + c]!;
      size += v;
      if (v > best) best = v;
    }
    total += size;
    correct += size >= MIN_RULE_SUPPORT ? best : table[g * k + fallback]!;
  }
  return total > 0 ? correct / total : 0;
}

/** Result of the ordered-segments rule over fine bins. */
export interface SegmentRule {
  accuracy: number;
  /** Runs of consecutive bins sharing a majority class: `segments − 1` cut points make the rule. */
  segments: number;
}

/**
 * Walks the fine bins in value order, merges neighbours with the same majority class into segments and
 * scores "predict the segment's class". A feature sorted with the target (an ID ordered by the label)
 * gives one segment per class and near-perfect accuracy; noise gives many short segments.
 * `table` rows are bins in ascending value order; empty bins are skipped.
 */
export function segmentRule(table: Int32Array, nBins: number, k: number): SegmentRule {
  let correct = 0;
  let total = 0;
  let segments = 0;
  let last = -1;
  for (let b = 0; b < nBins; b++) {
    let size = 0;
    let best = 0;
    let arg = -1;
    for (let c = 0; c < k; c++) {
      const v = table[b * k + c]!;
      size += v;
      if (v > best) {
        best = v;
        arg = c;
      }
    }
    if (size === 0) continue;
    total += size;
    correct += best;
    if (arg !== last) segments++;
    last = arg;
  }
  return { accuracy: total > 0 ? correct / total : 0, segments };
}

/**
 * Bin edges splitting `sorted[0..m)` (ascending, finite) into at most `bins` quantile bins; equal values
 * always share a bin. A value's bin is the number of edges ≤ it.
 */
export function quantileEdges(sorted: Float64Array, m: number, bins: number): Float64Array {
  const edges: number[] = [];
  for (let j = 1; j < bins; j++) {
    const e = sorted[Math.floor((j * m) / bins)]!;
    if (e > sorted[0]! && (edges.length === 0 || e > edges[edges.length - 1]!)) edges.push(e);
  }
  return Float64Array.from(edges);
}

/** Number of edges ≤ x (binary search): the bin of x. */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pearson correlation and the share of exactly equal pairs over rows where both are finite. */
export function pearsonAndEquality(
  x: Float64Array,
  y: Float64Array,
): { r: number | null; equalRate: number; n: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let equal = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a - a !== 0 || b - b !== 0) continue; // NaN or ±Infinity
    n++;
    sx += a;
    sy += b;
    if (a === b) equal++;
  }
  if (n < 3) return { r: null, equalRate: n > 0 ? equal / n : 0, n };
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a - a !== 0 || b - b !== 0) continue;
    const dx = a - mx;
    const dy = b - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
  return { r, equalRate: equal / n, n };
}
