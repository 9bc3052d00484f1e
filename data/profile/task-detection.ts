/** Which task a target implies (or whether a requested task fits it), and which column orders a forecast. */
import { AlchemistError } from "../../core/errors.js";
import { closestNames } from "../did-you-mean.js";
import { type Column, columnNames, type Frame, getColumn, hasColumn } from "../frame.js";
import type { Task } from "../task.js";
import { profileColumn } from "./column-profile.js";
import type { ColumnProfile, DatetimeColumnProfile } from "./column-schema.js";
import type { TargetAnalysis } from "./profile-schema.js";
import { ProfileScratch } from "./scratch.js";
import { analyzeTarget } from "./target-analysis.js";

/** An integer target with at most this many values can be classes… */
export const MAX_INTEGER_CLASSES = 20;
/** …when it has at least this many rows per class on average… */
export const MIN_ROWS_PER_CLASS = 10;
/** …and its values are packed: max − min + 1 ≤ this × the number of distinct values. */
export const MAX_CLASS_SPAN_FACTOR = 2;
/** An explicit multiclass task accepts numeric targets with up to this many integer values. */
export const MAX_EXPLICIT_NUMERIC_CLASSES = 100;
/** A time column may miss, or repeat, at most this share of its timestamps. */
export const MAX_TIME_DEFECT_RATE = 0.01;
/** A forecast needs at least this many distinct timestamps. */
export const MIN_SERIES_LENGTH = 10;

export interface DetectTaskOptions {
  /** Column to predict; none means clustering (or the explicit unsupervised task). */
  target?: string | undefined;
  /** Task requested by the caller: it wins, after checking it fits the target. */
  task?: Task | undefined;
  /** Column that orders the rows (datetime, or numeric when given explicitly). */
  timeColumn?: string | undefined;
}

export interface TaskDetection {
  task: Task;
  /** Why, in plain words. */
  reason: string;
  /** The column ordering the rows: explicit, or found for a forecast; null otherwise. */
  timeColumn: string | null;
  target: TargetAnalysis | null;
}

/** Profiles of columns by name (profileFrame passes the ones it already computed). */
export type ProfileLookup = (col: Column) => ColumnProfile;

/**
 * Detects the task of `frame` for `options.target`, or validates `options.task` against it.
 * Throws TARGET_NOT_FOUND (with did-you-mean suggestions), INVALID_TARGET (all missing, constant,
 * datetime, or not fitting the requested task), COLUMN_NOT_FOUND for an unknown time column and
 * INVALID_ARGUMENT for a supervised task without target or a forecast without time column.
 */
export function detectTask(frame: Frame, options: DetectTaskOptions = {}): TaskDetection {
  const scratch = new ProfileScratch();
  const cache = new Map<string, ColumnProfile>();
  return detectTaskWith(frame, options, (col) => {
    let p = cache.get(col.name);
    if (!p) {
      p = profileColumn(col, "feature", scratch);
      cache.set(col.name, p);
    }
    return p;
  });
}

/** `detectTask` over already computed column profiles. */
export function detectTaskWith(
  frame: Frame,
  options: DetectTaskOptions,
  lookup: ProfileLookup,
): TaskDetection {
  const explicitTime = resolveTimeColumn(frame, options);
  if (options.target === undefined) return withoutTarget(options.task, explicitTime);

  assertTargetExists(frame, options.target);
  const col = getColumn(frame, options.target);
  if (explicitTime === col.name) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `The time column cannot also be the target ('${col.name}').`,
      {
        parameter: "timeColumn",
        column: col.name,
      },
    );
  }
  const profile = lookup(col);
  if (profile.flags.allMissing) {
    throw invalidTarget(col.name, `Target '${col.name}' is missing in every row: there is nothing to learn.`);
  }
  const natural = naturalTask(profile);
  const task = options.task;

  if (task === "clustering" || task === "anomaly") {
    const asClasses =
      natural.task === "binary" || natural.task === "multiclass" || profile.kind !== "numeric";
    return {
      task,
      reason: `${task} requested; '${col.name}' is kept only to score the result`,
      timeColumn: explicitTime,
      target: profile.kind === "datetime" ? null : analyzeTarget(col, profile, asClasses),
    };
  }
  if (natural.error !== null) throw invalidTarget(col.name, natural.error);

  if (task !== undefined && task !== "forecast") {
    checkFits(task, profile, natural.task);
    return {
      task,
      reason: `${task} requested; ${natural.why}`,
      timeColumn: explicitTime,
      target: analyzeTarget(col, profile, task !== "regression"),
    };
  }

  if (task === "forecast" || natural.task === "regression") {
    const time = explicitTime ?? findTimeColumn(frame, col.name, lookup, task === "forecast");
    if (task === "forecast" && profile.kind !== "numeric") {
      throw invalidTarget(
        col.name,
        `Forecast needs a numeric target; '${col.name}' is ${profile.kind}.`,
        natural.task,
      );
    }
    if (task === "forecast" && time === null) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        "Forecast needs a time column: no datetime column without gaps and repeats was found. Pass timeColumn.",
        { parameter: "timeColumn" },
      );
    }
    if (time !== null) {
      const tp = lookup(getColumn(frame, time));
      const freq =
        tp.kind === "datetime" && tp.datetime.frequency ? ` ${tp.datetime.frequency.description}` : "";
      return {
        task: "forecast",
        reason: `${task === "forecast" ? "forecast requested; " : ""}${natural.why}, and '${time}' orders the rows${freq}`,
        timeColumn: time,
        target: analyzeTarget(col, profile, false),
      };
    }
  }
  return {
    task: natural.task,
    reason: natural.why,
    timeColumn: explicitTime,
    target: analyzeTarget(col, profile, natural.task !== "regression"),
  };
}

/** Throws TARGET_NOT_FOUND, with did-you-mean suggestions, unless `frame` has a column `target`. */
export function assertTargetExists(frame: Frame, target: string): void {
  if (hasColumn(frame, target)) return;
  const suggestions = closestNames(target, columnNames(frame));
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : "";
  throw new AlchemistError("TARGET_NOT_FOUND", `No target column named '${target}'.${hint}`, {
    column: target,
    suggestions,
  });
}

function withoutTarget(task: Task | undefined, time: string | null): TaskDetection {
  if (task === undefined || task === "clustering" || task === "anomaly") {
    const t = task ?? "clustering";
    return {
      task: t,
      reason:
        task === undefined
          ? "no target given: group similar rows (clustering)"
          : `${t} requested (no target)`,
      timeColumn: time,
      target: null,
    };
  }
  throw new AlchemistError("INVALID_ARGUMENT", `Task '${task}' needs a target column: pass target.`, {
    parameter: "target",
  });
}

function invalidTarget(column: string, message: string, suggestedTask?: Task): AlchemistError {
  return new AlchemistError("INVALID_TARGET", message, {
    column,
    ...(suggestedTask !== undefined ? { suggestions: [suggestedTask] } : {}),
  });
}

/** The task a target implies on its own, or why it cannot be learnt. */
export interface NaturalTask {
  task: Task;
  why: string;
  /** Why the target cannot be learnt at all (constant, datetime), or null. */
  error: string | null;
}

/** The task a target implies on its own (see the constants above for the integer-classes rule). */
export function naturalTask(p: ColumnProfile): NaturalTask {
  const k = p.cardinality;
  const name = `'${p.name}'`;
  if (p.kind === "datetime") {
    return {
      task: "regression",
      why: "",
      error: `Target ${name} is a datetime: predict a number or a label instead.`,
    };
  }
  if (k === 1) {
    return {
      task: "binary",
      why: "",
      error: `Target ${name} has a single value: there is nothing to learn.`,
    };
  }
  if (p.kind !== "numeric") {
    const what = p.kind === "boolean" ? "true/false" : `${p.kind} labels`;
    return k === 2
      ? { task: "binary", why: `target ${name} has 2 classes (${what})`, error: null }
      : { task: "multiclass", why: `target ${name} has ${k} classes (${what})`, error: null };
  }
  if (k === 2) return { task: "binary", why: `target ${name} is numeric with exactly 2 values`, error: null };
  const s = p.numeric;
  const packed = s.min !== null && s.max !== null && s.max - s.min + 1 <= MAX_CLASS_SPAN_FACTOR * k;
  if (s.integerValued && k <= MAX_INTEGER_CLASSES && s.finiteCount >= MIN_ROWS_PER_CLASS * k && packed) {
    return {
      task: "multiclass",
      why: `target ${name} holds ${k} whole-number values with ${Math.floor(s.finiteCount / k)} rows per value on average: read as classes`,
      error: null,
    };
  }
  return { task: "regression", why: `target ${name} is numeric with ${k} distinct values`, error: null };
}

/** Throws INVALID_TARGET when an explicitly requested supervised task cannot use the target. */
function checkFits(task: Task, p: ColumnProfile, natural: Task): void {
  const k = p.cardinality;
  const fail = (why: string) => {
    throw invalidTarget(
      p.name,
      `Task '${task}' does not fit target '${p.name}': ${why} Try '${natural}'.`,
      natural,
    );
  };
  if (task === "binary" && k !== 2) fail(`it has ${k} distinct values; binary needs exactly 2.`);
  if (task === "multiclass" && p.kind === "numeric") {
    if (!p.numeric.integerValued) fail("it holds fractional numbers, which are not classes.");
    if (k > MAX_EXPLICIT_NUMERIC_CLASSES)
      fail(`it has ${k} distinct numbers; at most ${MAX_EXPLICIT_NUMERIC_CLASSES} can be classes.`);
  }
  if (task === "regression" && p.kind !== "numeric") fail(`it is ${p.kind}, not numeric.`);
}

/** The explicit time column after checking it exists and can order rows, or null. */
function resolveTimeColumn(frame: Frame, options: DetectTaskOptions): string | null {
  if (options.timeColumn === undefined) return null;
  const col = getColumn(frame, options.timeColumn);
  if (col.kind !== "datetime" && col.kind !== "numeric") {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Time column '${col.name}' is ${col.kind}; it must be a datetime (or numeric time index).`,
      { parameter: "timeColumn", column: col.name },
    );
  }
  return col.name;
}

/** Few missing and few repeated timestamps, enough of them. */
function ordersRows(p: DatetimeColumnProfile, nRows: number): boolean {
  const nonMissing = nRows - p.missing;
  return (
    p.cardinality >= MIN_SERIES_LENGTH &&
    p.missing <= MAX_TIME_DEFECT_RATE * nRows &&
    p.datetime.duplicateTimestamps <= MAX_TIME_DEFECT_RATE * nonMissing
  );
}

/**
 * The first datetime column (other than the target) that can order the rows of a series: few missing,
 * few duplicates and a regular frequency. `relaxed` (forecast requested) drops the frequency test.
 */
function findTimeColumn(
  frame: Frame,
  target: string,
  lookup: ProfileLookup,
  relaxed: boolean,
): string | null {
  for (const col of frame.columns) {
    if (col.kind !== "datetime" || col.name === target) continue;
    const p = lookup(col);
    if (p.kind !== "datetime") continue;
    if (ordersRows(p, frame.nRows) && (relaxed || p.datetime.frequency !== null)) return col.name;
  }
  return null;
}
