/** The serialised forms of fitted clusterers (zod), one variant per kind. */
import { z } from "zod";

const Numbers = z.array(z.number());

/** k-means, mini-batch k-means and Ward: new rows go to the nearest centroid. */
export const CentroidModelJSONSchema = z.object({
  kind: z.enum(["kmeans", "minibatch_kmeans", "ward"]),
  d: z.number().int().positive(),
  k: z.number().int().positive(),
  centroids: Numbers.describe("k × d, row-major"),
  params: z.record(z.string(), z.unknown()),
});
export type CentroidModelJSON = z.infer<typeof CentroidModelJSONSchema>;

export const GaussianMixtureJSONSchema = z.object({
  kind: z.literal("gmm"),
  covariance: z.enum(["diag", "full"]),
  d: z.number().int().positive(),
  k: z.number().int().positive(),
  weights: Numbers,
  means: Numbers.describe("k × d"),
  covariances: Numbers.describe("diag: k × d variances; full: k × d × d matrices"),
  params: z.record(z.string(), z.unknown()),
});
export type GaussianMixtureJSON = z.infer<typeof GaussianMixtureJSONSchema>;

export const DbscanJSONSchema = z.object({
  kind: z.literal("dbscan"),
  d: z.number().int().positive(),
  k: z.number().int().nonnegative().describe("clusters found (noise, -1, not counted)"),
  eps: z.number().nonnegative(),
  cores: Numbers.describe("the kept core points, row-major"),
  coreLabels: z.array(z.number().int()),
  params: z.record(z.string(), z.unknown()),
});
export type DbscanJSON = z.infer<typeof DbscanJSONSchema>;

export const ClusterModelJSONSchema = z.discriminatedUnion("kind", [
  CentroidModelJSONSchema,
  GaussianMixtureJSONSchema,
  DbscanJSONSchema,
]);
export type ClusterModelJSON = z.infer<typeof ClusterModelJSONSchema>;

/** A fitted clusterer. Immutable. */
export interface ClusterModel {
  readonly kind: ClusterModelJSON["kind"];
  /** Number of clusters (DBSCAN: noise, label −1, is not one). */
  readonly k: number;
  readonly d: number;
  /** Cluster id of each of the `n` row-major rows of `X` (width `d`). */
  assign(X: Float64Array, n: number): Int32Array;
  toJSON(): ClusterModelJSON;
}
