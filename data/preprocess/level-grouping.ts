/** Rare-level grouping shared by the one-hot and native encoders. */
import { compareStrings, type CodedWork, levelCounts } from "./work-table.js";

/** Name of the grouped level (rare, capped and, at transform, unseen levels). */
export const OTHER_LEVEL = "__other__";

export interface LevelGrouping {
  /** Levels kept as their own category, in lexical order. */
  readonly kept: string[];
  /** True when some level seen at fit time was grouped into `__other__`. */
  readonly other: boolean;
}

/**
 * Keeps the levels seen at least `minFrequency` times, at most `maxLevels` of them (most frequent
 * first, lexical on ties). Levels listed by the column but absent from the fit rows are unseen,
 * not grouped (a frame split keeps its full level list).
 */
export function groupLevels(c: CodedWork, minFrequency: number, maxLevels: number): LevelGrouping {
  const counts = levelCounts(c);
  const present: { level: string; n: number }[] = [];
  for (let k = 0; k < counts.length; k++) {
    const n = counts[k] as number;
    if (n > 0) present.push({ level: c.levels[k] as string, n });
  }
  const frequent = present
    .filter((p) => p.n >= minFrequency)
    .sort((a, b) => b.n - a.n || compareStrings(a.level, b.level))
    .slice(0, maxLevels);
  const kept = frequent.map((p) => p.level).sort(compareStrings);
  return { kept, other: kept.length < present.length };
}
