/** Semantic checks of a profiler answer against its profile: named columns exist, the task fits the target. */
import { closestNames } from "../../data/did-you-mean.js";
import type { Profile } from "../../data/profile/profile-schema.js";
import type { Task } from "../../data/task.js";
import type { ProfilerInput, ProfilerOutput } from "./profiler-schema.js";

/** An explicit multiclass task accepts integer targets with up to this many values (as task detection). */
const MAX_NUMERIC_CLASSES = 100;

/** Why `task` cannot serve this profile's target, or null when it can. */
export function taskMismatch(task: Task, profile: Profile): string | null {
  const target = profile.target;
  if (target === null) {
    return task === "clustering" || task === "anomaly"
      ? null
      : `task '${task}' needs a target, and the profile has none (only clustering or anomaly fit)`;
  }
  const cls = target.classification;
  const reg = target.regression;
  const nClasses = cls?.nClasses ?? (reg?.integerValued ? reg.distinct : null);
  switch (task) {
    case "binary":
      return nClasses === 2
        ? null
        : `task 'binary' needs a target with 2 classes; '${target.name}' has ${describeTarget(profile)}`;
    case "multiclass":
      return nClasses !== null && nClasses >= 3 && (cls !== null || nClasses <= MAX_NUMERIC_CLASSES)
        ? null
        : `task 'multiclass' needs a target with 3 or more classes; '${target.name}' has ${describeTarget(profile)}`;
    case "regression":
      return target.kind === "numeric"
        ? null
        : `task 'regression' needs a numeric target; '${target.name}' is ${target.kind}`;
    case "forecast":
      if (target.kind !== "numeric")
        return `task 'forecast' needs a numeric target; '${target.name}' is ${target.kind}`;
      return profile.timeColumn !== null || profile.columns.some((c) => c.kind === "datetime")
        ? null
        : "task 'forecast' needs a datetime column to order the rows, and the profile has none";
    case "anomaly":
      return nClasses === 2 ? null : `task 'anomaly' with a target needs 2 classes (normal, anomaly)`;
    case "clustering":
      return `task 'clustering' ignores the target '${target.name}'; a supervised task fits`;
  }
}

function describeTarget(profile: Profile): string {
  const t = profile.target!;
  if (t.classification) return `${t.classification.nClasses} classes`;
  if (t.regression) return `${t.regression.distinct} distinct numeric values`;
  return `kind ${t.kind}`;
}

/** Violations of the profiler output against its input; empty when it is consistent. */
export function checkProfilerOutput(value: ProfilerOutput, input: ProfilerInput): string[] {
  const { profile } = input;
  const names = profile.columns.map((c) => c.name);
  const known = new Set(names);
  const out: string[] = [];
  const checkName = (path: string, column: string | undefined) => {
    if (column === undefined || known.has(column)) return;
    const close = closestNames(column, names);
    const hint = close.length > 0 ? ` (did you mean ${close.map((n) => JSON.stringify(n)).join(", ")}?)` : "";
    out.push(`${path}: no column named ${JSON.stringify(column)} in the profile${hint}`);
  };
  for (const [i, q] of value.qualityIssues.entries()) checkName(`qualityIssues[${i}].column`, q.column);
  for (const [i, d] of value.dropColumns.entries()) checkName(`dropColumns[${i}].column`, d.column);
  for (const [i, p] of value.preprocessing.entries()) checkName(`preprocessing[${i}].column`, p.column);

  value.dropColumns.forEach((d, i) => {
    if (profile.target && d.column === profile.target.name) {
      out.push(`dropColumns[${i}].column: ${JSON.stringify(d.column)} is the target; it cannot be dropped`);
    }
    if (profile.timeColumn !== null && d.column === profile.timeColumn && value.task.task === "forecast") {
      out.push(
        `dropColumns[${i}].column: ${JSON.stringify(d.column)} orders the forecast; it cannot be dropped`,
      );
    }
  });

  const mismatch = taskMismatch(value.task.task, profile);
  if (mismatch !== null) out.push(`task.task: ${mismatch}`);
  if (value.task.status === "confirmed" && value.task.task !== profile.task) {
    out.push(
      `task.status: 'confirmed' must repeat the detected task '${profile.task}'; use 'suggested' to propose '${value.task.task}'`,
    );
  }
  return out;
}
