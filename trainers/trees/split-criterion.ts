/**
 * Split criteria: node totals, impurities, and the "proxy" scores splitters maximise (scikit-learn's
 * proxy_impurity_improvement: equal to minus the children's weighted impurity, up to a constant).
 */

export type Criterion = "gini" | "entropy" | "squared_error";

/** Values closer than this count as equal when looking for a threshold (scikit-learn's FEATURE_THRESHOLD). */
export const FEATURE_THRESHOLD = 1e-7;

const LN2 = Math.LN2;

/** `x ln x`, 0 at 0. */
export function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/** Weighted class counts of `samples[start..end)` into `totals[0..K)`; returns the total weight. */
export function classTotals(
  samples: Int32Array,
  start: number,
  end: number,
  yClass: Int32Array,
  weight: Float64Array,
  totals: Float64Array,
  nClasses: number,
): number {
  totals.fill(0, 0, nClasses);
  let wTot = 0;
  for (let p = start; p < end; p++) {
    const s = samples[p] as number;
    const w = weight[s] as number;
    const c = yClass[s] as number;
    totals[c] = (totals[c] as number) + w;
    wTot += w;
  }
  return wTot;
}

/**
 * Regression totals of `samples[start..end)` into `totals`: [Σw, Σwy, Σw(y − mean)²] (two passes,
 * so a node with a constant target has exactly zero impurity). Returns Σw.
 */
export function regressionTotals(
  samples: Int32Array,
  start: number,
  end: number,
  y: Float64Array,
  weight: Float64Array,
  totals: Float64Array,
): number {
  let wTot = 0;
  let sum = 0;
  for (let p = start; p < end; p++) {
    const s = samples[p] as number;
    const w = weight[s] as number;
    wTot += w;
    sum += w * (y[s] as number);
  }
  const mean = sum / wTot;
  let ss = 0;
  for (let p = start; p < end; p++) {
    const s = samples[p] as number;
    const d = (y[s] as number) - mean;
    ss += (weight[s] as number) * d * d;
  }
  totals[0] = wTot;
  totals[1] = sum;
  totals[2] = ss;
  return wTot;
}

/** Impurity of a node from its totals: Gini, entropy in bits, or the weighted variance. */
export function impurityOf(
  criterion: Criterion,
  totals: Float64Array,
  nClasses: number,
  wTot: number,
): number {
  if (criterion === "squared_error") return Math.max(0, (totals[2] as number) / wTot);
  if (criterion === "gini") {
    let sq = 0;
    for (let k = 0; k < nClasses; k++) {
      const c = (totals[k] as number) / wTot;
      sq += c * c;
    }
    return 1 - sq;
  }
  let h = 0;
  for (let k = 0; k < nClasses; k++) {
    const c = (totals[k] as number) / wTot;
    if (c > 0) h -= c * Math.log(c);
  }
  return h / LN2;
}

/**
 * Proxy score of a classification split from its left totals (right = node − left): higher is
 * better. Gini: Σ cL²/wL + Σ cR²/wR. Entropy: Σ cL ln cL + Σ cR ln cR − wL ln wL − wR ln wR.
 */
export function classProxy(
  criterion: Criterion,
  leftTotals: Float64Array,
  totals: Float64Array,
  nClasses: number,
  wL: number,
  wR: number,
): number {
  if (criterion === "gini") {
    let sqL = 0;
    let sqR = 0;
    for (let k = 0; k < nClasses; k++) {
      const l = leftTotals[k] as number;
      const r = (totals[k] as number) - l;
      sqL += l * l;
      sqR += r * r;
    }
    return sqL / wL + sqR / wR;
  }
  let e = -xlogx(wL) - xlogx(wR);
  for (let k = 0; k < nClasses; k++) {
    const l = leftTotals[k] as number;
    e += xlogx(l) + xlogx((totals[k] as number) - l);
  }
  return e;
}

/** The threshold between two consecutive distinct values, kept strictly below `hi` (scikit-learn's rule). */
export function midpoint(lo: number, hi: number): number {
  const t = lo / 2 + hi / 2;
  return t === hi || !Number.isFinite(t) ? lo : t;
}
