/** Leakage suspects: features that alone give the target away (a copy of it, or a rule that is never wrong). */
import { BOOL_MISSING, type Column, type Frame, getColumn } from "../frame.js";
import { isClassification, type Task } from "../task.js";
import {
  binOf,
  COARSE_BINS,
  FINE_BINS,
  groupRuleAccuracy,
  MIN_RULE_SUPPORT,
  pearsonAndEquality,
  quantileEdges,
  segmentRule,
} from "./leakage-rules.js";
import type { ColumnProfile } from "./column-schema.js";
import type { LeakageSuspect } from "./profile-schema.js";
import { targetClasses } from "./target-classes.js";

/** A single-feature score at or above this is suspicious (|r|, accuracy, equal share, R²). */
export const LEAK_THRESHOLD = 0.99;
/** Classification leakage is only judged when always guessing the majority class scores at most this. */
export const MAX_BASELINE = 0.95;
/** Classification rules are scored on at most this many rows (evenly spaced, so deterministic). */
export const LEAK_SAMPLE_ROWS = 50_000;
/** Fewer labelled rows than this and nothing is judged. */
export const MIN_LEAK_ROWS = 10;
/** Level × class tables larger than this are skipped (a text column with millions of levels). */
const MAX_TABLE_CELLS = 8_000_000;

export interface LeakageOptions {
  task: Task;
  target: string;
  timeColumn: string | null;
  /** Profiles of every column, in frame order (their flags decide which columns are skipped). */
  profiles: readonly ColumnProfile[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Finds leakage suspects for a supervised task, worst first; [] for unsupervised tasks. */
export function findLeakage(frame: Frame, options: LeakageOptions): LeakageSuspect[] {
  const { task, target, timeColumn, profiles } = options;
  if (task === "clustering" || task === "anomaly") return [];
  const targetCol = getColumn(frame, target);
  const features = frame.columns.filter((c, j) => {
    const p = profiles[j];
    return (
      c.name !== target &&
      c.name !== timeColumn &&
      p !== undefined &&
      !p.flags.allMissing &&
      !p.flags.constant
    );
  });
  const profileOf = new Map(profiles.map((p) => [p.name, p]));
  const suspects = isClassification(task)
    ? classificationLeaks(targetCol, features, profileOf)
    : targetCol.kind === "numeric"
      ? regressionLeaks(targetCol.values, features, profileOf)
      : [];
  return suspects.sort((a, b) => b.score - a.score || a.column.localeCompare(b.column));
}

function classificationLeaks(
  targetCol: Column,
  features: readonly Column[],
  profileOf: Map<string, ColumnProfile>,
): LeakageSuspect[] {
  const tc = targetClasses(targetCol);
  const k = tc.labels.length;
  let labelled = 0;
  let majority = 0;
  for (let c = 0; c < k; c++) {
    labelled += tc.counts[c]!;
    if (tc.counts[c]! > tc.counts[majority]!) majority = c;
  }
  if (k < 2 || labelled < MIN_LEAK_ROWS) return [];
  const baseline = tc.counts[majority]! / labelled;
  if (baseline > MAX_BASELINE) return [];

  // Evenly spaced labelled rows keep row order, so a column sorted with the target stays visible.
  const s = Math.min(labelled, LEAK_SAMPLE_ROWS);
  const rows = new Int32Array(s);
  const cls = new Int32Array(s);
  let seen = 0;
  let next = 0;
  for (let i = 0; i < tc.codes.length && next < s; i++) {
    const c = tc.codes[i]!;
    if (c < 0) continue;
    if (seen === Math.floor((next * labelled) / s)) {
      rows[next] = i;
      cls[next++] = c;
    }
    seen++;
  }

  const out: LeakageSuspect[] = [];
  const base = `always guessing '${tc.labels[majority]}' scores ${pct(baseline)}`;
  for (const f of features) {
    if (f.kind === "numeric" || f.kind === "datetime") {
      const r = numericRule(f.values, rows, cls, k, majority);
      if (r.accuracy >= LEAK_THRESHOLD) {
        const how =
          r.cuts !== null
            ? `split at ${r.cuts} cut point${r.cuts === 1 ? "" : "s"}`
            : `binned into ${COARSE_BINS} quantile bins`;
        out.push({
          column: f.name,
          metric: "rule-accuracy",
          score: r.accuracy,
          reason: `'${f.name}' ${how} predicts the class with ${pct(r.accuracy)} accuracy on its own (${base}): it probably leaks the answer`,
        });
      }
    } else if (!profileOf.get(f.name)?.flags.idLike) {
      const acc = levelRule(f, rows, cls, k, majority);
      if (acc !== null && acc >= LEAK_THRESHOLD) {
        out.push({
          column: f.name,
          metric: "rule-accuracy",
          score: acc,
          reason: `each value of '${f.name}' maps to one class: it predicts the class with ${pct(acc)} accuracy on its own (${base})`,
        });
      }
    }
  }
  return out;
}

/** Best of the ordered-segments rule on fine bins (few cut points) and the majority rule on coarse bins. */
function numericRule(
  values: Float64Array,
  rows: Int32Array,
  cls: Int32Array,
  k: number,
  majority: number,
): { accuracy: number; cuts: number | null } {
  const s = rows.length;
  const x = new Float64Array(s);
  const sorted = new Float64Array(s);
  let m = 0;
  for (let j = 0; j < s; j++) {
    const v = values[rows[j]!]!;
    x[j] = v;
    if (!Number.isNaN(v)) sorted[m++] = v;
  }
  const finite = sorted.subarray(0, m).sort();
  const edges = quantileEdges(finite, m, Math.min(FINE_BINS, Math.max(m, 1)));
  const nb = edges.length + 1;
  const fine = new Int32Array((nb + 1) * k); // last row: missing
  const coarse = new Int32Array((COARSE_BINS + 1) * k);
  for (let j = 0; j < s; j++) {
    const v = x[j]!;
    const b = !Number.isNaN(v) ? binOf(edges, v) : nb;
    const g = !Number.isNaN(v) ? Math.floor((b * COARSE_BINS) / nb) : COARSE_BINS;
    fine[b * k + cls[j]!]!++;
    coarse[g * k + cls[j]!]!++;
  }
  const seg = segmentRule(fine, nb + 1, k);
  const coarseAcc = groupRuleAccuracy(coarse, COARSE_BINS + 1, k, majority);
  if (seg.segments <= 2 * k && seg.accuracy >= coarseAcc) {
    return { accuracy: seg.accuracy, cuts: seg.segments - 1 };
  }
  return { accuracy: coarseAcc, cuts: null };
}

/** Level → majority-class accuracy of a categorical, text or boolean feature (missing is a level). */
function levelRule(f: Column, rows: Int32Array, cls: Int32Array, k: number, majority: number): number | null {
  const s = rows.length;
  const group = new Int32Array(s);
  let nGroups: number;
  if (f.kind === "boolean") {
    for (let j = 0; j < s; j++) {
      const v = f.values[rows[j]!]!;
      group[j] = v === BOOL_MISSING ? 2 : v === 0 ? 0 : 1;
    }
    nGroups = 3;
  } else if (f.kind === "categorical" || f.kind === "text") {
    const dense = new Int32Array(f.levels.length + 1).fill(-1);
    nGroups = 0;
    for (let j = 0; j < s; j++) {
      const c = f.codes[rows[j]!]!;
      const key = c >>> 0 < f.levels.length ? c : f.levels.length;
      if (dense[key] === -1) dense[key] = nGroups++;
      group[j] = dense[key]!;
    }
  } else return null;
  if (nGroups * k > MAX_TABLE_CELLS) return null;
  const table = new Int32Array(nGroups * k);
  for (let j = 0; j < s; j++) table[group[j]! * k + cls[j]!]!++;
  return groupRuleAccuracy(table, nGroups, k, majority);
}

function regressionLeaks(
  y: Float64Array,
  features: readonly Column[],
  profileOf: Map<string, ColumnProfile>,
): LeakageSuspect[] {
  const out: LeakageSuspect[] = [];
  for (const f of features) {
    if (f.kind === "numeric" || f.kind === "boolean") {
      const x = f.kind === "numeric" ? f.values : booleanAsNumbers(f.values);
      const { r, equalRate, n } = pearsonAndEquality(x, y);
      if (n < MIN_LEAK_ROWS) continue;
      if (equalRate >= LEAK_THRESHOLD) {
        out.push({
          column: f.name,
          metric: "equal-values",
          score: equalRate,
          reason: `'${f.name}' equals the target in ${pct(equalRate)} of rows: it is probably a copy of it`,
        });
      } else if (r !== null && Math.abs(r) >= LEAK_THRESHOLD) {
        out.push({
          column: f.name,
          metric: "pearson",
          score: Math.abs(r),
          reason: `'${f.name}' has correlation ${r.toFixed(4)} with the target: it almost determines it (a rescaled copy, or computed from the target?)`,
        });
      }
    } else if ((f.kind === "categorical" || f.kind === "text") && !profileOf.get(f.name)?.flags.idLike) {
      const r2 = groupR2(f.codes, f.levels.length, y);
      if (r2 !== null && r2 >= LEAK_THRESHOLD) {
        out.push({
          column: f.name,
          metric: "group-r2",
          score: r2,
          reason: `the values of '${f.name}' explain ${pct(r2)} of the target's variance: each maps to one target value`,
        });
      }
    }
  }
  return out;
}

function booleanAsNumbers(v: Uint8Array): Float64Array {
  const x = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) x[i] = v[i] === BOOL_MISSING ? Number.NaN : v[i] === 0 ? 0 : 1;
  return x;
}

/**
 * Share of the target's variance explained by the level means (missing is a level); levels with fewer
 * than MIN_RULE_SUPPORT rows are pooled into one, so a column of near-unique labels cannot fake it.
 */
function groupR2(codes: Int32Array, nLevels: number, y: Float64Array): number | null {
  const count = new Float64Array(nLevels + 1);
  const sum = new Float64Array(nLevels + 1);
  let n = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v - v !== 0) continue;
    const c = codes[i]!;
    const g = c >>> 0 < nLevels ? c : nLevels;
    count[g]!++;
    sum[g]! += v;
    n++;
    total += v;
  }
  if (n < MIN_LEAK_ROWS) return null;
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v - v === 0) ssTotal += (v - mean) * (v - mean);
  }
  if (ssTotal <= 0) return null;
  let ssBetween = 0;
  let rareN = 0;
  let rareSum = 0;
  let groups = 0;
  for (let g = 0; g <= nLevels; g++) {
    const c = count[g]!;
    if (c === 0) continue;
    if (c < MIN_RULE_SUPPORT) {
      rareN += c;
      rareSum += sum[g]!;
      continue;
    }
    groups++;
    const d = sum[g]! / c - mean;
    ssBetween += c * d * d;
  }
  if (rareN > 0) {
    const d = rareSum / rareN - mean;
    ssBetween += rareN * d * d;
  }
  return groups >= 2 ? Math.min(1, ssBetween / ssTotal) : null;
}
