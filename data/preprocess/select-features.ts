/** select_features: keeps the numeric features that score best against the target, or drops near-constant ones. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { isClassification } from "../task.js";
import type { FitContext, Fitted } from "./fit-context.js";
import { meanStd } from "./numeric-stats.js";
import type { SelectFeaturesStep } from "./step-schema.js";
import type { NumericWork, WorkTable } from "./work-table.js";

export const SelectFeaturesStateSchema = z.object({
  type: z.literal("select_features"),
  method: z.enum(["variance", "univariate"]),
  /**
   * Every candidate (numeric) feature in table order with its fit-time score: variance, |Pearson r|
   * or the ANOVA F statistic. A non-finite score is stored as 0 (undefined) or the largest double (+∞).
   */
  scores: z.array(z.object({ column: z.string(), score: z.number() })),
  /** Exact working-column names removed, at fit and at transform time. */
  dropped: z.array(z.string()),
});
export type SelectFeaturesState = z.infer<typeof SelectFeaturesStateSchema>;

/** JSON has no ±Infinity or NaN; ranking uses the stored value so fit and the stored state agree. */
function finiteScore(s: number): number {
  if (Number.isNaN(s)) return 0;
  if (s === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  return Number.isFinite(s) ? s : 0;
}

/** Population variance of the finite values; 0 when there is none. */
export function featureVariance(x: Float64Array): number {
  const { std } = meanStd(x);
  return Number.isFinite(std) ? std * std : 0;
}

/** |Pearson r| over the rows where x is finite; 0 when either side has no spread. */
export function absPearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) continue;
    n++;
    sx += v;
    sy += y[i] as number;
  }
  if (n < 2) return 0;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) continue;
    const dx = v - mx;
    const dy = (y[i] as number) - my;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  if (cxx === 0 || cyy === 0) return 0;
  return Math.min(1, Math.abs(cxy) / Math.sqrt(cxx * cyy));
}

/**
 * One-way ANOVA F statistic of x across the classes `y` (indices 0..nClasses-1), over the rows where
 * x is finite, as scikit-learn's f_classif: (SSB / (K − 1)) / (SSW / (n − K)) with K the classes
 * present. +∞ when the classes are perfectly separated (SSW = 0 < SSB); 0 when undefined.
 * `sums`/`counts` are scratch of length ≥ nClasses, reused across features.
 */
export function anovaF(
  x: Float64Array,
  y: Float64Array,
  nClasses: number,
  sums: Float64Array = new Float64Array(nClasses),
  counts: Float64Array = new Float64Array(nClasses),
): number {
  sums.fill(0, 0, nClasses);
  counts.fill(0, 0, nClasses);
  let n = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) continue;
    const k = y[i] as number;
    sums[k] = (sums[k] as number) + v;
    counts[k] = (counts[k] as number) + 1;
    total += v;
    n++;
  }
  let present = 0;
  for (let k = 0; k < nClasses; k++) {
    if ((counts[k] as number) > 0) {
      present++;
      sums[k] = (sums[k] as number) / (counts[k] as number);
    }
  }
  const dfBetween = present - 1;
  const dfWithin = n - present;
  if (dfBetween <= 0 || dfWithin <= 0) return 0;
  const mean = total / n;
  let ssb = 0;
  for (let k = 0; k < nClasses; k++) {
    const c = counts[k] as number;
    if (c > 0) ssb += c * ((sums[k] as number) - mean) ** 2;
  }
  let ssw = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) continue;
    const d = v - (sums[y[i] as number] as number);
    ssw += d * d;
  }
  if (ssw === 0) return ssb > 0 ? Number.POSITIVE_INFINITY : 0;
  return ssb / dfBetween / (ssw / dfWithin);
}

/** Indices of the `keep` highest scores, ties to the earlier feature, returned in feature order. */
function topIndices(scores: readonly number[], keep: number): Set<number> {
  const order = scores
    .map((_, j) => j)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return new Set(order.slice(0, keep));
}

/**
 * Candidates are every numeric working feature (non-numeric columns pass through untouched).
 * univariate keeps the top ceil(keep_fraction × candidates) (at least 1) by score against the
 * training target; variance drops those with variance ≤ min_variance but keeps the highest-variance
 * one when all would go, so the estimator never gets an empty matrix from this step.
 */
export function fitSelectFeatures(
  step: SelectFeaturesStep,
  table: WorkTable,
  ctx: FitContext,
): Fitted<SelectFeaturesState> {
  const candidates = table.columns.filter((c): c is NumericWork => c.kind === "numeric");
  let raw: number[];
  if (step.method === "variance") {
    raw = candidates.map((c) => featureVariance(c.values));
  } else {
    const y = ctx.y;
    if (y === null) {
      throw new AlchemistError(
        "INVALID_SPEC",
        `${ctx.step}: univariate feature selection needs a target; use method 'variance' without one.`,
        { parameter: "method" },
      );
    }
    if (ctx.task !== null && isClassification(ctx.task)) {
      const nClasses = ctx.classes?.length ?? 0;
      const sums = new Float64Array(nClasses);
      const counts = new Float64Array(nClasses);
      raw = candidates.map((c) => anovaF(c.values, y, nClasses, sums, counts));
    } else {
      raw = candidates.map((c) => absPearson(c.values, y));
    }
  }
  const scores = raw.map(finiteScore);
  let kept: Set<number>;
  if (step.method === "univariate") {
    kept = topIndices(scores, Math.max(1, Math.ceil(step.keep_fraction * candidates.length)));
  } else {
    kept = new Set(scores.flatMap((s, j) => (s > step.min_variance ? [j] : [])));
    if (kept.size === 0 && candidates.length > 0) kept = topIndices(scores, 1);
  }
  const state: SelectFeaturesState = {
    type: "select_features",
    method: step.method,
    scores: candidates.map((c, j) => ({ column: c.name, score: scores[j] as number })),
    dropped: candidates.flatMap((c, j) => (kept.has(j) ? [] : [c.name])),
  };
  return { state, train: applySelectFeatures(state, table) };
}

/** Removes the features dropped at fit time; the selection is never re-decided on new rows. */
export function applySelectFeatures(state: SelectFeaturesState, table: WorkTable): WorkTable {
  const drop = new Set(state.dropped);
  return { nRows: table.nRows, columns: table.columns.filter((c) => !drop.has(c.name)) };
}
