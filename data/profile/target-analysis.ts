/** What the target looks like: class balance for classification, spread and skew for numeric targets. */
import type { Column } from "../frame.js";
import type { ColumnProfile, LevelCount } from "./column-schema.js";
import type { ClassificationTarget, RegressionTarget, TargetAnalysis } from "./profile-schema.js";
import { targetClasses } from "./target-classes.js";

/** Classes listed in a target analysis (the rest are counted in nClasses only). */
export const MAX_LISTED_CLASSES = 100;
/** Skewness above which a non-negative target may be better fit on a log scale. */
export const LOG_SKEW_THRESHOLD = 1;

/** Class balance from per-class counts (labels and counts aligned, at least one class). */
export function classificationSummary(
  labels: readonly string[],
  counts: readonly number[],
): ClassificationTarget {
  const total = counts.reduce((a, b) => a + b, 0);
  const order = labels.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const classes: LevelCount[] = order.slice(0, MAX_LISTED_CLASSES).map((k) => ({
    level: labels[k]!,
    count: counts[k]!,
    rate: total > 0 ? counts[k]! / total : 0,
  }));
  const major = order[0]!;
  const minor = order[order.length - 1]!;
  let entropy = 0;
  for (const c of counts) {
    if (c > 0) {
      const p = c / total;
      entropy -= p * Math.log(p);
    }
  }
  const k = labels.length;
  return {
    nClasses: k,
    classes,
    majorityClass: labels[major]!,
    minorityClass: labels[minor]!,
    imbalanceRatio: counts[minor]! > 0 ? counts[major]! / counts[minor]! : 1,
    balance: k > 1 ? Math.min(1, entropy / Math.log(k)) : 1,
    majorityRate: total > 0 ? counts[major]! / total : 0,
  };
}

/** Spread of a numeric target from its column profile. */
export function regressionSummary(profile: ColumnProfile): RegressionTarget | null {
  if (profile.kind !== "numeric") return null;
  const s = profile.numeric;
  return {
    min: s.min,
    max: s.max,
    mean: s.mean,
    std: s.std,
    skewness: s.skewness,
    distinct: profile.cardinality,
    integerValued: s.integerValued,
    logTransformMayHelp:
      s.min !== null && s.min >= 0 && s.skewness !== null && s.skewness > LOG_SKEW_THRESHOLD,
  };
}

/**
 * The target analysis for a target read as classes (`asClasses`) or as a quantity. Rows with a
 * missing target are counted: training drops them.
 */
export function analyzeTarget(col: Column, profile: ColumnProfile, asClasses: boolean): TargetAnalysis {
  let classification: ClassificationTarget | null = null;
  if (asClasses) {
    const tc = targetClasses(col);
    if (tc.labels.length > 0) classification = classificationSummary(tc.labels, tc.counts);
  }
  return {
    name: profile.name,
    kind: profile.kind,
    missing: profile.missing,
    missingRate: profile.missingRate,
    classification,
    regression: asClasses ? null : regressionSummary(profile),
  };
}
