/** Level frequencies of dictionary-encoded columns (categorical and text): one counting pass over the codes. */
import type { CategoricalColumn, TextColumn } from "../frame.js";
import type { CategoricalStats, LevelCount, TextStats } from "./column-schema.js";

/** How many of the most frequent levels a profile lists. */
export const TOP_LEVELS = 10;

/** Per-level row counts of a code column; codes outside the dictionary count as missing. */
export interface LevelCounts {
  counts: Int32Array;
  missing: number;
  nonMissing: number;
  /** Levels observed at least once. */
  cardinality: number;
  /** Rows of the most frequent level. */
  modeCount: number;
}

export function countLevels(codes: Int32Array, nLevels: number): LevelCounts {
  const counts = new Int32Array(nLevels);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >>> 0 < nLevels) counts[c]!++;
    else missing++;
  }
  let cardinality = 0;
  let modeCount = 0;
  for (let k = 0; k < nLevels; k++) {
    const c = counts[k]!;
    if (c > 0) cardinality++;
    if (c > modeCount) modeCount = c;
  }
  return { counts, missing, nonMissing: codes.length - missing, cardinality, modeCount };
}

/** Indices of the `k` largest counts, largest first, ties by lower index (deterministic). */
export function topIndices(counts: Int32Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    if (top.length === k && c <= counts[top[k - 1]!]!) continue;
    let j = top.length;
    while (j > 0 && counts[top[j - 1]!]! < c) j--;
    top.splice(j, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Levels with fewer rows than max(2, 1% of non-missing) count as rare. */
export function rareThreshold(nonMissing: number): number {
  return Math.max(2, 0.01 * nonMissing);
}

function levelStats(levels: readonly string[], lc: LevelCounts): CategoricalStats {
  const topLevels: LevelCount[] = topIndices(lc.counts, TOP_LEVELS).map((i) => ({
    level: levels[i]!,
    count: lc.counts[i]!,
    rate: lc.counts[i]! / lc.nonMissing,
  }));
  const threshold = rareThreshold(lc.nonMissing);
  let rareLevels = 0;
  for (let k = 0; k < lc.counts.length; k++) {
    const c = lc.counts[k]!;
    if (c > 0 && c < threshold) rareLevels++;
  }
  return { declaredLevels: levels.length, topLevels, rareLevels };
}

/** Frequencies of a categorical column. */
export function categoricalStats(col: CategoricalColumn): { stats: CategoricalStats; levels: LevelCounts } {
  const lc = countLevels(col.codes, col.levels.length);
  return { stats: levelStats(col.levels, lc), levels: lc };
}

/** Frequencies and string lengths of a text column. */
export function textStats(col: TextColumn): { stats: TextStats; levels: LevelCounts } {
  const lc = countLevels(col.codes, col.levels.length);
  let lengthMin = Number.POSITIVE_INFINITY;
  let lengthMax = 0;
  let total = 0;
  for (let k = 0; k < lc.counts.length; k++) {
    const c = lc.counts[k]!;
    if (c === 0) continue;
    const len = col.levels[k]!.length;
    if (len < lengthMin) lengthMin = len;
    if (len > lengthMax) lengthMax = len;
    total += len * c;
  }
  const any = lc.nonMissing > 0;
  return {
    stats: {
      ...levelStats(col.levels, lc),
      lengthMin: any ? lengthMin : null,
      lengthMean: any ? total / lc.nonMissing : null,
      lengthMax: any ? lengthMax : null,
    },
    levels: lc,
  };
}
