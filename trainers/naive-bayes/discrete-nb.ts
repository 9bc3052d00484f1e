/**
 * The discrete naive Bayes models (multinomial and Bernoulli) share one shape: weighted feature
 * counts per class, and joint log-likelihoods linear in (possibly binarised) features.
 */
import type { FeatureMatrix } from "../../data/preprocess/index.js";

/**
 * `count[c·d + j]`: the summed (weighted) value of feature j over the rows of class c, where a value
 * is `x` itself or, with `threshold` given, 1 when `x > threshold` else 0.
 */
export function featureCounts(
  X: FeatureMatrix,
  y: Float64Array,
  w: Float64Array | undefined,
  K: number,
  threshold: number | null,
): Float64Array {
  const { nRows: n, nCols: d, data } = X;
  const count = new Float64Array(K * d);
  for (let j = 0; j < d; j++) {
    const col = j * n;
    for (let i = 0; i < n; i++) {
      const x = data[col + i] as number;
      const v = threshold === null ? x : x > threshold ? 1 : 0;
      if (v === 0) continue;
      const t = (y[i] as number) * d + j;
      count[t] = (count[t] as number) + (w ? (w[i] as number) : 1) * v;
    }
  }
  return count;
}

/**
 * Class-major `jll[c·n + i] = bias[c] + Σ_j coef[c·d + j] · f(x_ij)`, with f the identity or, with
 * `threshold` given, the binarisation `x > threshold`.
 */
export function linearJll(
  X: FeatureMatrix,
  coef: Float64Array,
  bias: Float64Array,
  K: number,
  threshold: number | null,
): Float64Array {
  const { nRows: n, nCols: d, data } = X;
  const jll = new Float64Array(K * n);
  for (let c = 0; c < K; c++) {
    const base = c * n;
    jll.fill(bias[c] as number, base, base + n);
    for (let j = 0; j < d; j++) {
      const a = coef[c * d + j] as number;
      const col = j * n;
      if (threshold === null) {
        for (let i = 0; i < n; i++) jll[base + i] = (jll[base + i] as number) + a * (data[col + i] as number);
      } else {
        for (let i = 0; i < n; i++)
          if ((data[col + i] as number) > threshold) jll[base + i] = (jll[base + i] as number) + a;
      }
    }
  }
  return jll;
}
