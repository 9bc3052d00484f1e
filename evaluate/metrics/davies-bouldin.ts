/** Davies–Bouldin index of a clustering, Euclidean, as scikit-learn computes it. */
import { checkClustering } from "./clustering-input.js";

/** scikit-learn's `np.allclose(x, 0)` tolerance, which decides its degenerate cases. */
const ALLCLOSE_ATOL = 1e-8;

/**
 * Mean over clusters i of max_{j≠i} (S_i + S_j) / M_ij, ≥ 0, lower is better; scikit-learn's
 * `davies_bouldin_score`. S_i: mean Euclidean distance of cluster i's rows to its centroid; M_ij:
 * distance between centroids (coinciding centroids are skipped, as scikit-learn's ∞). Returns 0
 * when every S_i or every M_ij is within 1e-8 of 0, as scikit-learn does.
 *
 * `features`: row-major n×d (`nFeatures` = d); `clusters`: any integer codes, 2 ≤ k ≤ n − 1.
 * Cost O(n·d + k²·d).
 */
export function daviesBouldinScore(features: Float64Array, nFeatures: number, clusters: Int32Array): number {
  const { codes, k, sizes } = checkClustering("davies_bouldin", features, nFeatures, clusters);
  const n = codes.length;
  const d = nFeatures;
  const centroids = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const base = codes[i]! * d;
    for (let f = 0; f < d; f++) centroids[base + f]! += features[i * d + f]!;
  }
  for (let c = 0; c < k; c++) {
    for (let f = 0; f < d; f++) centroids[c * d + f]! /= sizes[c]!;
  }
  const scatter = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    scatter[c]! += distance(features, i * d, centroids, c * d, d);
  }
  let allScatterZero = true;
  for (let c = 0; c < k; c++) {
    scatter[c]! /= sizes[c]!;
    if (scatter[c]! > ALLCLOSE_ATOL) allScatterZero = false;
  }
  const separation = new Float64Array(k * k);
  let allSeparationZero = true;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const m = distance(centroids, a * d, centroids, b * d, d);
      separation[a * k + b] = m;
      separation[b * k + a] = m;
      if (m > ALLCLOSE_ATOL) allSeparationZero = false;
    }
  }
  if (allScatterZero || allSeparationZero) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const m = separation[a * k + b]!;
      if (b === a || m === 0) continue;
      const ratio = (scatter[a]! + scatter[b]!) / m;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / k;
}

function distance(x: Float64Array, xi: number, y: Float64Array, yi: number, d: number): number {
  let sq = 0;
  for (let f = 0; f < d; f++) {
    const diff = x[xi + f]! - y[yi + f]!;
    sq += diff * diff;
  }
  return Math.sqrt(sq);
}
