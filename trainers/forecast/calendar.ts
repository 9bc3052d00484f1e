/** Time indexes of regular series: the step (fixed milliseconds or calendar months), future times, calendar features. */
import { z } from "zod";

/** A regular time index: the first timestamp (epoch ms, UTC) and the step between rows. */
export const CalendarIndexSchema = z.object({
  start: z.number().describe("epoch milliseconds (UTC) of the first row"),
  step: z.discriminatedUnion("unit", [
    z.object({ unit: z.literal("months"), months: z.number().int().min(1) }),
    z.object({ unit: z.literal("ms"), ms: z.number().positive() }),
  ]),
});
export type CalendarIndex = z.infer<typeof CalendarIndexSchema>;
export type TimeStep = CalendarIndex["step"];

const DAY = 86_400_000;

/** Epoch ms of row `i` (may lie past the fitted rows: future times). */
export function timeAt(index: CalendarIndex, i: number): number {
  if (index.step.unit === "ms") return index.start + i * index.step.ms;
  const d = new Date(index.start);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + i * index.step.months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** Months from `a` to `b` when both fall on the same day and time of month, else null. */
function monthsBetween(a: number, b: number): number | null {
  const da = new Date(a);
  const db = new Date(b);
  const sameClock =
    da.getUTCDate() === db.getUTCDate() &&
    da.getUTCHours() === db.getUTCHours() &&
    da.getUTCMinutes() === db.getUTCMinutes() &&
    da.getUTCSeconds() === db.getUTCSeconds();
  if (!sameClock) return null;
  return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
}

/**
 * The step of sorted, distinct timestamps: a whole number of calendar months when every row falls
 * on the same day and time of month (month, quarter, year: the smallest such gap), else the
 * smallest gap in ms. `firstIrregular` is the first row whose gap differs from the step (−1 when
 * regular), so a missing month is reported where it is, not as irregular day counts.
 */
export function inferStep(times: Float64Array): { step: TimeStep; firstIrregular: number } {
  const n = times.length;
  if (n < 2) return { step: { unit: "ms", ms: DAY }, firstIrregular: -1 };
  if (times[1]! - times[0]! >= 28 * DAY) {
    const gaps = new Int32Array(n);
    let calendarMonths = true;
    let step = Number.POSITIVE_INFINITY;
    for (let i = 1; i < n && calendarMonths; i++) {
      const g = monthsBetween(times[i - 1]!, times[i]!);
      if (g === null || g < 1) calendarMonths = false;
      else {
        gaps[i] = g;
        step = Math.min(step, g);
      }
    }
    if (calendarMonths) {
      let bad = -1;
      for (let i = 1; i < n && bad < 0; i++) if (gaps[i] !== step) bad = i;
      return { step: { unit: "months", months: step }, firstIrregular: bad };
    }
  }
  let minGap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < n; i++) minGap = Math.min(minGap, times[i]! - times[i - 1]!);
  let bad = -1;
  for (let i = 1; i < n && bad < 0; i++) if (times[i]! - times[i - 1]! !== minGap) bad = i;
  return { step: { unit: "ms", ms: minGap }, firstIrregular: bad };
}

/** The season length a calendar step suggests (monthly 12, quarterly 4, daily 7, hourly 24), or undefined. */
export function calendarSeason(step: TimeStep): number | undefined {
  if (step.unit === "months") return step.months === 1 ? 12 : step.months === 3 ? 4 : undefined;
  if (step.ms === DAY) return 7;
  if (step.ms === 3_600_000) return 24;
  if (step.ms === 7 * DAY) return 52;
  return undefined;
}

/** Names of the calendar features a step supports (GBDT inputs). */
export function calendarFeatureNames(step: TimeStep): string[] {
  if (step.unit === "months") return step.months < 12 ? ["month"] : [];
  if (step.ms >= 28 * DAY) return ["month"];
  if (step.ms >= DAY) return ["month", "day_of_week"];
  return ["hour", "day_of_week"];
}

/** Writes the calendar feature `name` of row `i` of `index`. */
export function calendarFeature(index: CalendarIndex, name: string, i: number): number {
  const d = new Date(timeAt(index, i));
  if (name === "month") return d.getUTCMonth();
  if (name === "day_of_week") return d.getUTCDay();
  return d.getUTCHours();
}
