/** impute: fills missing values with statistics learned at fit time, optionally adding missing indicators. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { CODE_MISSING } from "../frame.js";
import { isCoded, isNumericNotCodes, selectColumns } from "./column-selector.js";
import { type FitContext, type Fitted, takenNames } from "./fit-context.js";
import { meanStd, modeSorted, quantileSorted, sortedFinite } from "./numeric-stats.js";
import type { ImputeStep } from "./step-schema.js";
import {
  type CodedWork,
  compareStrings,
  levelCounts,
  type NumericWork,
  numericWork,
  replaceColumns,
  uniqueName,
  type WorkColumn,
  type WorkTable,
} from "./work-table.js";

const Entry = <T extends z.ZodType>(fill: T) =>
  z.object({
    column: z.string(),
    fill,
    /** Name of the `__missing` indicator feature, or null when none is added. */
    indicator: z.string().nullable(),
  });

export const ImputeStateSchema = z.object({
  type: z.literal("impute"),
  numeric: z.array(Entry(z.number())),
  categorical: z.array(Entry(z.string())),
});
export type ImputeState = z.infer<typeof ImputeStateSchema>;

function numericFill(step: ImputeStep, values: Float64Array): number {
  if (step.strategy === "constant") return step.fill_value;
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return step.fill_value;
  const fill =
    step.strategy === "mean"
      ? meanStd(values).mean
      : step.strategy === "median"
        ? quantileSorted(sorted, 0.5)
        : modeSorted(sorted);
  // A sum can overflow to Infinity, which JSON cannot carry.
  return Number.isFinite(fill) ? fill : step.fill_value;
}

function categoricalFill(step: ImputeStep, c: CodedWork, ctx: FitContext): string {
  if (step.strategy === "mean" || step.strategy === "median") {
    throw new AlchemistError(
      "INVALID_SPEC",
      `${ctx.step}: strategy '${step.strategy}' cannot fill the ${c.kind} column '${c.name}'; use most_frequent or constant.`,
      { column: c.name, parameter: "strategy", allowed: ["most_frequent", "constant"] },
    );
  }
  if (step.strategy === "constant") return step.fill_level;
  const counts = levelCounts(c);
  let best: string | null = null;
  let bestCount = 0;
  for (let k = 0; k < counts.length; k++) {
    const n = counts[k] as number;
    const level = c.levels[k] as string;
    if (n > bestCount || (n === bestCount && n > 0 && best !== null && compareStrings(level, best) < 0)) {
      best = level;
      bestCount = n;
    }
  }
  return best ?? step.fill_level;
}

function hasMissingNumeric(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i])) return true;
  return false;
}

function hasMissingCodes(codes: Int32Array): boolean {
  for (let i = 0; i < codes.length; i++) if (codes[i] === CODE_MISSING) return true;
  return false;
}

/** Learns one fill per selected column; indicators only for columns with missing values at fit time. */
export function fitImpute(step: ImputeStep, table: WorkTable, ctx: FitContext): Fitted<ImputeState> {
  const selected = selectColumns(table, step.columns, {
    step: ctx.step,
    groups: {
      numeric: isNumericNotCodes,
      categorical: (c) => c.kind === "categorical",
      all: (c) => isNumericNotCodes(c) || c.kind === "categorical",
    },
    accepts: (c) => isNumericNotCodes(c) || isCoded(c),
    expected: "numeric (not native codes), categorical or text columns",
    target: ctx.target,
  });
  const taken = takenNames(table);
  const state: ImputeState = { type: "impute", numeric: [], categorical: [] };
  for (const c of selected) {
    if (c.kind === "numeric") {
      const indicator =
        step.add_indicator && hasMissingNumeric(c.values) ? uniqueName(`${c.name}__missing`, taken) : null;
      state.numeric.push({ column: c.name, fill: numericFill(step, c.values), indicator });
    } else if (c.kind === "categorical" || c.kind === "text") {
      const indicator =
        step.add_indicator && hasMissingCodes(c.codes) ? uniqueName(`${c.name}__missing`, taken) : null;
      state.categorical.push({ column: c.name, fill: categoricalFill(step, c, ctx), indicator });
    }
  }
  return { state, train: applyImpute(state, table) };
}

function imputeNumeric(c: NumericWork, fill: number, indicator: string | null): WorkColumn[] {
  const src = c.values;
  const n = src.length;
  const values = hasMissingNumeric(src) ? new Float64Array(n) : src;
  const flags = indicator === null ? null : new Float64Array(n);
  if (values !== src) {
    for (let i = 0; i < n; i++) {
      const v = src[i] as number;
      if (Number.isNaN(v)) {
        values[i] = fill;
        if (flags !== null) flags[i] = 1;
      } else if (values !== src) values[i] = v;
    }
  }
  const out: WorkColumn[] = [{ ...c, values }];
  if (flags !== null && indicator !== null) out.push(numericWork(indicator, c.source, flags, "binary"));
  return out;
}

function imputeCoded(c: CodedWork, fill: string, indicator: string | null): WorkColumn[] {
  const src = c.codes;
  const n = src.length;
  let fillCode = c.levels.indexOf(fill);
  let levels = c.levels;
  const missing = hasMissingCodes(src);
  if (missing && fillCode < 0) {
    levels = [...c.levels, fill];
    fillCode = levels.length - 1;
  }
  const codes = missing ? new Int32Array(n) : src;
  const flags = indicator === null ? null : new Float64Array(n);
  if (missing) {
    for (let i = 0; i < n; i++) {
      const k = src[i] as number;
      if (k === CODE_MISSING) {
        codes[i] = fillCode;
        if (flags !== null) flags[i] = 1;
      } else codes[i] = k;
    }
  }
  const out: WorkColumn[] = [{ ...c, codes, levels }];
  if (flags !== null && indicator !== null) out.push(numericWork(indicator, c.source, flags, "binary"));
  return out;
}

/** Fills with the fitted values; an indicator column is emitted whenever one was fitted (0 where present). */
export function applyImpute(state: ImputeState, table: WorkTable): WorkTable {
  const numeric = new Map(state.numeric.map((e) => [e.column, e]));
  const coded = new Map(state.categorical.map((e) => [e.column, e]));
  const seen = new Set<string>();
  const out = replaceColumns(table, (c) => {
    if (c.kind === "numeric") {
      const e = numeric.get(c.name);
      if (e === undefined) return undefined;
      seen.add(c.name);
      return imputeNumeric(c, e.fill, e.indicator);
    }
    if (c.kind === "categorical" || c.kind === "text") {
      const e = coded.get(c.name);
      if (e === undefined) return undefined;
      seen.add(c.name);
      return imputeCoded(c, e.fill, e.indicator);
    }
    return undefined;
  });
  for (const name of [...numeric.keys(), ...coded.keys()]) {
    if (!seen.has(name)) {
      throw new AlchemistError("INTERNAL", `impute expected the working column '${name}'.`, { column: name });
    }
  }
  return out;
}
