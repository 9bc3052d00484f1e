/** The nearest-centroid model shared by k-means, mini-batch k-means and Ward. */
import { AlchemistError } from "../../core/errors.js";
import type { CentroidModelJSON, ClusterModel } from "./cluster-json.js";
import { nearestCentres } from "./rows.js";

export function checkWidth(X: Float64Array, n: number, d: number, kind: string): void {
  if (X.length !== n * d) {
    throw new AlchemistError(
      "FEATURE_MISMATCH",
      `${kind} was fitted on ${d} features; got ${X.length} values for ${n} rows.`,
      { expected: d },
    );
  }
}

/** A model that assigns each row to its nearest centroid (squared Euclidean). */
export function centroidModel(
  kind: CentroidModelJSON["kind"],
  centroids: Float64Array,
  k: number,
  d: number,
  params: Record<string, unknown>,
): ClusterModel {
  return {
    kind,
    k,
    d,
    assign(X, n) {
      checkWidth(X, n, d, kind);
      const labels = new Int32Array(n);
      nearestCentres({ data: X, n, d }, centroids, k, labels);
      return labels;
    },
    toJSON: () => ({ kind, d, k, centroids: Array.from(centroids), params: { ...params } }),
  };
}
