/**
 * Exact split search on one feature: one pass over the node's rows in presorted order (`ord`, with
 * the feature's values alongside in `xs`), moving each row from the right child to the left and
 * scoring every threshold between distinct values in O(1). `pair` packs per row [w, class] or
 * [w, w·y], so each row costs one random read.
 * Each scan compares against the best proxy so far in `out[0]` and, when it beats it, writes
 * `out = [proxy, threshold, position]` (position: first row of the right child) and returns true.
 */
import { FEATURE_THRESHOLD, midpoint, xlogx } from "./split-criterion.js";

/** Gini: maximises Σ cL²/wL + Σ cR²/wR with both sums of squares updated incrementally. */
export function scanGini(
  ord: Int32Array,
  xs: Float64Array,
  start: number,
  end: number,
  pair: Float64Array,
  totals: Float64Array,
  nClasses: number,
  wTot: number,
  left: Float64Array,
  minLeaf: number,
  out: Float64Array,
): boolean {
  left.fill(0, 0, nClasses);
  let sqL = 0;
  let sqR = 0;
  for (let k = 0; k < nClasses; k++) sqR += (totals[k] as number) * (totals[k] as number);
  let wL = 0;
  let best = out[0] as number;
  let found = false;
  const last = end - minLeaf;
  const firstEval = start + minLeaf - 1;
  let xv = xs[start] as number;
  for (let p = start; p < last; p++) {
    const s2 = 2 * (ord[p] as number);
    const w = pair[s2] as number;
    const c = (pair[s2 + 1] as number) | 0;
    const cl = left[c] as number;
    const cr = (totals[c] as number) - cl;
    sqL += w * (2 * cl + w);
    sqR += w * (w - 2 * cr);
    left[c] = cl + w;
    wL += w;
    const xNext = xs[p + 1] as number;
    if (p >= firstEval && xNext > xv + FEATURE_THRESHOLD) {
      // Cross-multiplied (both weights are positive): divisions are slow, improvements rare.
      const wR = wTot - wL;
      if (sqL * wR + sqR * wL > best * wL * wR) {
        const proxy = sqL / wL + sqR / wR;
        if (proxy > best) {
          best = proxy;
          out[1] = midpoint(xv, xNext);
          out[2] = p + 1;
          found = true;
        }
      }
    }
    xv = xNext;
  }
  if (found) out[0] = best;
  return found;
}

/** Entropy: maximises Σ cL ln cL + Σ cR ln cR − wL ln wL − wR ln wR, updated incrementally. */
export function scanEntropy(
  ord: Int32Array,
  xs: Float64Array,
  start: number,
  end: number,
  pair: Float64Array,
  totals: Float64Array,
  nClasses: number,
  wTot: number,
  left: Float64Array,
  minLeaf: number,
  out: Float64Array,
): boolean {
  left.fill(0, 0, nClasses);
  let eL = 0;
  let eR = 0;
  for (let k = 0; k < nClasses; k++) eR += xlogx(totals[k] as number);
  let wL = 0;
  let best = out[0] as number;
  let found = false;
  const last = end - minLeaf;
  const firstEval = start + minLeaf - 1;
  let xv = xs[start] as number;
  for (let p = start; p < last; p++) {
    const s2 = 2 * (ord[p] as number);
    const w = pair[s2] as number;
    const c = (pair[s2 + 1] as number) | 0;
    const cl = left[c] as number;
    const cr = (totals[c] as number) - cl;
    eL += xlogx(cl + w) - xlogx(cl);
    eR += xlogx(cr - w) - xlogx(cr);
    left[c] = cl + w;
    wL += w;
    const xNext = xs[p + 1] as number;
    if (p >= firstEval && xNext > xv + FEATURE_THRESHOLD) {
      const proxy = eL + eR - xlogx(wL) - xlogx(wTot - wL);
      if (proxy > best) {
        best = proxy;
        out[1] = midpoint(xv, xNext);
        out[2] = p + 1;
        found = true;
      }
    }
    xv = xNext;
  }
  if (found) out[0] = best;
  return found;
}

/** Squared error: maximises sL²/wL + sR²/wR (sums of weighted targets). */
export function scanSquaredError(
  ord: Int32Array,
  xs: Float64Array,
  start: number,
  end: number,
  pair: Float64Array,
  sumTot: number,
  wTot: number,
  minLeaf: number,
  out: Float64Array,
): boolean {
  let sL = 0;
  let wL = 0;
  let best = out[0] as number;
  let found = false;
  const last = end - minLeaf;
  const firstEval = start + minLeaf - 1;
  let xv = xs[start] as number;
  for (let p = start; p < last; p++) {
    const s2 = 2 * (ord[p] as number);
    const w = pair[s2] as number;
    sL += pair[s2 + 1] as number;
    wL += w;
    const xNext = xs[p + 1] as number;
    if (p >= firstEval && xNext > xv + FEATURE_THRESHOLD) {
      const sR = sumTot - sL;
      // Cross-multiplied (both weights are positive): divisions are slow, improvements rare.
      const wR = wTot - wL;
      if (sL * sL * wR + sR * sR * wL > best * wL * wR) {
        const proxy = (sL * sL) / wL + (sR * sR) / wR;
        if (proxy > best) {
          best = proxy;
          out[1] = midpoint(xv, xNext);
          out[2] = p + 1;
          found = true;
        }
      }
    }
    xv = xNext;
  }
  if (found) out[0] = best;
  return found;
}
