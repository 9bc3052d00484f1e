/** encode native: category codes 0..L-1 flagged categorical, for estimators that split on categories. */
import { z } from "zod";
import { groupLevels } from "./level-grouping.js";
import type { EncodeStep } from "./step-schema.js";
import {
  type CodedWork,
  levelIndex,
  levelLookup,
  numericWork,
  type NumericWork,
  replaceColumns,
  type WorkTable,
  workOfKind,
} from "./work-table.js";

export const NativeStateSchema = z.object({
  type: z.literal("native"),
  columns: z.array(
    z.object({
      column: z.string(),
      /** Kept levels (code = index), lexical order. */
      levels: z.array(z.string()),
      /** True when grouped levels share the extra code `levels.length` (`__other__`). */
      other: z.boolean(),
    }),
  ),
});
export type NativeState = z.infer<typeof NativeStateSchema>;

export function fitNative(step: EncodeStep, columns: readonly CodedWork[]): NativeState {
  return {
    type: "native",
    columns: columns.map((c) => {
      const g = groupLevels(c, step.min_frequency, step.max_levels);
      return { column: c.name, levels: g.kept, other: g.other };
    }),
  };
}

/**
 * The feature keeps the column's name. Missing values are NaN; unseen levels take the `__other__`
 * code when the column has one, else NaN (so they never collide with a fitted level).
 */
export function applyNative(state: NativeState, table: WorkTable): WorkTable {
  const outputs = new Map<string, NumericWork[]>();
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["categorical", "text"], "encode native");
    const map = levelLookup(c.levels, levelIndex(e.levels));
    const L = e.levels.length;
    const unseen = e.other ? L : Number.NaN;
    const n = table.nRows;
    const values = new Float64Array(n);
    const codes = c.codes;
    for (let i = 0; i < n; i++) {
      const k = codes[i] as number;
      if (k < 0) values[i] = Number.NaN;
      else {
        const m = map[k] as number;
        values[i] = m >= 0 ? m : unseen;
      }
    }
    outputs.set(e.column, [numericWork(c.name, c.source, values, "codes", L + (e.other ? 1 : 0))]);
  }
  return replaceColumns(table, (c) => outputs.get(c.name));
}
