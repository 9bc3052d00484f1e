/** Checks and orders the series of a forecast: finite values, sorted distinct regular timestamps, aligned exogenous columns. */
import { AlchemistError } from "../../core/errors.js";
import { type CalendarIndex, inferStep, timeAt } from "../../trainers/forecast/index.js";
import type { ForecastExogInput } from "./forecast-input.js";

/** The series ready for the search. */
export interface PreparedSeries {
  y: Float64Array;
  calendar?: CalendarIndex;
  exog?: { names: readonly string[]; columns: Float64Array[]; future: Float64Array[] };
  notes: string[];
}

const MIN_POINTS = 8;

function checkFinite(name: string, v: Float64Array, rowOf: (i: number) => number): void {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) {
      throw new AlchemistError(
        "MISSING_VALUES",
        `${name} is missing in row ${rowOf(i)}; forecasting needs a complete series.`,
        {
          column: name,
          row: rowOf(i),
        },
      );
    }
    if (!Number.isFinite(x)) {
      throw new AlchemistError("NON_FINITE_VALUES", `${name} is ${x} in row ${rowOf(i)}.`, {
        column: name,
        row: rowOf(i),
      });
    }
  }
}

function describeGap(ms: number): string {
  const day = 86_400_000;
  return ms % day === 0 ? `${ms / day} day(s)` : `${ms} ms`;
}

/**
 * Orders `y` (and the exogenous columns) by `times` when given (noting a re-sort), refuses missing
 * or infinite values, duplicate timestamps and irregular spacing with typed errors naming the
 * (0-based, input-order) row, and drops exogenous columns that have no future values (noted).
 */
export function prepareSeries(
  y: Float64Array,
  times: Float64Array | undefined,
  exog: ForecastExogInput | undefined,
  horizon: number,
): PreparedSeries {
  const n = y.length;
  const notes: string[] = [];
  if (n < MIN_POINTS) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `Forecasting needs at least ${MIN_POINTS} points; the series has ${n}.`,
      {},
    );
  }
  let order: Int32Array | null = null;
  let calendar: CalendarIndex | undefined;
  if (times !== undefined) {
    if (times.length !== n) {
      throw new AlchemistError(
        "LENGTH_MISMATCH",
        `times has ${times.length} values but the series has ${n}.`,
        { parameter: "times" },
      );
    }
    checkFinite("time", times, (i) => i);
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) if (times[i]! < times[i - 1]!) sorted = false;
    if (!sorted) {
      idx.sort((a, b) => times[a]! - times[b]! || a - b);
      order = idx;
      notes.push("The rows were not in time order; they were sorted by the time column.");
    }
    const t = order === null ? times : Float64Array.from(order, (i) => times[i]!);
    for (let i = 1; i < n; i++) {
      if (t[i] === t[i - 1]) {
        const row = order === null ? i : order[i]!;
        const first = order === null ? i - 1 : order[i - 1]!;
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `Row ${row} repeats the timestamp ${new Date(t[i]!).toISOString()} of row ${first}; a forecast needs one value per time step (aggregate duplicates first).`,
          { parameter: "times", row },
        );
      }
    }
    const { step, firstIrregular } = inferStep(t);
    if (firstIrregular >= 0) {
      const row = order === null ? firstIrregular : order[firstIrregular]!;
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Row ${row} (${new Date(t[firstIrregular]!).toISOString()}) breaks the regular spacing of ${
          step.unit === "months" ? `${step.months} month(s)` : describeGap(step.ms)
        }; fill the gap or resample the series to a regular step.`,
        { parameter: "times", row },
      );
    }
    calendar = { start: t[0]!, step };
  }
  const rowOf = (i: number) => (order === null ? i : order[i]!);
  const yy = order === null ? Float64Array.from(y) : Float64Array.from(order, (i) => y[i]!);
  checkFinite("target", yy, rowOf);
  let ex: PreparedSeries["exog"];
  if (exog !== undefined && exog.names.length > 0) {
    if (exog.values.length !== exog.names.length || exog.values.some((c) => c.length !== n)) {
      throw new AlchemistError(
        "LENGTH_MISMATCH",
        `Each exogenous column needs ${n} values, one per row of the series.`,
        {
          parameter: "exog",
        },
      );
    }
    const future = exog.future;
    if (
      future === undefined ||
      future.length !== exog.names.length ||
      future.some((c) => c.length < horizon)
    ) {
      notes.push(
        `Exogenous column(s) ${exog.names.join(", ")} have no future values for all ${horizon} forecast steps, so they were ignored.`,
      );
    } else {
      const columns = exog.values.map((c) =>
        order === null ? Float64Array.from(c) : Float64Array.from(order, (i) => c[i]!),
      );
      for (let j = 0; j < columns.length; j++) {
        checkFinite(exog.names[j]!, columns[j]!, rowOf);
        checkFinite(`${exog.names[j]!} (future)`, future[j]!.subarray(0, horizon), (i) => i);
      }
      ex = {
        names: exog.names,
        columns,
        future: future.map((c) => Float64Array.from(c.subarray(0, horizon))),
      };
      notes.push(`Exogenous column(s) ${exog.names.join(", ")} feed the gradient-boosting candidates only.`);
    }
  }
  return {
    y: yy,
    ...(calendar !== undefined ? { calendar } : {}),
    ...(ex !== undefined ? { exog: ex } : {}),
    notes,
  };
}

/** Timestamps of the `h` steps after a series of `n` rows on `calendar`. */
export function futureTimes(calendar: CalendarIndex, n: number, h: number): Float64Array {
  return Float64Array.from({ length: h }, (_, k) => timeAt(calendar, n + k));
}
