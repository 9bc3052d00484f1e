/** Which feature columns the heuristic drops, and why: empty, constant, ID-like, mostly missing, leaking. */
import type { Profile } from "../../data/profile/profile-schema.js";
import type { Severity } from "./profiler-schema.js";
import { features, num, PROFILER_RULES, pct } from "./profile-facts.js";

export interface DropDecision {
  column: string;
  /** For dropColumns. */
  reason: string;
  /** For qualityIssues. */
  issue: string;
  action: string;
  severity: Severity;
}

/** One decision per dropped feature (the first rule that fires), leakage suspects first. */
export function dropDecisions(profile: Profile): DropDecision[] {
  const out = new Map<string, DropDecision>();
  const featureNames = new Set(features(profile).map((c) => c.name));
  for (const s of profile.leakage) {
    if (!featureNames.has(s.column) || out.has(s.column)) continue;
    out.set(s.column, {
      column: s.column,
      reason: `suspected leakage: ${s.reason.replace(/[;:,.]?\s*drop it\b.*$/i, "")}`,
      issue: `alone predicts the target almost perfectly (${s.metric} ${num(s.score)}): probably leaks the answer`,
      severity: "high",
      action: "drop it unless it is known at prediction time (then it is a legitimate, strong feature)",
    });
  }
  for (const c of features(profile)) {
    if (out.has(c.name)) continue;
    const d = rule(c);
    if (d) out.set(c.name, { column: c.name, ...d, action: `drop it before training: ${d.reason}` });
  }
  return [...out.values()];

  function rule(c: Profile["columns"][number]): Omit<DropDecision, "column" | "action"> | null {
    if (c.flags.allMissing) {
      return { reason: "every value is missing", issue: "every value is missing", severity: "medium" };
    }
    if (c.flags.constant) {
      return {
        reason: "holds a single value: nothing can be learnt from it",
        issue: "holds a single value",
        severity: "low",
      };
    }
    if (c.flags.idLike) {
      return {
        reason: "looks like a row identifier (unique per row or strictly increasing): it cannot generalise",
        issue: `looks like a row identifier (${num(c.cardinality)} distinct values over ${num(profile.nRows)} rows)`,
        severity: "medium",
      };
    }
    if (c.missingRate >= PROFILER_RULES.dropMissingRate) {
      return {
        reason: `${pct(c.missingRate)} of its values are missing: too little to impute from`,
        issue: `${pct(c.missingRate)} of values missing`,
        severity: "medium",
      };
    }
    return null;
  }
}
