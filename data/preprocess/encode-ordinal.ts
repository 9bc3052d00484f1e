/** encode ordinal: the rank of a level in a declared (or lexical) order. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FitContext } from "./fit-context.js";
import type { EncodeStep } from "./step-schema.js";
import {
  type CodedWork,
  compareStrings,
  levelCounts,
  levelIndex,
  levelLookup,
  numericWork,
  type NumericWork,
  replaceColumns,
  type WorkTable,
  workOfKind,
} from "./work-table.js";

export const OrdinalStateSchema = z.object({
  type: z.literal("ordinal"),
  columns: z.array(z.object({ column: z.string(), levels: z.array(z.string()) })),
});
export type OrdinalState = z.infer<typeof OrdinalStateSchema>;

function fitOrder(step: EncodeStep, c: CodedWork, ctx: FitContext): string[] {
  const counts = levelCounts(c);
  const present = c.levels.filter((_, k) => (counts[k] as number) > 0);
  const declared = step.order[c.name] ?? step.order[c.source];
  if (declared !== undefined) {
    if (new Set(declared).size !== declared.length) {
      throw new AlchemistError(
        "INVALID_SPEC",
        `${ctx.step}: the declared order of '${c.name}' repeats a level.`,
        {
          column: c.name,
          parameter: "order",
        },
      );
    }
    const known = new Set(declared);
    const missing = present.filter((l) => !known.has(l));
    if (missing.length > 0) {
      throw new AlchemistError(
        "INVALID_SPEC",
        `${ctx.step}: the declared order of '${c.name}' lacks level(s) ${missing.map((l) => `'${l}'`).join(", ")}.`,
        { column: c.name, parameter: "order", levels: missing },
      );
    }
    return [...declared];
  }
  // An ordered categorical keeps its declared order (all of it: the order is the meaning).
  return c.ordered === true ? [...c.levels] : present.sort(compareStrings);
}

export function fitOrdinal(step: EncodeStep, columns: readonly CodedWork[], ctx: FitContext): OrdinalState {
  const names = new Set(columns.flatMap((c) => [c.name, c.source]));
  for (const name of Object.keys(step.order)) {
    if (!names.has(name)) {
      throw new AlchemistError(
        "INVALID_SPEC",
        `${ctx.step}: 'order' names '${name}', which this step does not encode.`,
        { column: name, parameter: "order" },
      );
    }
  }
  return {
    type: "ordinal",
    columns: columns.map((c) => ({ column: c.name, levels: fitOrder(step, c, ctx) })),
  };
}

/** The feature keeps the column's name; missing and unseen levels are NaN. */
export function applyOrdinal(state: OrdinalState, table: WorkTable): WorkTable {
  const outputs = new Map<string, NumericWork[]>();
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["categorical", "text"], "encode ordinal");
    const map = levelLookup(c.levels, levelIndex(e.levels));
    const n = table.nRows;
    const values = new Float64Array(n);
    const codes = c.codes;
    for (let i = 0; i < n; i++) {
      const k = codes[i] as number;
      const m = k < 0 ? -1 : (map[k] as number);
      values[i] = m >= 0 ? m : Number.NaN;
    }
    outputs.set(e.column, [numericWork(c.name, c.source, values, "continuous")]);
  }
  return replaceColumns(table, (c) => outputs.get(c.name));
}
