/** loadRunData: reads the training (and sealed test) table, profiles it and fixes target, task and metric. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import type { Coercion } from "../data/coercion.js";
import {
  cellValue,
  createFrame,
  type Frame,
  getColumn,
  hasColumn,
  isMissing,
  takeRows,
} from "../data/frame.js";
import { resolveTarget } from "../data/preprocess/index.js";
import { type Profile, profileFrame } from "../data/profile/index.js";
import type { ReadOptions } from "../data/read-result.js";
import { readTable } from "../data/read-table.js";
import { isClassification, SUPERVISED_TASKS, type Task } from "../data/task.js";
import { defaultMetric } from "../evaluate/metrics/metric-choice.js";
import { METRICS, type MetricName } from "../evaluate/metrics/registry.js";
import type { RunConfig } from "./run-config.js";

export interface RunData {
  /** Training rows with a known target. */
  readonly frame: Frame;
  readonly target: string;
  readonly task: Task;
  readonly metric: MetricName;
  /** Class index (into `classes`) or value per training row. */
  readonly y: Float64Array;
  readonly classes: readonly string[] | null;
  readonly profile: Profile;
  /** Notes for the report: rows dropped, target guessed, … */
  readonly notes: readonly string[];
  readonly test?: { frame: Frame; y: Float64Array | null };
}

const TARGET_NAMES = ["target", "label", "y", "class", "outcome"];
/** Target labels that mean "no label" (compared trimmed, lower case). */
const NA_LABELS = new Set(["nan", "na", "n/a", "null", "none", "?", ""]);
/** Fewer rows than this cannot be cross-validated meaningfully. */
const MIN_ROWS = 10;

/** ±Infinity in a numeric feature is a value no model can use: it becomes missing, with a note. */
function finiteFeatures(frame: Frame, target: string, notes: string[]): Frame {
  let changed = false;
  const columns = frame.columns.map((c) => {
    if (c.kind !== "numeric" || c.name === target) return c;
    let infinite = 0;
    for (const v of c.values)
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) infinite++;
    if (infinite === 0) return c;
    changed = true;
    notes.push(`${c.name}: ${infinite} infinite value${infinite > 1 ? "s" : ""} treated as missing.`);
    return { ...c, values: c.values.map((v) => (Number.isFinite(v) ? v : Number.NaN)) };
  });
  return changed ? createFrame(columns) : frame;
}

/**
 * A yes/no target is read as booleans; it is read again as classes so predictions keep the user's
 * labels — when that gives exactly two classes (padded spellings like " yes" stay booleans).
 */
async function targetLabels(
  path: string,
  target: string,
  read: Awaited<ReturnType<typeof readTable>>,
): Promise<{ read?: Awaited<ReturnType<typeof readTable>>; options: ReadOptions }> {
  if (getColumn(read.frame, target).kind !== "boolean") return { options: {} };
  const options: ReadOptions = { types: { [target]: "categorical" } };
  try {
    const again = await readTable(path, options);
    const col = getColumn(again.frame, target);
    if (col.kind === "categorical" && col.levels.length === 2) return { read: again, options };
  } catch {
    // Keep the boolean reading: its labels are true/false, the data are the same.
  }
  return { options: {} };
}

/** The test table, its target read as the training target was (a test table may have no target). */
async function readTest(path: string, labels: ReadOptions, target: string): Promise<Frame> {
  try {
    return (await readTable(path, labels)).frame;
  } catch (e) {
    if (!(e instanceof AlchemistError && e.code === "COLUMN_NOT_FOUND" && e.details.column === target))
      throw e;
    return (await readTable(path)).frame;
  }
}

/** What the reader and the profile found that a user should read in the report. */
function dataNotes(coercions: readonly Coercion[], profile: Profile): string[] {
  const notes: string[] = [];
  for (const c of coercions) notes.push(c.message);
  for (const r of profile.quality.reasons) if (r.penalty > 0) notes.push(r.message);
  for (const l of profile.leakage) notes.push(`${l.column} leaks the target (${l.reason}); it is dropped.`);
  return [...new Set(notes)];
}

function guessTarget(frame: Frame): string {
  const names = frame.columns.map((c) => c.name);
  const named = names.find((n) => TARGET_NAMES.includes(n.toLowerCase()));
  return named ?? (names[names.length - 1] as string);
}

function checkTarget(frame: Frame, target: string, file: string): void {
  if (hasColumn(frame, target)) return;
  const suggestions = closestNames(
    target,
    frame.columns.map((c) => c.name),
  );
  throw new AlchemistError(
    "COLUMN_NOT_FOUND",
    `The target column '${target}' is not in ${file}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : ""}`,
    { column: target, parameter: "target", suggestions },
  );
}

/** Test labels mapped onto the training classes; a label never seen in training is an error naming its row. */
function testTargets(test: Frame, target: string, classes: readonly string[] | null): Float64Array | null {
  if (!hasColumn(test, target)) return null;
  const col = getColumn(test, target);
  const y = new Float64Array(test.nRows);
  const index = classes === null ? null : new Map(classes.map((c, k) => [c, k]));
  for (let i = 0; i < test.nRows; i++) {
    if (isMissing(col, i)) {
      throw new AlchemistError("INVALID_TARGET", `The test target '${target}' is missing at row ${i}.`, {
        column: target,
        row: i,
        parameter: "test",
      });
    }
    const v = cellValue(col, i);
    if (index === null) y[i] = Number(v);
    else {
      const k = index.get(String(v));
      if (k === undefined) {
        throw new AlchemistError(
          "INVALID_TARGET",
          `The test target '${target}' has class '${String(v)}' at row ${i}, never seen in training.`,
          { column: target, row: i, parameter: "test", allowed: [...(classes ?? [])] },
        );
      }
      y[i] = k;
    }
  }
  return y;
}

export async function loadRunData(config: RunConfig): Promise<RunData> {
  const notes: string[] = [];
  let read = await readTable(config.train);
  let target = config.target;
  if (target === undefined) {
    target = guessTarget(read.frame);
    notes.push(`No --target given: predicting '${target}'.`);
  }
  checkTarget(read.frame, target, config.train);
  const labels = await targetLabels(config.train, target, read);
  if (labels.read !== undefined) read = labels.read;
  let frame = read.frame;
  const col = getColumn(frame, target);
  // In a class target, "NaN", "NA", "null", … are missing labels, not a class to predict.
  const naCodes = new Set<number>();
  if (col.kind === "categorical" || col.kind === "text") {
    col.levels.forEach((level, code) => {
      if (NA_LABELS.has(level.trim().toLowerCase())) naCodes.add(code);
    });
  }
  const keep: number[] = [];
  for (let i = 0; i < frame.nRows; i++) {
    if (isMissing(col, i)) continue;
    if (naCodes.size > 0 && naCodes.has((col as { codes: Int32Array }).codes[i] as number)) continue;
    keep.push(i);
  }
  if (keep.length < frame.nRows) {
    notes.push(`Dropped ${frame.nRows - keep.length} training rows with a missing target.`);
    frame = takeRows(frame, keep);
  }
  const profile = profileFrame(frame, {
    coercions: read.coercions,
    target,
    ...(config.task !== undefined ? { task: config.task } : {}),
  });
  let task = profile.task;
  if (task === "forecast" && config.task === undefined && profile.target?.regression != null) {
    // Forecasting comes with its own models; until then a numeric target is still worth a regression.
    notes.push(
      `'${target}' looks like a forecast (ordered by '${profile.timeColumn}'); it was run as a regression. Pass --task regression to say so.`,
    );
    task = "regression";
  }
  if (!SUPERVISED_TASKS.includes(task) || task === "forecast") {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `alchemist run searches supervised tasks (binary, multiclass, regression); '${target}' makes this a ${task} task.`,
      { parameter: "task", allowed: ["binary", "multiclass", "regression"] },
    );
  }
  if (frame.nRows < MIN_ROWS) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `${config.train} has ${frame.nRows} rows with a known target; a run needs at least ${MIN_ROWS} to cross-validate.`,
      { parameter: "train", rows: frame.nRows, min: MIN_ROWS },
    );
  }
  frame = finiteFeatures(frame, target, notes);
  notes.push(...dataNotes(read.coercions, profile));
  const resolved = resolveTarget(frame, { target, task });
  const metric = config.metric ?? defaultMetric(task);
  if (!METRICS[metric].tasks.includes(task)) {
    throw new AlchemistError("INVALID_ARGUMENT", `The metric ${metric} does not score a ${task} task.`, {
      parameter: "metric",
      allowed: Object.values(METRICS)
        .filter((m) => m.tasks.includes(task))
        .map((m) => m.name),
    });
  }
  const classes = isClassification(task) ? (resolved.classes ?? []) : null;
  const data: RunData = {
    frame,
    target,
    task,
    metric,
    y: resolved.y as Float64Array,
    classes,
    profile,
    notes,
  };
  if (config.test === undefined) return data;
  const testFrame = await readTest(config.test, labels.options, target);
  for (const c of frame.columns) {
    if (c.name === target || hasColumn(testFrame, c.name)) continue;
    throw new AlchemistError(
      "COLUMN_NOT_FOUND",
      `The test table ${config.test} has no column '${c.name}', which the training table has.`,
      { column: c.name, parameter: "test" },
    );
  }
  return { ...data, test: { frame: testFrame, y: testTargets(testFrame, target, classes) } };
}
