/**
 * Extremely randomised split on one feature (Geurts et al. 2006, scikit-learn's RandomSplitter):
 * one uniform threshold between the node's min and max, scored in one pass. No sorting needed.
 */
import type { Rng } from "../../core/rng.js";
import { type Criterion, classProxy, FEATURE_THRESHOLD } from "./split-criterion.js";

/** Outcome of `randomSplit`. */
export const CONSTANT = -1;
export const REJECTED = 0;
export const IMPROVED = 1;

/**
 * Draws a threshold for feature column `x[xb..]` over `samples[start..end)` and scores it against
 * `out[0]`; on improvement writes `out = [proxy, threshold, left count]`. Returns CONSTANT when the
 * feature does not vary in the node (no draw is made), REJECTED when the split is worse or leaves a
 * child under `minLeaf` rows, else IMPROVED. `totals` are the node's (class weights, or [Σw, Σwy, …]);
 * `pair` packs per row [w, class] or [w, w·y]; `values` is scratch of at least `end − start`.
 */
export function randomSplit(
  samples: Int32Array,
  start: number,
  end: number,
  x: Float64Array,
  xb: number,
  criterion: Criterion,
  nClasses: number,
  pair: Float64Array,
  totals: Float64Array,
  wTot: number,
  left: Float64Array,
  values: Float64Array,
  minLeaf: number,
  rng: Rng,
  out: Float64Array,
): number {
  // One random-access pass copies the node's values, the scoring pass then reads them in order.
  const n = end - start;
  let lo = Infinity;
  let hi = -Infinity;
  for (let q = 0; q < n; q++) {
    const v = x[xb + (samples[start + q] as number)] as number;
    values[q] = v;
    // Plain comparisons: Math.min/max fell into a V8 deopt loop ("wrong call target") here.
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi <= lo + FEATURE_THRESHOLD) return CONSTANT;
  let threshold = lo + rng.next() * (hi - lo);
  if (threshold >= hi) threshold = lo;

  let nL = 0;
  let wL = 0;
  let proxy: number;
  if (nClasses > 0) {
    left.fill(0, 0, nClasses);
    for (let q = 0; q < n; q++) {
      const s2 = 2 * (samples[start + q] as number);
      const g = (values[q] as number) <= threshold ? 1 : 0;
      const w = g * (pair[s2] as number);
      const c = (pair[s2 + 1] as number) | 0;
      left[c] = (left[c] as number) + w;
      wL += w;
      nL += g;
    }
    if (nL < minLeaf || n - nL < minLeaf) return REJECTED;
    proxy = classProxy(criterion, left, totals, nClasses, wL, wTot - wL);
  } else {
    let sL = 0;
    for (let q = 0; q < n; q++) {
      const s2 = 2 * (samples[start + q] as number);
      const g = (values[q] as number) <= threshold ? 1 : 0;
      wL += g * (pair[s2] as number);
      sL += g * (pair[s2 + 1] as number);
      nL += g;
    }
    if (nL < minLeaf || n - nL < minLeaf) return REJECTED;
    const sR = (totals[1] as number) - sL;
    proxy = (sL * sL) / wL + (sR * sR) / (wTot - wL);
  }
  if (!(proxy > (out[0] as number))) return REJECTED;
  out[0] = proxy;
  out[1] = threshold;
  out[2] = nL;
  return IMPROVED;
}

/** Moves the rows of `samples[start..end)` with `x <= threshold` to the front; returns how many. */
export function partitionByThreshold(
  samples: Int32Array,
  start: number,
  end: number,
  x: Float64Array,
  xb: number,
  threshold: number,
): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if ((x[xb + (samples[i] as number)] as number) <= threshold) i++;
    else {
      const t = samples[i] as number;
      samples[i] = samples[j] as number;
      samples[j] = t;
      j--;
    }
  }
  return i - start;
}
