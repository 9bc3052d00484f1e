/** datetime_features: calendar parts (UTC) of datetime columns, optionally with sin/cos pairs. */
import { z } from "zod";
import { isDatetime, selectColumns } from "./column-selector.js";
import { type FitContext, type Fitted, takenNames } from "./fit-context.js";
import { DATETIME_PARTS, type DatetimeFeaturesStep, type DatetimePart } from "./step-schema.js";
import {
  type NumericWork,
  numericWork,
  replaceColumns,
  uniqueName,
  type WorkTable,
  workOfKind,
} from "./work-table.js";

const OutputSchema = z.object({
  part: z.enum(DATETIME_PARTS),
  form: z.enum(["value", "sin", "cos"]),
  feature: z.string(),
});
type Output = z.infer<typeof OutputSchema>;

export const DatetimeFeaturesStateSchema = z.object({
  type: z.literal("datetime_features"),
  columns: z.array(z.object({ column: z.string(), outputs: z.array(OutputSchema) })),
});
export type DatetimeFeaturesState = z.infer<typeof DatetimeFeaturesStateSchema>;

const DAY_MS = 86_400_000;
const PART_INDEX: Record<DatetimePart, number> = Object.fromEntries(
  DATETIME_PARTS.map((p, k) => [p, k]),
) as Record<DatetimePart, number>;
const DAYS_IN_YEAR = DATETIME_PARTS.length; // scratch slot after the parts

/** Periods of the cyclic parts, and the offset that makes their first value 0. */
const CYCLE: Partial<Record<DatetimePart, { period: number; offset: number }>> = {
  month: { period: 12, offset: 1 },
  day_of_week: { period: 7, offset: 0 },
  day_of_year: { period: 0, offset: 1 }, // period: the year's length
  hour: { period: 24, offset: 0 },
  minute: { period: 60, offset: 0 },
};

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm, exact for all years). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Writes every part of `ms` into `out` (indexed by PART_INDEX, plus the year's length); no allocation. */
function fillParts(ms: number, out: Float64Array): void {
  const days = Math.floor(ms / DAY_MS);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doyMar = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyMar + 2) / 153);
  const day = doyMar - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const msOfDay = ms - days * DAY_MS;
  const dow = (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  out[PART_INDEX.year] = year;
  out[PART_INDEX.month] = month;
  out[PART_INDEX.day] = day;
  out[PART_INDEX.day_of_week] = dow;
  out[PART_INDEX.day_of_year] = days - daysFromCivil(year, 1, 1) + 1;
  out[PART_INDEX.hour] = Math.floor(msOfDay / 3_600_000);
  out[PART_INDEX.minute] = Math.floor((msOfDay % 3_600_000) / 60_000);
  out[PART_INDEX.epoch_days] = ms / DAY_MS;
  out[PART_INDEX.is_weekend] = dow >= 5 ? 1 : 0;
  out[DAYS_IN_YEAR] = leap ? 366 : 365;
}

/** The requested outputs of one datetime column, each a new array; missing (NaN) stays NaN. */
function computeOutputs(values: Float64Array, outputs: readonly Omit<Output, "feature">[]): Float64Array[] {
  const n = values.length;
  const cols = outputs.map(() => new Float64Array(n));
  const scratch = new Float64Array(DATETIME_PARTS.length + 1);
  const idx = Int32Array.from(outputs, (o) => PART_INDEX[o.part]);
  const form = Int32Array.from(outputs, (o) => (o.form === "value" ? 0 : o.form === "sin" ? 1 : 2));
  const period = Float64Array.from(outputs, (o) => CYCLE[o.part]?.period ?? 1);
  const offset = Float64Array.from(outputs, (o) => CYCLE[o.part]?.offset ?? 0);
  for (let i = 0; i < n; i++) {
    const ms = values[i] as number;
    if (!Number.isFinite(ms)) {
      for (let o = 0; o < cols.length; o++) (cols[o] as Float64Array)[i] = Number.NaN;
      continue;
    }
    fillParts(ms, scratch);
    for (let o = 0; o < cols.length; o++) {
      const v = scratch[idx[o] as number] as number;
      const f = form[o] as number;
      if (f === 0) {
        (cols[o] as Float64Array)[i] = v;
        continue;
      }
      const p = (period[o] as number) === 0 ? (scratch[DAYS_IN_YEAR] as number) : (period[o] as number);
      const angle = (2 * Math.PI * (v - (offset[o] as number))) / p;
      (cols[o] as Float64Array)[i] = f === 1 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return cols;
}

function isConstant(v: Float64Array): boolean {
  let first = Number.NaN;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (Number.isNaN(x)) continue;
    if (Number.isNaN(first)) first = x;
    else if (x !== first) return false;
  }
  return true;
}

function featureOf(column: string, o: Omit<Output, "feature">): string {
  return o.form === "value" ? `${column}__${o.part}` : `${column}__${o.part}_${o.form}`;
}

export function fitDatetimeFeatures(
  step: DatetimeFeaturesStep,
  table: WorkTable,
  ctx: FitContext,
): Fitted<DatetimeFeaturesState> {
  const selected = selectColumns(table, step.columns, {
    step: ctx.step,
    groups: { datetime: isDatetime },
    accepts: isDatetime,
    expected: "datetime columns",
    target: ctx.target,
  });
  const parts = DATETIME_PARTS.filter((p) => step.features.includes(p));
  const candidates: Omit<Output, "feature">[] = [];
  for (const part of parts) {
    candidates.push({ part, form: "value" });
    if (step.cyclic && CYCLE[part] !== undefined) {
      candidates.push({ part, form: "sin" }, { part, form: "cos" });
    }
  }
  const taken = takenNames(table);
  for (const c of selected) taken.delete(c.name);
  const state: DatetimeFeaturesState = { type: "datetime_features", columns: [] };
  for (const c of selected) {
    if (c.kind !== "datetime") continue;
    const cols = computeOutputs(c.values, candidates);
    const outputs = candidates
      .filter((_, k) => !step.drop_constant || !isConstant(cols[k] as Float64Array))
      .map((o) => ({ ...o, feature: uniqueName(featureOf(c.name, o), taken) }));
    state.columns.push({ column: c.name, outputs });
  }
  return { state, train: applyDatetimeFeatures(state, table) };
}

export function applyDatetimeFeatures(state: DatetimeFeaturesState, table: WorkTable): WorkTable {
  const replaced = new Map<string, NumericWork[]>();
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["datetime"], "datetime_features");
    const cols = computeOutputs(c.values, e.outputs);
    replaced.set(
      e.column,
      e.outputs.map((o, k) =>
        numericWork(
          o.feature,
          c.source,
          cols[k] as Float64Array,
          o.part === "is_weekend" ? "binary" : "continuous",
        ),
      ),
    );
  }
  return replaceColumns(table, (c) => replaced.get(c.name));
}
