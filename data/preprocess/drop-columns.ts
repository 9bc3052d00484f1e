/** drop_columns: removes columns or features (a raw name removes everything derived from it). */
import { z } from "zod";
import { selectColumns } from "./column-selector.js";
import type { FitContext, Fitted } from "./fit-context.js";
import type { DropColumnsStep } from "./step-schema.js";
import type { WorkTable } from "./work-table.js";

export const DropColumnsStateSchema = z.object({
  type: z.literal("drop_columns"),
  /** Exact working-column names. */
  columns: z.array(z.string()),
});
export type DropColumnsState = z.infer<typeof DropColumnsStateSchema>;

export function fitDropColumns(
  step: DropColumnsStep,
  table: WorkTable,
  ctx: FitContext,
): Fitted<DropColumnsState> {
  const selected =
    step.columns.length === 0
      ? []
      : selectColumns(table, step.columns, {
          step: ctx.step,
          groups: {},
          accepts: () => true,
          expected: "any column",
          target: ctx.target,
        });
  const state: DropColumnsState = { type: "drop_columns", columns: selected.map((c) => c.name) };
  return { state, train: applyDropColumns(state, table) };
}

/**
 * Columns already absent are fine: a raw column dropped before any step read it is not required
 * from new frames, so it is not loaded.
 */
export function applyDropColumns(state: DropColumnsState, table: WorkTable): WorkTable {
  const drop = new Set(state.columns);
  return { nRows: table.nRows, columns: table.columns.filter((c) => !drop.has(c.name)) };
}
