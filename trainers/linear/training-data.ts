/** Shared preparation of linear fits: weights, weighted centring, classes present in y, cross-field param errors. */
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { FitContext } from "../estimator.js";

/** The context's sample weights (checked non-negative, finite, not all zero) or all ones. */
export function sampleWeights(name: string, ctx: FitContext, n: number): Float64Array {
  const w = ctx.sampleWeight;
  if (!w) return new Float64Array(n).fill(1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i] as number;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `${name}: sample weight ${v} in row ${i} is not a finite number ≥ 0.`,
        {
          parameter: "sampleWeight",
          row: i,
        },
      );
    }
    total += v;
  }
  if (!(total > 0)) {
    throw new AlchemistError("INVALID_ARGUMENT", `${name}: every sample weight is zero.`, {
      parameter: "sampleWeight",
    });
  }
  return Float64Array.from(w);
}

/** Weighted column means of X (`w` sums to anything > 0). */
export function weightedColumnMeans(X: FeatureMatrix, w: Float64Array): Float64Array {
  const { nRows: n, nCols: p, data } = X;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w[i] as number;
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const base = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i] as number) * (data[base + i] as number);
    means[j] = s / sw;
  }
  return means;
}

/** Weighted mean of a vector. */
export function weightedMean(v: Float64Array, w: Float64Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < v.length; i++) {
    s += (w[i] as number) * (v[i] as number);
    sw += w[i] as number;
  }
  return s / sw;
}

/**
 * Column-major copy of X with `means` subtracted and row `i` multiplied by `sqrt(w[i])`, the form in
 * which weighted least squares becomes plain least squares.
 */
export function centredScaled(X: FeatureMatrix, means: Float64Array, sqrtW: Float64Array): Float64Array {
  const { nRows: n, nCols: p, data } = X;
  const out = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const base = j * n;
    const m = means[j] as number;
    for (let i = 0; i < n; i++) out[base + i] = ((data[base + i] as number) - m) * (sqrtW[i] as number);
  }
  return out;
}

/** Element-wise square roots. */
export function sqrtOf(w: Float64Array): Float64Array {
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = Math.sqrt(w[i] as number);
  return out;
}

/** The class indices that occur in y (with positive weight), increasing. */
export function presentClasses(y: Float64Array, nClasses: number, w?: Float64Array): Int32Array {
  const seen = new Uint8Array(nClasses);
  for (let i = 0; i < y.length; i++) if (!w || (w[i] as number) > 0) seen[y[i] as number] = 1;
  const out: number[] = [];
  for (let k = 0; k < nClasses; k++) if (seen[k]) out.push(k);
  return Int32Array.from(out);
}

/**
 * Multiplies `w` by sklearn's "balanced" class weights `n / (nPresent · count_k)` (counts unweighted,
 * as scikit-learn does).
 */
export function applyBalancedWeights(
  w: Float64Array,
  y: Float64Array,
  classes: Int32Array,
  nClasses: number,
): void {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
  const factor = new Float64Array(nClasses);
  for (const c of classes) factor[c] = y.length / (classes.length * (counts[c] as number));
  for (let i = 0; i < y.length; i++) w[i] = (w[i] as number) * (factor[y[i] as number] as number);
}

/** Cross-field rule helpers report as INVALID_PARAMS too. */
export function invalidParams(name: string, parameter: string, message: string): AlchemistError {
  return new AlchemistError("INVALID_PARAMS", `${name}: ${message}`, { parameter });
}
