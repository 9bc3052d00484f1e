/** profileFrame: every column's statistics, duplicates, task, target, leakage and quality in one Profile. */
import type { Coercion } from "../coercion.js";
import type { Column, Frame } from "../frame.js";
import type { Task } from "../task.js";
import { profileColumn } from "./column-profile.js";
import { countDuplicateRows } from "./duplicates.js";
import { findLeakage } from "./leakage.js";
import type { ColumnProfile } from "./column-schema.js";
import type { Profile } from "./profile-schema.js";
import { scoreQuality } from "./quality.js";
import { ProfileScratch } from "./scratch.js";
import { assertTargetExists, detectTaskWith } from "./task-detection.js";

export interface ProfileOptions {
  /** Column to predict; none means clustering (unless `task` says anomaly). */
  target?: string | undefined;
  /** Task requested by the caller; it wins after checking it fits the target. */
  task?: Task | undefined;
  /** Column ordering the rows (forecast); found automatically when omitted. */
  timeColumn?: string | undefined;
  /** What the reader decided about the data, copied into the profile. */
  coercions?: readonly Coercion[] | undefined;
}

/** Approximate bytes: the typed arrays plus 2 bytes per character of level strings (UTF-16). */
export function memoryBytes(columns: readonly Column[]): number {
  let bytes = 0;
  for (const c of columns) {
    if (c.kind === "categorical" || c.kind === "text") {
      bytes += c.codes.byteLength;
      for (const l of c.levels) bytes += 2 * l.length;
    } else bytes += c.values.byteLength;
  }
  return bytes;
}

/**
 * Profiles `frame`. Deterministic: same frame and options, same profile. Throws like `detectTask`
 * (TARGET_NOT_FOUND, INVALID_TARGET, COLUMN_NOT_FOUND, INVALID_ARGUMENT), before any heavy work for
 * an unknown target.
 */
export function profileFrame(frame: Frame, options: ProfileOptions = {}): Profile {
  if (options.target !== undefined) assertTargetExists(frame, options.target);
  const scratch = new ProfileScratch();
  const profiles: ColumnProfile[] = frame.columns.map((c) => profileColumn(c, "feature", scratch));
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const detection = detectTaskWith(frame, options, (col) => byName.get(col.name)!);

  const columns = profiles.map((p): ColumnProfile => {
    if (p.name === options.target) return { ...p, role: "target" };
    if (p.name === detection.timeColumn) return { ...p, role: "time" };
    return p;
  });
  const duplicateRows = countDuplicateRows(
    frame,
    scratch,
    columns.map((p) => p.cardinality + (p.missing > 0 ? 1 : 0)),
  );
  let missingCells = 0;
  for (const p of columns) missingCells += p.missing;
  const cells = frame.nRows * columns.length;
  const leakage =
    detection.target !== null && options.target !== undefined
      ? findLeakage(frame, {
          task: detection.task,
          target: options.target,
          timeColumn: detection.timeColumn,
          profiles: columns,
        })
      : [];
  const quality = scoreQuality({
    nRows: frame.nRows,
    columns,
    duplicateRows,
    missingCells,
    task: detection.task,
    target: detection.target,
    leakage,
  });
  return {
    nRows: frame.nRows,
    nColumns: columns.length,
    duplicateRows,
    missingCells,
    missingCellRate: cells > 0 ? missingCells / cells : 0,
    memoryBytes: memoryBytes(frame.columns),
    coercions: [...(options.coercions ?? [])],
    task: detection.task,
    taskReason: detection.reason,
    timeColumn: detection.timeColumn,
    target: detection.target,
    leakage,
    quality,
    columns,
  };
}
