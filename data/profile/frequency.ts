/** Infers the step of a time series (daily, monthly, …) from its sorted distinct timestamps. */
import type { Frequency } from "./column-schema.js";
import { selectInPlace } from "./select.js";

/** A frequency is reported only when at least this share of the steps match it. */
export const MIN_REGULARITY = 0.8;

const DAY = 86_400_000;

const FIXED_UNITS: readonly { alias: string; ms: number; one: string; many: string }[] = [
  { alias: "W", ms: 7 * DAY, one: "weekly", many: "weeks" },
  { alias: "D", ms: DAY, one: "daily", many: "days" },
  { alias: "h", ms: 3_600_000, one: "hourly", many: "hours" },
  { alias: "min", ms: 60_000, one: "every minute", many: "minutes" },
  { alias: "s", ms: 1000, one: "every second", many: "seconds" },
  { alias: "ms", ms: 1, one: "every millisecond", many: "milliseconds" },
];

export interface FrequencyResult {
  /** Lower median of the gaps between consecutive distinct timestamps (ms); null below 2 timestamps. */
  medianStepMs: number | null;
  frequency: Frequency | null;
}

/**
 * Frequency of `sorted[0..u)` (ascending, distinct epoch ms). `work` (length ≥ u) is clobbered.
 * Calendar steps (months, quarters, years) are recognised by date arithmetic, so 28–31-day gaps read
 * as one month; other steps as whole multiples of a fixed unit (weeks down to milliseconds).
 */
export function inferFrequency(sorted: Float64Array, u: number, work: Float64Array): FrequencyResult {
  if (u < 2) return { medianStepMs: null, frequency: null };
  const k = u - 1;
  for (let i = 0; i < k; i++) work[i] = sorted[i + 1]! - sorted[i]!;
  const mid = (k - 1) >> 1;
  selectInPlace(work, mid, 0, k - 1);
  const step = work[mid]!;
  if (u < 3) return { medianStepMs: step, frequency: null };
  const calendar = step >= 27 * DAY ? calendarFrequency(sorted, u) : null;
  const frequency = calendar ?? fixedFrequency(sorted, u, step);
  return { medianStepMs: step, frequency };
}

function fixedFrequency(sorted: Float64Array, u: number, step: number): Frequency | null {
  if (!Number.isInteger(step) || step <= 0) return null;
  const unit = FIXED_UNITS.find((f) => step % f.ms === 0)!;
  const mult = step / unit.ms;
  let match = 0;
  for (let i = 1; i < u; i++) if (sorted[i]! - sorted[i - 1]! === step) match++;
  const regularity = match / (u - 1);
  if (unit.alias === "D" && mult === 1 && regularity < 0.99) {
    const business = businessRegularity(sorted, u);
    if (business !== null && business > regularity && business >= MIN_REGULARITY) {
      return { alias: "B", description: "business daily (Monday to Friday)", regularity: business };
    }
  }
  if (regularity < MIN_REGULARITY) return null;
  return {
    alias: mult === 1 ? unit.alias : `${mult}${unit.alias}`,
    description: mult === 1 ? unit.one : `every ${mult} ${unit.many}`,
    regularity,
  };
}

/** Share of steps that are one business day, or null when some timestamp falls on a weekend. */
function businessRegularity(sorted: Float64Array, u: number): number | null {
  let match = 0;
  for (let i = 0; i < u; i++) {
    const dow = new Date(sorted[i]!).getUTCDay();
    if (dow === 0 || dow === 6) return null;
    if (i === 0) continue;
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap === DAY || (gap === 3 * DAY && dow === 1)) match++;
  }
  return match / (u - 1);
}

function timeOfDay(d: Date): number {
  return ((d.getTime() % DAY) + DAY) % DAY;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Whole months from `a` to `b` when both sit on the same day of month (or both on month ends), else -1. */
function monthStep(a: Date, b: Date): number {
  if (timeOfDay(a) !== timeOfDay(b)) return -1;
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (a.getUTCDate() === b.getUTCDate()) return months;
  const aEnd = a.getUTCDate() === daysInMonth(a.getUTCFullYear(), a.getUTCMonth());
  const bEnd = b.getUTCDate() === daysInMonth(b.getUTCFullYear(), b.getUTCMonth());
  return aEnd && bEnd ? months : -1;
}

function calendarFrequency(sorted: Float64Array, u: number): Frequency | null {
  const steps = new Map<number, number>();
  let allStart = true;
  let allEnd = true;
  let prev = new Date(sorted[0]!);
  for (let i = 0; i < u; i++) {
    const d = new Date(sorted[i]!);
    if (d.getUTCDate() !== 1) allStart = false;
    if (d.getUTCDate() !== daysInMonth(d.getUTCFullYear(), d.getUTCMonth())) allEnd = false;
    if (i > 0) {
      const s = monthStep(prev, d);
      steps.set(s, (steps.get(s) ?? 0) + 1);
    }
    prev = d;
  }
  let best = -1;
  let bestCount = 0;
  for (const [s, c] of steps) {
    if (s > 0 && (c > bestCount || (c === bestCount && s < best))) {
      best = s;
      bestCount = c;
    }
  }
  const regularity = bestCount / (u - 1);
  if (best <= 0 || regularity < MIN_REGULARITY) return null;
  const anchor = allStart ? "S" : allEnd ? "E" : "";
  const where = allStart ? " (period start)" : allEnd ? " (period end)" : "";
  if (best % 12 === 0) {
    const y = best / 12;
    return {
      alias: `${y === 1 ? "" : y}Y${anchor}`,
      description: `${y === 1 ? "yearly" : `every ${y} years`}${where}`,
      regularity,
    };
  }
  if (best % 3 === 0) {
    const q = best / 3;
    return {
      alias: `${q === 1 ? "" : q}Q${anchor}`,
      description: `${q === 1 ? "quarterly" : `every ${q} quarters`}${where}`,
      regularity,
    };
  }
  return {
    alias: `${best === 1 ? "" : best}M${anchor}`,
    description: `${best === 1 ? "monthly" : `every ${best} months`}${where}`,
    regularity,
  };
}
