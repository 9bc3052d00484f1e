/** loadRunData: reads the training (and sealed test) table, profiles it and fixes target, task and metric. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import { cellValue, type Frame, getColumn, hasColumn, isMissing, takeRows } from "../data/frame.js";
import { resolveTarget } from "../data/preprocess/index.js";
import { type Profile, profileFrame } from "../data/profile/index.js";
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
  const read = await readTable(config.train);
  let frame = read.frame;
  let target = config.target;
  if (target === undefined) {
    target = guessTarget(frame);
    notes.push(`No --target given: predicting '${target}'.`);
  }
  checkTarget(frame, target, config.train);
  const col = getColumn(frame, target);
  const keep: number[] = [];
  for (let i = 0; i < frame.nRows; i++) if (!isMissing(col, i)) keep.push(i);
  if (keep.length < frame.nRows) {
    notes.push(`Dropped ${frame.nRows - keep.length} training rows with a missing target.`);
    frame = takeRows(frame, keep);
  }
  const profile = profileFrame(frame, {
    coercions: read.coercions,
    target,
    ...(config.task !== undefined ? { task: config.task } : {}),
  });
  const task = profile.task;
  if (!SUPERVISED_TASKS.includes(task) || task === "forecast") {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `alchemist run searches supervised tasks (binary, multiclass, regression); '${target}' makes this a ${task} task.`,
      { parameter: "task", allowed: ["binary", "multiclass", "regression"] },
    );
  }
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
  const testFrame = (await readTable(config.test)).frame;
  return { ...data, test: { frame: testFrame, y: testTargets(testFrame, target, classes) } };
}
