/** Range, order and regularity of a datetime column (epoch ms, NaN missing). */
import { type Counted, countable, countUnits } from "./counting.js";
import { distinctFloat64 } from "./distinct.js";
import { inferFrequency } from "./frequency.js";
import type { DatetimeStats } from "./column-schema.js";
import type { ProfileScratch } from "./scratch.js";

/** The largest |epoch ms| a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** Grids tried for counting: days, hours, minutes, seconds, milliseconds. */
const GRID_UNITS = [86_400_000, 3_600_000, 60_000, 1000, 1] as const;

export interface DatetimeSummary {
  stats: DatetimeStats;
  /** NaN entries, plus values beyond the range of a Date (they have no date). */
  missing: number;
  cardinality: number;
  modeCount: number;
}

/**
 * Profiles a datetime column. A sorted column is read in one pass; an unsorted one has its distinct
 * timestamps collected by hashing and only those sorted, which is cheap when timestamps repeat.
 */
export function datetimeStats(values: Float64Array, scratch: ProfileScratch): DatetimeSummary {
  const n = values.length;
  const buf = scratch.values(n);
  let m = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let monotonic = true;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!(v >= -MAX_DATE_MS && v <= MAX_DATE_MS)) continue; // NaN, or no representable date
    const x = v === 0 ? 0 : v;
    buf[m++] = x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x < prev) monotonic = false;
    prev = x;
  }

  let sorted: Float64Array;
  let distinct: number;
  let modeCount: number;
  if (monotonic) {
    // Already sorted: dedupe in place by runs.
    distinct = 0;
    modeCount = 0;
    let run = 0;
    for (let i = 0; i < m; i++) {
      const x = buf[i]!;
      if (i > 0 && x === buf[distinct - 1]) run++;
      else {
        buf[distinct++] = x;
        run = 1;
      }
      if (run > modeCount) modeCount = run;
    }
    sorted = buf;
  } else {
    const uniques = scratch.extra(m);
    const counted = countOnGrid(buf, m, min, max, scratch, uniques);
    if (counted) {
      distinct = counted.distinct;
      modeCount = counted.modeCount;
      sorted = uniques;
    } else {
      const d = distinctFloat64(buf, scratch.valuesBits(), m, scratch, uniques);
      distinct = d.distinct;
      modeCount = d.modeCount;
      sorted = uniques.subarray(0, distinct).sort();
    }
  }
  const { medianStepMs, frequency } = inferFrequency(sorted, distinct, scratch.work(distinct));
  return {
    missing: n - m,
    cardinality: distinct,
    modeCount,
    stats: {
      min: m > 0 ? new Date(min).toISOString() : null,
      max: m > 0 ? new Date(max).toISOString() : null,
      monotonic,
      duplicateTimestamps: m - distinct,
      medianStepMs,
      frequency,
    },
  };
}

/** Counts the timestamps on the coarsest whole-unit grid from `min` that holds them, writing sorted uniques. */
function countOnGrid(
  buf: Float64Array,
  m: number,
  min: number,
  max: number,
  scratch: ProfileScratch,
  uniques: Float64Array,
): Counted | null {
  for (const unit of GRID_UNITS) {
    const steps = (max - min) / unit;
    if (Number.isInteger(steps) && countable(steps + 1, m)) {
      const c = countUnits(buf, m, min, max, unit, scratch, uniques);
      if (c) return c;
    }
  }
  return null;
}
