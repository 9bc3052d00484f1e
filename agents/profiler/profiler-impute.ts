/** The imputation the heuristic recommends for a column with missing values. */
import type { ColumnProfile } from "../../data/profile/column-schema.js";
import { num, PROFILER_RULES, skewOf } from "./profile-facts.js";

export interface ImputePlan {
  strategy: "mean" | "median" | "most_frequent";
  indicator: boolean;
  /** The plan in plain words, e.g. "fill with the median (skewed: skewness 2.53) and add …". */
  text: string;
}

/**
 * Skewed numerics (|skewness| > 1) get the median, others the mean; booleans and categoricals the most
 * frequent value; an indicator feature when more than 5% is missing (missingness itself may be signal).
 * Text needs nothing (missing text has no words); null when nothing is missing.
 */
export function imputePlan(c: ColumnProfile): ImputePlan | null {
  if (c.missing === 0 || c.flags.allMissing || c.kind === "text") return null;
  const indicator = c.missingRate > PROFILER_RULES.indicatorMissingRate;
  const tail = indicator ? ", and add a missing-indicator feature (missingness may carry signal)" : "";
  switch (c.kind) {
    case "numeric": {
      const skew = skewOf(c);
      const skewed = Math.abs(skew) > PROFILER_RULES.skewed;
      return skewed
        ? {
            strategy: "median",
            indicator,
            text: `fill with the median (skewed: skewness ${num(skew)})${tail}`,
          }
        : { strategy: "mean", indicator, text: `fill with the mean (roughly symmetric)${tail}` };
    }
    case "datetime":
      return {
        strategy: "median",
        indicator,
        text: `fill its derived date parts with the median${tail}`,
      };
    case "boolean":
    case "categorical":
      return { strategy: "most_frequent", indicator, text: `fill with the most frequent value${tail}` };
  }
}
