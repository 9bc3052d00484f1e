/** The quality issues the heuristic reads off a Profile, worst first. */
import { plural } from "../../data/coercion.js";
import type { ColumnProfile } from "../../data/profile/column-schema.js";
import type { Profile } from "../../data/profile/profile-schema.js";
import type { DropDecision } from "./profiler-drops.js";
import { imputePlan } from "./profiler-impute.js";
import type { ProfilerQualityIssue, Severity } from "./profiler-schema.js";
import {
  features,
  isClassTask,
  isHeavyTailed,
  isSupervised,
  num,
  PROFILER_RULES,
  pct,
  perColumnOrGrouped,
  placeholderLevels,
  skewOf,
} from "./profile-facts.js";

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

function issue(severity: Severity, text: string, action: string, column?: string): ProfilerQualityIssue {
  return column === undefined ? { issue: text, severity, action } : { column, issue: text, severity, action };
}

/**
 * A few exact zeros (under 1%) far below the rest of a non-negative column (1st percentile at least a
 * tenth of the median; for whole numbers at least 10, so small counts where 0 is natural pass): likely
 * missing measurements in disguise, as the zero sizes of some diamonds.
 */
function suspiciousZeros(c: ColumnProfile): { count: number; p1: number } | null {
  if (c.kind !== "numeric" || c.numeric.zeros === 0 || c.numeric.negatives > 0) return null;
  const p1 = c.numeric.quantiles?.p1 ?? 0;
  const p50 = c.numeric.quantiles?.p50 ?? 0;
  const far = p1 > 0 && p1 >= 0.1 * p50 && (!c.numeric.integerValued || p1 >= 10);
  return far && c.numeric.zeros < 0.01 * c.numeric.finiteCount ? { count: c.numeric.zeros, p1 } : null;
}

export function qualityIssues(profile: Profile, drops: readonly DropDecision[]): ProfilerQualityIssue[] {
  const out: ProfilerQualityIssue[] = [];
  const dropped = new Set(drops.map((d) => d.column));
  const kept = features(profile).filter((c) => !dropped.has(c.name));
  const { nRows } = profile;

  for (const d of drops) out.push(issue(d.severity, d.issue, d.action, d.column));

  const target = profile.target;
  if (target && target.missing > 0) {
    out.push(
      issue(
        target.missingRate > 0.05 ? "medium" : "low",
        `${plural(target.missing, "row")} (${pct(target.missingRate)}) ${target.missing === 1 ? "has" : "have"} no target value`,
        "they are dropped before training; check why the target is missing",
        target.name,
      ),
    );
  }

  for (const c of kept) {
    const plan = imputePlan(c);
    if (plan) {
      const severity: Severity = c.missingRate > 0.3 ? "high" : c.missingRate > 0.05 ? "medium" : "low";
      out.push(
        issue(severity, `${plural(c.missing, "value")} (${pct(c.missingRate)}) missing`, plan.text, c.name),
      );
    }
    for (const p of placeholderLevels(profile, c)) {
      out.push(
        issue(
          "low",
          `level '${p.level}' (${plural(p.count, "row")}) looks like a placeholder for an unknown value`,
          `treat '${p.level}' as missing and impute it, unless it means something real`,
          c.name,
        ),
      );
    }
    if (c.kind === "numeric" && c.numeric.infinite > 0) {
      out.push(
        issue(
          "medium",
          `${plural(c.numeric.infinite, "infinite value")}`,
          "clip to finite bounds (clip_outliers) or treat them as missing",
          c.name,
        ),
      );
    }
    const zeros = suspiciousZeros(c);
    if (zeros !== null) {
      out.push(
        issue(
          "low",
          `${plural(zeros.count, "value")} exactly 0 while 99% of values are at least ${num(zeros.p1)}: zeros may stand for missing measurements`,
          "check them; if 0 is impossible here, treat them as missing and impute",
          c.name,
        ),
      );
    }
    if (c.flags.nearConstant) {
      out.push(
        issue(
          "low",
          `the same value in ${pct(c.topValueRate ?? 1)} of rows: little signal`,
          "consider dropping it; tree models may still use the rare values",
          c.name,
        ),
      );
    }
    if (c.kind === "categorical" && c.cardinality > PROFILER_RULES.oneHotMaxLevels) {
      out.push(
        issue(
          "low",
          `${num(c.cardinality)} distinct levels: one-hot encoding would add that many features`,
          isSupervised(profile)
            ? "target-encode it (out-of-fold) instead of one-hot"
            : "keep the most frequent levels and group the rest",
          c.name,
        ),
      );
    }
  }

  if (isSupervised(profile)) {
    const heavy = kept.filter(isHeavyTailed);
    out.push(
      ...perColumnOrGrouped(
        heavy.map((c) => c.name),
        (name) => {
          const c = heavy.find((h) => h.name === name)!;
          const outliers = c.kind === "numeric" ? c.numeric.iqrOutliers : 0;
          return issue(
            "low",
            `heavy-tailed (skewness ${num(skewOf(c))}, ${num(outliers)} values beyond the IQR fences)`,
            "clip outliers or log-transform for linear, neighbour and neural models; trees are unaffected",
            name,
          );
        },
        (names) =>
          issue(
            "low",
            `${names} are heavy-tailed (|skewness| > ${PROFILER_RULES.heavyTailSkew})`,
            "clip outliers or log-transform for linear, neighbour and neural models; trees are unaffected",
          ),
      ),
    );
  }

  if (profile.duplicateRows > 0) {
    const rate = nRows > 0 ? profile.duplicateRows / nRows : 0;
    out.push(
      issue(
        rate > 0.05 ? "medium" : "low",
        `${plural(profile.duplicateRows, "row")} (${pct(rate)}) ${profile.duplicateRows === 1 ? "repeats" : "repeat"} an earlier row`,
        "drop the duplicates before splitting, or they leak between cross-validation folds",
      ),
    );
  }

  const cls = target?.classification;
  if (cls && isClassTask(profile) && cls.imbalanceRatio > PROFILER_RULES.imbalanceRatio) {
    out.push(
      issue(
        cls.imbalanceRatio > 10 ? "high" : "medium",
        `class '${cls.minorityClass}' is ${num(cls.imbalanceRatio)}× rarer than '${cls.majorityClass}'`,
        "weight the classes (rebalance), use stratified folds, and judge by ROC-AUC, F1 or balanced accuracy rather than accuracy",
        target!.name,
      ),
    );
  }

  const reg = target?.regression;
  if (reg?.logTransformMayHelp && (profile.task === "regression" || profile.task === "forecast")) {
    out.push(
      issue(
        "low",
        `the target is right-skewed (skewness ${num(reg.skewness ?? 0)}, from ${num(reg.min ?? 0)} to ${num(reg.max ?? 0)})`,
        "predict log1p of the target and transform predictions back, or favour tree models",
        target!.name,
      ),
    );
  }

  if (profile.task === "forecast" && profile.timeColumn !== null) {
    const time = profile.columns.find((c) => c.name === profile.timeColumn);
    if (time?.kind === "datetime") {
      const dt = time.datetime;
      if (dt.frequency === null) {
        out.push(
          issue(
            "medium",
            "the timestamps have no regular frequency",
            "resample to a regular step before forecasting",
            time.name,
          ),
        );
      }
      if (dt.duplicateTimestamps > 0) {
        out.push(
          issue(
            "medium",
            `${plural(dt.duplicateTimestamps, "timestamp")} repeat${dt.duplicateTimestamps === 1 ? "s" : ""}`,
            "aggregate rows that share a timestamp (one value per step)",
            time.name,
          ),
        );
      }
      if (!dt.monotonic) {
        out.push(issue("low", "the rows are not in time order", "sort by time before splitting", time.name));
      }
    }
  }

  const nFeatures = kept.length;
  if (nRows < PROFILER_RULES.smallRows) {
    out.push(
      issue(
        nRows < 50 ? "high" : nRows < 100 ? "medium" : "low",
        `only ${num(nRows)} rows: scores will be noisy`,
        "prefer simple, regularised models and repeated cross-validation",
      ),
    );
  }
  if (nFeatures > 0 && nFeatures >= nRows) {
    out.push(
      issue(
        "high",
        `${num(nFeatures)} features for ${num(nRows)} rows`,
        "regularise strongly or select features; flexible models will memorise the rows",
      ),
    );
  }

  // Stable sort: same severity keeps the rule order above.
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]).slice(0, 200);
}
