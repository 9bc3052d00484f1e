/** What a step's fit may know besides the working table: the target, the task and the seed. */
import type { Task } from "../task.js";
import type { WorkTable } from "./work-table.js";

export interface FitContext {
  /** Names the step in errors, e.g. `steps[2] (encode)`. */
  readonly step: string;
  /** The target column's name (never a feature), or null when unsupervised. */
  readonly target: string | null;
  /** Target per training row: class index 0..K-1 for classification, the value for regression. */
  readonly y: Float64Array | null;
  readonly task: Task | null;
  /** Class labels of a classification target, index = class. */
  readonly classes: readonly string[] | null;
  /** The pipeline seed. */
  readonly seed: number;
}

/** A fitted step: its state (plain JSON data) and the training rows as the next step must see them. */
export interface Fitted<S> {
  readonly state: S;
  readonly train: WorkTable;
}

/** Names in use, for choosing unique names of new features. */
export function takenNames(table: WorkTable): Set<string> {
  return new Set(table.columns.map((c) => c.name));
}
