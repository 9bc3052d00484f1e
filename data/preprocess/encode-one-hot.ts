/** encode one_hot: a 0/1 feature per kept level, plus `__other__` when rare levels were grouped. */
import { z } from "zod";
import { type LevelGrouping, groupLevels, OTHER_LEVEL } from "./level-grouping.js";
import type { EncodeStep } from "./step-schema.js";
import {
  type CodedWork,
  levelIndex,
  levelLookup,
  numericWork,
  type NumericWork,
  replaceColumns,
  uniqueName,
  type WorkTable,
  workOfKind,
} from "./work-table.js";

export const OneHotStateSchema = z.object({
  type: z.literal("one_hot"),
  columns: z.array(
    z.object({
      column: z.string(),
      /** Kept levels, lexical order. */
      levels: z.array(z.string()),
      /** Feature name per kept level. */
      features: z.array(z.string()),
      /** Feature of the grouped `__other__` level (also takes unseen levels), or null. */
      other: z.string().nullable(),
    }),
  ),
});
export type OneHotState = z.infer<typeof OneHotStateSchema>;

/** Fits the kept levels of every column; names are `<column>=<level>`. */
export function fitOneHot(step: EncodeStep, columns: readonly CodedWork[], taken: Set<string>): OneHotState {
  for (const c of columns) taken.delete(c.name);
  return {
    type: "one_hot",
    columns: columns.map((c) => {
      const g: LevelGrouping = groupLevels(c, step.min_frequency, step.max_levels);
      return {
        column: c.name,
        levels: g.kept,
        features: g.kept.map((l) => uniqueName(`${c.name}=${l}`, taken)),
        other: g.other ? uniqueName(`${c.name}=${OTHER_LEVEL}`, taken) : null,
      };
    }),
  };
}

/**
 * Missing values give all zeros; levels unseen at fit time go to `__other__` when the column has
 * one, else all zeros.
 */
export function applyOneHot(state: OneHotState, table: WorkTable): WorkTable {
  const outputs = new Map<string, NumericWork[]>();
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["categorical", "text"], "encode one_hot");
    const map = levelLookup(c.levels, levelIndex(e.levels));
    const n = table.nRows;
    const L = e.levels.length;
    const width = L + (e.other === null ? 0 : 1);
    const block = new Float64Array(n * width);
    const codes = c.codes;
    for (let i = 0; i < n; i++) {
      const k = codes[i] as number;
      if (k < 0) continue;
      const m = map[k] as number;
      if (m >= 0) block[m * n + i] = 1;
      else if (width > L) block[L * n + i] = 1;
    }
    const features = e.features.map((name, m) =>
      numericWork(name, c.source, block.subarray(m * n, (m + 1) * n), "binary"),
    );
    if (e.other !== null)
      features.push(numericWork(e.other, c.source, block.subarray(L * n, width * n), "binary"));
    outputs.set(e.column, features);
  }
  return replaceColumns(table, (c) => outputs.get(c.name));
}
