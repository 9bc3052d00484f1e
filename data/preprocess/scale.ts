/** scale: (x − center) / spread with fitted center and spread (standard, minmax, robust). */
import { z } from "zod";
import { isContinuous, isNumericNotCodes, selectColumns } from "./column-selector.js";
import type { FitContext, Fitted } from "./fit-context.js";
import { meanStd, minMax, quantileSorted, sortedFinite } from "./numeric-stats.js";
import type { ScaleStep } from "./step-schema.js";
import { replaceColumns, type WorkTable } from "./work-table.js";

export const ScaleStateSchema = z.object({
  type: z.literal("scale"),
  method: z.enum(["standard", "minmax", "robust"]),
  columns: z.array(z.object({ column: z.string(), center: z.number(), spread: z.number() })),
});
export type ScaleState = z.infer<typeof ScaleStateSchema>;

/** Center and spread of the finite values; a zero (or undefined) spread becomes 1, as scikit-learn does. */
function fitOne(method: ScaleStep["method"], values: Float64Array): { center: number; spread: number } {
  let center: number;
  let spread: number;
  if (method === "standard") {
    const s = meanStd(values);
    center = s.mean;
    spread = s.std;
  } else if (method === "minmax") {
    const r = minMax(values);
    center = r.min;
    spread = r.max - r.min;
  } else {
    const sorted = sortedFinite(values);
    center = quantileSorted(sorted, 0.5);
    spread = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  }
  if (!Number.isFinite(center)) center = 0;
  if (!Number.isFinite(spread) || spread === 0) spread = 1;
  return { center, spread };
}

export function fitScale(step: ScaleStep, table: WorkTable, ctx: FitContext): Fitted<ScaleState> {
  const selected = selectColumns(table, step.columns, {
    step: ctx.step,
    groups: { numeric: isContinuous },
    accepts: isNumericNotCodes,
    expected: "numeric features (not native category codes)",
    target: ctx.target,
  });
  const state: ScaleState = {
    type: "scale",
    method: step.method,
    columns: selected.map((c) => ({
      column: c.name,
      ...fitOne(step.method, c.kind === "numeric" ? c.values : new Float64Array(0)),
    })),
  };
  return { state, train: applyScale(state, table) };
}

/** NaN stays NaN. */
export function applyScale(state: ScaleState, table: WorkTable): WorkTable {
  const byName = new Map(state.columns.map((e) => [e.column, e]));
  return replaceColumns(table, (c) => {
    const e = byName.get(c.name);
    if (e === undefined || c.kind !== "numeric") return undefined;
    const src = c.values;
    const out = new Float64Array(src.length);
    const { center, spread } = e;
    for (let i = 0; i < src.length; i++) out[i] = ((src[i] as number) - center) / spread;
    return [{ ...c, values: out }];
  });
}
