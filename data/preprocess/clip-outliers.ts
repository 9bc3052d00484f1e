/** clip_outliers: clamps features to bounds fitted from IQR fences or quantiles. */
import { z } from "zod";
import { isContinuous, isNumericNotCodes, selectColumns } from "./column-selector.js";
import type { FitContext, Fitted } from "./fit-context.js";
import { quantileSorted, sortedFinite } from "./numeric-stats.js";
import type { ClipOutliersStep } from "./step-schema.js";
import { replaceColumns, type WorkTable } from "./work-table.js";

export const ClipOutliersStateSchema = z.object({
  type: z.literal("clip_outliers"),
  /** Columns without a finite value at fit time have no bounds and pass through. */
  columns: z.array(z.object({ column: z.string(), lower: z.number(), upper: z.number() })),
});
export type ClipOutliersState = z.infer<typeof ClipOutliersStateSchema>;

export function fitClipOutliers(
  step: ClipOutliersStep,
  table: WorkTable,
  ctx: FitContext,
): Fitted<ClipOutliersState> {
  const selected = selectColumns(table, step.columns, {
    step: ctx.step,
    groups: { numeric: isContinuous },
    accepts: isNumericNotCodes,
    expected: "numeric features (not native category codes)",
    target: ctx.target,
  });
  const state: ClipOutliersState = { type: "clip_outliers", columns: [] };
  for (const c of selected) {
    if (c.kind !== "numeric") continue;
    const sorted = sortedFinite(c.values);
    if (sorted.length === 0) continue;
    if (step.method === "iqr") {
      const q1 = quantileSorted(sorted, 0.25);
      const q3 = quantileSorted(sorted, 0.75);
      const k = step.iqr_multiplier * (q3 - q1);
      state.columns.push({ column: c.name, lower: q1 - k, upper: q3 + k });
    } else {
      state.columns.push({
        column: c.name,
        lower: quantileSorted(sorted, step.lower_quantile),
        upper: quantileSorted(sorted, step.upper_quantile),
      });
    }
  }
  return { state, train: applyClipOutliers(state, table) };
}

/** NaN stays NaN; ±Infinity is clamped like any value. */
export function applyClipOutliers(state: ClipOutliersState, table: WorkTable): WorkTable {
  const byName = new Map(state.columns.map((e) => [e.column, e]));
  return replaceColumns(table, (c) => {
    const e = byName.get(c.name);
    if (e === undefined || c.kind !== "numeric") return undefined;
    const src = c.values;
    const out = new Float64Array(src.length);
    const { lower, upper } = e;
    for (let i = 0; i < src.length; i++) {
      const v = src[i] as number;
      out[i] = Math.max(lower, Math.min(v, upper));
    }
    return [{ ...c, values: out }];
  });
}
