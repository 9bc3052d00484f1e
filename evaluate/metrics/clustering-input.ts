/** Input checks shared by the geometric clustering scores (silhouette, Davies–Bouldin). */
import { AlchemistError } from "../../core/errors.js";
import { type DenseCodes, denseCodes } from "./dense-codes.js";
import { requireFinite, requireRows } from "./validate.js";

/**
 * Shared checks of the geometric clustering scores; returns the dense cluster codes.
 * Throws LENGTH_MISMATCH (features not n×d), NOT_ENOUGH_ROWS, INVALID_ARGUMENT (d, cluster count,
 * non-finite features).
 */
export function checkClustering(
  metric: string,
  features: Float64Array,
  nFeatures: number,
  clusters: Int32Array,
): DenseCodes {
  const n = clusters.length;
  requireRows(metric, "clusters", n, 3);
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new AlchemistError("INVALID_ARGUMENT", `nFeatures is ${nFeatures}; it must be an integer ≥ 1`, {
      parameter: "nFeatures",
    });
  }
  if (features.length !== n * nFeatures) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `features has ${features.length} values but clusters has ${n} rows × nFeatures ${nFeatures} = ${n * nFeatures}; ` +
        "features must be row-major n×d",
      { parameter: "features", lengths: { features: features.length, clusters: n }, nFeatures },
    );
  }
  requireFinite("features", features);
  const dense = denseCodes(clusters);
  if (dense.k < 2 || dense.k > n - 1) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${metric} needs between 2 and n − 1 = ${n - 1} clusters, got ${dense.k}`,
      { parameter: "clusters", clusters: dense.k, rows: n },
    );
  }
  return dense;
}
