/** The profiler's heuristic tier: deterministic rules over the Profile (no LLM). */
import { dropDecisions } from "./profiler-drops.js";
import { qualityIssues } from "./profiler-issues.js";
import type { ProfilerInput, ProfilerOutput } from "./profiler-schema.js";
import { preprocessing } from "./profiler-steps.js";
import { nameList, num } from "./profile-facts.js";

/**
 * Rules: drop empty, constant, ID-like, ≥ 95% missing and leaking features; impute (median for skewed
 * numerics, mean otherwise, most frequent for categoricals, indicators past 5% missing); one-hot up to
 * 20 levels, target encoding above; calendar parts for datetimes, word features for text; clipping for
 * heavy tails and scaling; class weights past 3:1 imbalance; a log hint for skewed positive targets;
 * duplicates, placeholder levels, small tables flagged; the detected task confirmed with its reason.
 */
export function profilerHeuristic(input: ProfilerInput): ProfilerOutput {
  const { profile } = input;
  const drops = dropDecisions(profile);
  const issues = qualityIssues(profile, drops);
  const steps = preprocessing(profile, drops);
  const time =
    profile.task === "forecast" &&
    profile.timeColumn !== null &&
    !profile.taskReason.includes(`'${profile.timeColumn}'`)
      ? `; '${profile.timeColumn}' orders the rows`
      : "";
  const task = {
    task: profile.task,
    status: "confirmed" as const,
    reason: `${profile.taskReason}${time}`,
  };

  const bySeverity = (s: string) => issues.filter((i) => i.severity === s).length;
  const sentences = [
    `${input.dataset ? `'${input.dataset}'` : "The table"} has ${num(profile.nRows)} rows and ${num(profile.nColumns)} columns; the task is ${profile.task} (${profile.taskReason}).`,
    `Data quality scores ${profile.quality.score}/100 with ${issues.length === 0 ? "no issue found" : `${issues.length} issue${issues.length === 1 ? "" : "s"} (${bySeverity("high")} high, ${bySeverity("medium")} medium, ${bySeverity("low")} low)`}.`,
  ];
  if (drops.length > 0) sentences.push(`Drop ${nameList(drops.map((d) => d.column))} before training.`);
  const stepTypes = [...new Set(steps.map((s) => s.step))];
  sentences.push(
    stepTypes.length > 0
      ? `Suggested preprocessing: ${stepTypes.join(", ").replaceAll("_", " ")}.`
      : "No preprocessing is needed beyond the defaults.",
  );
  return {
    task,
    qualityIssues: issues,
    dropColumns: drops.map((d) => ({ column: d.column, reason: d.reason })),
    preprocessing: steps,
    summary: sentences.join(" ").slice(0, 2000),
  };
}
