/**
 * Linear discriminant analysis solvers, as scikit-learn's LinearDiscriminantAnalysis computes them:
 * 'svd' (no covariance matrix formed; rank-safe) and 'lsqr' (pooled covariance, optionally shrunk,
 * Ledoit–Wolf or a fixed amount). Both return class-wise `coef` (`K × p` row-major) and `intercept`.
 */
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { minNormLeastSquares, singularValuesAndVectors } from "./least-squares.js";

/** Class statistics over the classes present: `label[i]` in 0..K−1. */
export interface ClassStats {
  readonly k: number;
  readonly label: Int32Array;
  readonly counts: Float64Array;
  readonly priors: Float64Array;
  /** `K × p` row-major. */
  readonly means: Float64Array;
}

export function classStats(X: FeatureMatrix, label: Int32Array, k: number): ClassStats {
  const { nRows: n, nCols: p, data } = X;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[label[i] as number] = (counts[label[i] as number] as number) + 1;
  const means = new Float64Array(k * p);
  for (let j = 0; j < p; j++) {
    const base = j * n;
    for (let i = 0; i < n; i++) {
      const c = label[i] as number;
      means[c * p + j] = (means[c * p + j] as number) + (data[base + i] as number);
    }
  }
  for (let c = 0; c < k; c++)
    for (let j = 0; j < p; j++) means[c * p + j] = (means[c * p + j] as number) / (counts[c] as number);
  const priors = counts.map((c) => c / n);
  return { k, label, counts, priors, means };
}

/** 'svd' solver; `tol` is the absolute singular-value cut of the within-class step. */
export function ldaSvd(
  X: FeatureMatrix,
  st: ClassStats,
  tol: number,
): { coef: Float64Array; intercept: Float64Array } {
  const { nRows: n, nCols: p, data } = X;
  const { k, label, priors, means } = st;
  const xbar = new Float64Array(p);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < p; j++)
      xbar[j] = (xbar[j] as number) + (priors[c] as number) * (means[c * p + j] as number);
  // Within-class centred data, standardised, scaled so its Gram matrix is the pooled covariance.
  const xc = new Float64Array(n * p);
  const std = new Float64Array(p);
  const fac = Math.sqrt(1 / Math.max(n - k, 1));
  for (let j = 0; j < p; j++) {
    const base = j * n;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = (data[base + i] as number) - (means[(label[i] as number) * p + j] as number);
      xc[base + i] = v;
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    const sd = Math.sqrt(Math.max(0, s2 / n - mean * mean));
    std[j] = sd > 0 ? sd : 1;
    const f = fac / (std[j] as number);
    for (let i = 0; i < n; i++) xc[base + i] = (xc[base + i] as number) * f;
  }
  const first = singularValuesAndVectors(xc, n, p);
  const keep: number[] = [];
  first.s.forEach((v, r) => {
    if (v > tol) keep.push(r);
  });
  // scalings (p × rank): V[:, r] / std / S[r]
  const rank = keep.length;
  const scal = new Float64Array(p * rank);
  keep.forEach((r, c) => {
    for (let j = 0; j < p; j++)
      scal[j * rank + c] = first.v.get(j, r) / (std[j] as number) / (first.s[r] as number);
  });
  // Between-class step: SVD of the weighted, centred class means in the whitened space.
  const facB = k === 1 ? 1 : 1 / (k - 1);
  const between = new Matrix(k, rank);
  for (let c = 0; c < k; c++) {
    const wgt = Math.sqrt(n * (priors[c] as number) * facB);
    for (let r = 0; r < rank; r++) {
      let s = 0;
      for (let j = 0; j < p; j++)
        s += ((means[c * p + j] as number) - (xbar[j] as number)) * (scal[j * rank + r] as number);
      between.set(c, r, wgt * s);
    }
  }
  let rank2 = 0;
  let final = new Float64Array(0);
  if (rank > 0) {
    const svd = new SingularValueDecomposition(between, {
      computeLeftSingularVectors: false,
      autoTranspose: true,
    });
    const s2 = svd.diagonal;
    const v2 = svd.rightSingularVectors;
    const smax = Math.max(0, ...s2);
    const keep2: number[] = [];
    s2.forEach((v, r) => {
      if (v > tol * smax) keep2.push(r);
    });
    rank2 = keep2.length;
    final = new Float64Array(p * rank2);
    for (let j = 0; j < p; j++) {
      keep2.forEach((r2, c2) => {
        let s = 0;
        for (let r = 0; r < rank; r++) s += (scal[j * rank + r] as number) * v2.get(r, r2);
        final[j * rank2 + c2] = s;
      });
    }
  }
  // coef in the discriminant space, then back to features.
  const coef = new Float64Array(k * p);
  const intercept = new Float64Array(k);
  const z = new Float64Array(rank2);
  for (let c = 0; c < k; c++) {
    let norm2 = 0;
    for (let r = 0; r < rank2; r++) {
      let s = 0;
      for (let j = 0; j < p; j++)
        s += ((means[c * p + j] as number) - (xbar[j] as number)) * (final[j * rank2 + r] as number);
      z[r] = s;
      norm2 += s * s;
    }
    let b = -0.5 * norm2 + Math.log(priors[c] as number);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let r = 0; r < rank2; r++) s += (z[r] as number) * (final[j * rank2 + r] as number);
      coef[c * p + j] = s;
      b -= (xbar[j] as number) * s;
    }
    intercept[c] = b;
  }
  return { coef, intercept };
}

/**
 * Ledoit–Wolf shrinkage intensity (scikit-learn's `ledoit_wolf_shrinkage`) of centred data `xc`
 * (column-major `n × p`) whose biased covariance is `cov` (`p × p`).
 */
export function ledoitWolfShrinkage(xc: Float64Array, n: number, p: number, cov: Float64Array): number {
  let traceSum = 0;
  for (let j = 0; j < p; j++) traceSum += cov[j * p + j] as number;
  const mu = traceSum / p;
  // Σ_ab Σ_i x²_ai x²_bi = Σ_i (Σ_a x²_ai)², and Σ_ab (XᵀX)²_ab / n² = ‖cov‖²_F.
  let betaSum = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let a = 0; a < p; a++) r += (xc[a * n + i] as number) ** 2;
    betaSum += r * r;
  }
  let deltaSum = 0;
  for (let t = 0; t < p * p; t++) deltaSum += (cov[t] as number) ** 2;
  let beta = (1 / (p * n)) * (betaSum / n - deltaSum);
  const delta = (deltaSum - 2 * mu * traceSum + p * mu * mu) / p;
  beta = Math.min(beta, delta);
  return beta === 0 || !(delta > 0) ? 0 : beta / delta;
}

/**
 * Covariance (biased, `p × p` row-major) of the rows of class `c`: empirical, Ledoit–Wolf on
 * standardised features (`shrinkage = "auto"`), or shrunk towards `trace/p · I` by a fixed amount.
 */
function classCovariance(
  X: FeatureMatrix,
  st: ClassStats,
  c: number,
  shrinkage: number | "auto" | null,
): Float64Array {
  const { nRows: n, nCols: p, data } = X;
  const nc = st.counts[c] as number;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (st.label[i] === c) rows.push(i);
  const xc = new Float64Array(nc * p);
  const scale = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    const m = st.means[c * p + j] as number;
    let s2 = 0;
    for (let r = 0; r < nc; r++) {
      const v = (data[j * n + (rows[r] as number)] as number) - m;
      xc[j * nc + r] = v;
      s2 += v * v;
    }
    if (shrinkage === "auto") {
      const sd = Math.sqrt(s2 / nc);
      if (sd > 0) {
        scale[j] = sd;
        for (let r = 0; r < nc; r++) xc[j * nc + r] = (xc[j * nc + r] as number) / sd;
      }
    }
  }
  const cov = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let r = 0; r < nc; r++) s += (xc[a * nc + r] as number) * (xc[b * nc + r] as number);
      cov[a * p + b] = s / nc;
      cov[b * p + a] = s / nc;
    }
  }
  const amount = shrinkage === "auto" ? ledoitWolfShrinkage(xc, nc, p, cov) : (shrinkage ?? 0);
  if (amount > 0) {
    let trace = 0;
    for (let j = 0; j < p; j++) trace += cov[j * p + j] as number;
    for (let t = 0; t < p * p; t++) cov[t] = (1 - amount) * (cov[t] as number);
    for (let j = 0; j < p; j++) cov[j * p + j] = (cov[j * p + j] as number) + (amount * trace) / p;
  }
  if (shrinkage === "auto") {
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++)
        cov[a * p + b] = (cov[a * p + b] as number) * (scale[a] as number) * (scale[b] as number);
  }
  return cov;
}

/** 'lsqr' solver: coef = means · Σ⁺ with Σ the prior-weighted (shrunk) class covariance. */
export function ldaLsqr(
  X: FeatureMatrix,
  st: ClassStats,
  shrinkage: number | "auto" | null,
): { coef: Float64Array; intercept: Float64Array } {
  const p = X.nCols;
  const { k, priors, means } = st;
  const cov = new Float64Array(p * p);
  for (let c = 0; c < k; c++) {
    const cc = classCovariance(X, st, c, shrinkage);
    const pr = priors[c] as number;
    for (let t = 0; t < p * p; t++) cov[t] = (cov[t] as number) + pr * (cc[t] as number);
  }
  // cov is symmetric, so its row-major layout reads as column-major too.
  const coef = new Float64Array(k * p);
  const intercept = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const row = minNormLeastSquares(cov, p, p, means.subarray(c * p, (c + 1) * p));
    coef.set(row, c * p);
    let b = 0;
    for (let j = 0; j < p; j++) b += (means[c * p + j] as number) * (row[j] as number);
    intercept[c] = -0.5 * b + Math.log(priors[c] as number);
  }
  return { coef, intercept };
}
