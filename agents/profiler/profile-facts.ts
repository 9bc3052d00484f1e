/** Small readings of a Profile shared by the profiler's rules, and number formatting for their text. */
import type { ColumnProfile } from "../../data/profile/column-schema.js";
import type { Profile } from "../../data/profile/profile-schema.js";
import { isClassification } from "../../data/task.js";

/** The thresholds of the heuristic tier, in one place. */
export const PROFILER_RULES = {
  /** Missing-rate above which an imputation also adds a `__missing` indicator feature. */
  indicatorMissingRate: 0.05,
  /** |skewness| above which a numeric column counts as skewed (median, not mean). */
  skewed: 1,
  /** Categoricals with more levels than this are target-encoded rather than one-hot encoded. */
  oneHotMaxLevels: 20,
  /** Majority / minority class ratio above which classes are weighted. */
  imbalanceRatio: 3,
  /** Missing-rate from which a feature is dropped rather than imputed. */
  dropMissingRate: 0.95,
  /** |skewness| and share of IQR outliers from which a numeric feature is heavy-tailed. */
  heavyTailSkew: 3,
  heavyTailOutlierRate: 0.01,
  /** Rows below which the table is small (noisy scores). */
  smallRows: 500,
  /** More columns sharing one rule than this are summarised in one entry. */
  maxPerRule: 8,
} as const;

/** Levels that usually stand for "unknown" when they appear in a categorical column. */
export const PLACEHOLDER_LEVEL = /^(\.|-|--|\?|na|n\/a|nan|null|none|nil|missing|#n\/a|undefined|unknown)$/i;

export function pct(rate: number): string {
  const p = rate * 100;
  return `${p < 1 ? p.toFixed(2) : p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** A number with at most 4 significant digits, for text. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return x.toLocaleString("en-US");
  return Number(x.toPrecision(4)).toString();
}

/** A column name quoted for text (single quotes), never bare. */
export function q(name: string): string {
  return `'${name.replaceAll("'", "\\'")}'`;
}

/** `'a', 'b', 'c' and 4 more`. */
export function nameList(names: readonly string[], max = 4): string {
  const shown = names.slice(0, max).map(q).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Feature columns: neither the target nor the forecast's time column. */
export function features(profile: Profile): ColumnProfile[] {
  return profile.columns.filter((c) => c.role === "feature");
}

export function isSupervised(profile: Profile): boolean {
  return profile.target !== null && profile.task !== "clustering" && profile.task !== "anomaly";
}

export function isClassTask(profile: Profile): boolean {
  return isClassification(profile.task) && profile.target?.classification != null;
}

/** Signed skewness of a numeric column (0 when unknown). */
export function skewOf(c: ColumnProfile): number {
  return c.kind === "numeric" ? (c.numeric.skewness ?? 0) : 0;
}

export function isHeavyTailed(c: ColumnProfile): boolean {
  if (c.kind !== "numeric" || c.numeric.finiteCount === 0) return false;
  return (
    Math.abs(skewOf(c)) > PROFILER_RULES.heavyTailSkew &&
    c.numeric.iqrOutliers / c.numeric.finiteCount > PROFILER_RULES.heavyTailOutlierRate
  );
}

/** Placeholder-like levels of a categorical or text column among its listed levels, and reader notes. */
export function placeholderLevels(profile: Profile, c: ColumnProfile): { level: string; count: number }[] {
  const found = new Map<string, number>();
  if (c.kind === "categorical" || c.kind === "text") {
    const stats = c.kind === "categorical" ? c.categorical : c.text;
    for (const l of stats.topLevels) if (PLACEHOLDER_LEVEL.test(l.level.trim())) found.set(l.level, l.count);
  }
  for (const note of profile.coercions) {
    if (note.kind !== "level" || note.column !== c.name) continue;
    const level = /'([^']*)'/.exec(note.message)?.[1];
    if (level !== undefined && !found.has(level)) found.set(level, note.count ?? 0);
  }
  return [...found].map(([level, count]) => ({ level, count }));
}

/**
 * One entry per column when few columns share a rule; past PROFILER_RULES.maxPerRule, one entry
 * without a column that names the first few.
 */
export function perColumnOrGrouped<T>(
  columns: readonly string[],
  one: (column: string) => T,
  grouped: (names: string) => T,
): T[] {
  if (columns.length === 0) return [];
  if (columns.length <= PROFILER_RULES.maxPerRule) return columns.map(one);
  return [grouped(`${columns.length} columns (${nameList(columns)})`)];
}
