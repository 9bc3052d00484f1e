/** Reads a table and profiles it in one call: what `alchemist profile` and the profile tool do. */
import type { ColumnKind } from "./frame.js";
import { profileFrame } from "./profile/index.js";
import type { Profile } from "./profile/index.js";
import { readTable } from "./read-table.js";
import type { ReadTableOptions } from "./read-table.js";
import type { SourceInfo } from "./read-result.js";
import type { Task } from "./task.js";

export interface ProfileFileOptions extends ReadTableOptions {
  target?: string | undefined;
  task?: Task | undefined;
  timeColumn?: string | undefined;
  types?: Record<string, ColumnKind>;
}

export async function profileFile(
  path: string,
  options: ProfileFileOptions = {},
): Promise<{ profile: Profile; source: SourceInfo }> {
  const { target, task, timeColumn, ...readOptions } = options;
  const read = await readTable(path, readOptions);
  const profile = profileFrame(read.frame, {
    coercions: read.coercions,
    ...(target !== undefined ? { target } : {}),
    ...(task !== undefined ? { task } : {}),
    ...(timeColumn !== undefined ? { timeColumn } : {}),
  });
  return { profile, source: read.source };
}
