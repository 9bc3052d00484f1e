/** Mean silhouette coefficient of a clustering, Euclidean, exact O(n²). */
import { checkClustering } from "./clustering-input.js";

/**
 * Mean over rows of s = (b − a) / max(a, b), in [−1, 1], higher is better; scikit-learn's
 * `silhouette_score` with the Euclidean metric. a: mean distance to the other members of the row's
 * cluster; b: the smallest mean distance to the members of another cluster. Rows in a singleton
 * cluster, and rows with a = b = 0, score 0 (as scikit-learn).
 *
 * `features`: row-major n×d (`nFeatures` = d), finite; `clusters`: any integer codes, length n,
 * with 2 ≤ number of clusters ≤ n − 1 (INVALID_ARGUMENT otherwise, as scikit-learn).
 * Cost: n(n−1)/2 distances, each computed once and credited to both rows; memory n×k doubles.
 */
export function silhouetteScore(features: Float64Array, nFeatures: number, clusters: Int32Array): number {
  const dense = checkClustering("silhouette", features, nFeatures, clusters);
  const { codes, k, sizes } = dense;
  const n = codes.length;
  const d = nFeatures;
  // sums[i*k + c]: total distance from row i to the rows of cluster c.
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const ci = codes[i]!;
    const bi = i * d;
    for (let j = i + 1; j < n; j++) {
      const bj = j * d;
      let sq = 0;
      for (let f = 0; f < d; f++) {
        const diff = features[bi + f]! - features[bj + f]!;
        sq += diff * diff;
      }
      const dist = Math.sqrt(sq);
      sums[i * k + codes[j]!]! += dist;
      sums[j * k + ci]! += dist;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ci = codes[i]!;
    const own = sizes[ci]!;
    if (own === 1) continue; // singleton: s = 0
    const a = sums[i * k + ci]! / (own - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c === ci) continue;
      const mean = sums[i * k + c]! / sizes[c]!;
      if (mean < b) b = mean;
    }
    const denom = Math.max(a, b);
    if (denom > 0) total += (b - a) / denom;
  }
  return total / n;
}
