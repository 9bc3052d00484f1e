/** Turns the target (a frame column or given values) into training labels: class indices or values. */
import { AlchemistError } from "../../core/errors.js";
import { BOOL_MISSING, type Column, type Frame, getColumn } from "../frame.js";
import { isClassification, type Task } from "../task.js";
import { compareStrings } from "./work-table.js";

export interface TargetOptions {
  /** Target column of the frame; it is never a feature. */
  readonly target?: string;
  /** Target values per row (used instead of the column's values when both are given). */
  readonly y?: Float64Array | readonly number[];
  /** Inferred when absent: boolean → binary, categorical/text → binary or multiclass, numbers → regression. */
  readonly task?: Task;
}

export interface ResolvedTarget {
  readonly name: string | null;
  /** Class index 0..K-1 for classification, the value otherwise; null when there is no target. */
  readonly y: Float64Array | null;
  readonly task: Task | null;
  /** Class labels (index = class) for classification. */
  readonly classes: string[] | null;
}

interface Raw {
  values: Float64Array;
  /** Label of each distinct value when the target is coded (categorical, text, boolean). */
  labels: readonly string[] | null;
  /** Order classes by label (unordered categoricals, text) rather than by value. */
  byLabel: boolean;
}

function rawOf(c: Column): Raw {
  switch (c.kind) {
    case "numeric":
      return { values: c.values, labels: null, byLabel: false };
    case "boolean":
      return {
        values: Float64Array.from(c.values, (v) => (v === BOOL_MISSING ? Number.NaN : v)),
        labels: ["false", "true"],
        byLabel: false,
      };
    case "categorical":
    case "text":
      return {
        values: Float64Array.from(c.codes, (k) => (k < 0 ? Number.NaN : k)),
        labels: c.levels,
        byLabel: !(c.kind === "categorical" && c.ordered === true),
      };
    case "datetime":
      throw new AlchemistError("INVALID_TARGET", `The target '${c.name}' is a datetime column.`, {
        column: c.name,
      });
  }
}

function lookupTarget(frame: Frame, name: string): Column {
  try {
    return getColumn(frame, name);
  } catch (e) {
    if (e instanceof AlchemistError && e.code === "COLUMN_NOT_FOUND") {
      throw new AlchemistError(
        "TARGET_NOT_FOUND",
        e.message.replace("No column", "No target column"),
        e.details,
      );
    }
    throw e;
  }
}

export function resolveTarget(frame: Frame, opts: TargetOptions): ResolvedTarget {
  const name = opts.target ?? null;
  const column = name === null ? null : lookupTarget(frame, name);
  if (opts.y === undefined && column === null) {
    return { name, y: null, task: opts.task ?? null, classes: null };
  }
  const label = name ?? "y";
  let raw: Raw;
  if (opts.y !== undefined) {
    if (opts.y.length !== frame.nRows) {
      throw new AlchemistError(
        "LENGTH_MISMATCH",
        `y has ${opts.y.length} values but the frame has ${frame.nRows} rows.`,
        {
          parameter: "y",
        },
      );
    }
    raw = { values: Float64Array.from(opts.y), labels: null, byLabel: false };
  } else raw = rawOf(column as Column);
  const { values } = raw;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      const what = Number.isNaN(v) ? "missing" : "infinite";
      throw new AlchemistError(
        "INVALID_TARGET",
        `The target '${label}' is ${what} at row ${i}; drop or fix those rows first.`,
        { column: label, row: i },
      );
    }
  }
  // Classes: numbers ascending, booleans false/true, ordered categoricals in level order, other
  // labels lexically (so "no" < "yes" makes "yes" the positive class of a binary task).
  const labelOf = (v: number): string => raw.labels?.[v] ?? String(v);
  const distinctOf = (): number[] =>
    [...new Set(values)].sort((a, b) => (raw.byLabel ? compareStrings(labelOf(a), labelOf(b)) : a - b));
  let distinct: number[] | null = null;
  let task: Task;
  if (opts.task !== undefined) task = opts.task;
  else if (raw.labels === null) task = "regression";
  else {
    distinct = distinctOf();
    task = distinct.length === 2 ? "binary" : "multiclass";
  }
  if (!isClassification(task)) {
    if (raw.labels !== null && opts.y === undefined && column?.kind !== "boolean") {
      throw new AlchemistError(
        "INVALID_TARGET",
        `The target '${label}' is categorical; task '${task}' needs numbers.`,
        {
          column: label,
        },
      );
    }
    return { name, y: values, task, classes: null };
  }
  distinct ??= distinctOf();
  if (distinct.length < 2 || (task === "binary" && distinct.length !== 2)) {
    throw new AlchemistError(
      "INVALID_TARGET",
      `The target '${label}' has ${distinct.length} classes; task '${task}' needs ${task === "binary" ? "exactly 2" : "at least 2"}.`,
      { column: label },
    );
  }
  const index = new Map(distinct.map((v, k) => [v, k]));
  const y = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) y[i] = index.get(values[i] as number) ?? 0;
  const classes = distinct.map(labelOf);
  return { name, y, task, classes };
}
