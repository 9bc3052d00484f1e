/** The clustering candidates, in the order the search tries them. */
import {
  type ClusterFit,
  cutWard,
  fitDbscan,
  fitGaussianMixture,
  fitKMeans,
  fitMiniBatchKMeans,
  fitWardTree,
  type Rows,
  type WardTree,
} from "../../trainers/cluster/index.js";
import { SCALINGS, type Scaling } from "./unsupervised-schema.js";

/** Mini-batch k-means joins from this many rows (below, full k-means is as fast and better). */
export const MINIBATCH_MIN_ROWS = 10_000;
export const MAX_CLUSTERS = 10;

export interface ClusterCandidate {
  readonly model: string;
  /** Cost family for the budget's estimates. */
  readonly family: string;
  readonly scaling: Scaling;
  readonly params: Record<string, unknown>;
  /** Work relative to others of the family (for cost estimates). */
  readonly size: number;
  run(X: Rows, deadline: number, seed: number): { fit: ClusterFit; info: Record<string, unknown> };
}

/**
 * Per scaling (standard, robust, none): k-means for k = 2..K, Gaussian mixtures (diagonal, then
 * full covariance), Ward cuts of one dendrogram, DBSCAN, and on large data mini-batch k-means.
 * K = min(10, n/2).
 */
export function clusterCandidates(n: number, d: number): ClusterCandidate[] {
  const maxK = Math.max(2, Math.min(MAX_CLUSTERS, Math.floor(n / 2)));
  const ks = Array.from({ length: maxK - 1 }, (_, i) => i + 2);
  const out: ClusterCandidate[] = [];
  for (const scaling of SCALINGS) {
    for (const k of ks) {
      out.push({
        model: "kmeans",
        family: `kmeans/${scaling}`,
        scaling,
        params: { k, n_init: 10 },
        size: k,
        run: (X, deadline, seed) => ({ fit: fitKMeans(X, { k, nInit: 10, seed, deadline }), info: {} }),
      });
    }
    for (const covariance of ["diag", "full"] as const) {
      for (const k of ks) {
        out.push({
          model: "gmm",
          family: `gmm-${covariance}/${scaling}`,
          scaling,
          params: { k, covariance, n_init: 3 },
          size: covariance === "diag" ? k : k * (d + 1),
          run: (X, deadline, seed) => {
            const g = fitGaussianMixture(X, { k, covariance, nInit: 3, seed, deadline });
            return { fit: { ...g, inertia: Number.NaN }, info: { bic: round(g.bic) } };
          },
        });
      }
    }
    let tree: WardTree | null = null;
    for (const k of ks) {
      out.push({
        model: "ward",
        family: `ward/${scaling}`,
        scaling,
        params: { k },
        size: 1,
        run: (X, deadline, seed) => {
          tree ??= fitWardTree(X, { seed, deadline });
          return { fit: cutWard(tree, X, Math.min(k, tree.sample.n)), info: { rows_in_tree: tree.sample.n } };
        },
      });
    }
    out.push({
      model: "dbscan",
      family: `dbscan/${scaling}`,
      scaling,
      params: { eps: "knee", min_pts: "2·d" },
      size: 1,
      run: (X, deadline, seed) => {
        const f = fitDbscan(X, { seed, deadline });
        return { fit: f, info: { eps: round(f.eps), clusters: f.model.k, noise_rows: f.noise } };
      },
    });
    if (n >= MINIBATCH_MIN_ROWS) {
      for (const k of ks) {
        out.push({
          model: "minibatch_kmeans",
          family: `minibatch/${scaling}`,
          scaling,
          params: { k, batch_size: 1024 },
          size: k,
          run: (X, deadline, seed) => ({ fit: fitMiniBatchKMeans(X, { k, seed, deadline }), info: {} }),
        });
      }
    }
  }
  return out;
}

function round(v: number): number {
  return Number(v.toPrecision(6));
}
