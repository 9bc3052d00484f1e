/** The clustering candidates: registry estimators with params and a scaling, runnable by the search. */
import { AlchemistError } from "../../core/errors.js";
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
import { type CandidateRef, paramsOf } from "./candidate-ref.js";
import { SWEPT_SCALINGS, type Scaling } from "./unsupervised-schema.js";

/** Mini-batch k-means joins from this many rows (below, full k-means is as fast and better). */
export const MINIBATCH_MIN_ROWS = 10_000;
export const MAX_CLUSTERS = 10;

export interface ClusterCandidate extends CandidateRef {
  /** Cost family for the budget's estimates. */
  readonly family: string;
  /** Work relative to others of the family (for cost estimates). */
  readonly size: number;
  run(X: Rows, deadline: number, seed: number): { fit: ClusterFit; info: Record<string, unknown> };
}

/** Ward dendrograms built so far, one per scaling: every cut of one tree is nearly free. */
export type WardTrees = Map<Scaling, WardTree>;

/**
 * The runnable candidate of `ref` (a registry clustering estimator, its params — defaults filled
 * from the registry — and a scaling) for data of `n` rows and `d` features. UNKNOWN_ESTIMATOR for a
 * model that is not a clustering estimator.
 */
export function clusterCandidate(ref: CandidateRef, d: number, trees: WardTrees): ClusterCandidate {
  const p = paramsOf(ref);
  const int = (name: string, fallback: number) =>
    typeof p[name] === "number" ? (p[name] as number) : fallback;
  const { scaling } = ref;
  const base = { model: ref.model, params: ref.params, scaling };
  switch (ref.model) {
    case "kmeans": {
      const k = int("k", 8);
      const nInit = int("n_init", 10);
      return {
        ...base,
        family: `kmeans/${scaling}`,
        size: k * nInit,
        run: (X, deadline, seed) => ({ fit: fitKMeans(X, { k, nInit, seed, deadline }), info: {} }),
      };
    }
    case "minibatch_kmeans": {
      const k = int("k", 8);
      const batchSize = int("batch_size", 1024);
      return {
        ...base,
        family: `minibatch/${scaling}`,
        size: k,
        run: (X, deadline, seed) => ({
          fit: fitMiniBatchKMeans(X, { k, batchSize, seed, deadline }),
          info: {},
        }),
      };
    }
    case "gaussian_mixture": {
      const k = int("k", 8);
      const nInit = int("n_init", 3);
      const covariance = p.covariance === "full" ? "full" : "diag";
      return {
        ...base,
        family: `gmm-${covariance}/${scaling}`,
        size: (covariance === "diag" ? k : k * (d + 1)) * nInit,
        run: (X, deadline, seed) => {
          const g = fitGaussianMixture(X, { k, covariance, nInit, seed, deadline });
          return { fit: { ...g, inertia: Number.NaN }, info: { bic: round(g.bic) } };
        },
      };
    }
    case "ward": {
      const k = int("k", 8);
      return {
        ...base,
        family: `ward/${scaling}`,
        size: 1,
        run: (X, deadline, seed) => {
          let tree = trees.get(scaling);
          if (tree === undefined) {
            tree = fitWardTree(X, { seed, deadline });
            trees.set(scaling, tree);
          }
          return { fit: cutWard(tree, X, Math.min(k, tree.sample.n)), info: { rows_in_tree: tree.sample.n } };
        },
      };
    }
    case "dbscan": {
      // 0 = the automatic choice: eps at the knee of the k-distance curve, minPts by the 2·d rule.
      const eps = int("eps", 0);
      const minPts = int("min_pts", 0);
      return {
        ...base,
        family: `dbscan/${scaling}`,
        size: 1,
        run: (X, deadline, seed) => {
          const f = fitDbscan(X, {
            seed,
            deadline,
            ...(eps > 0 ? { eps } : {}),
            ...(minPts > 0 ? { minPts } : {}),
          });
          return { fit: f, info: { eps: round(f.eps), clusters: f.model.k, noise_rows: f.noise } };
        },
      };
    }
    default:
      throw new AlchemistError("UNKNOWN_ESTIMATOR", `'${ref.model}' is not a clustering estimator.`, {
        parameter: "estimator",
      });
  }
}

/**
 * The sweep, per scaling (standard, robust, none): k-means for k = 2..K, Gaussian mixtures
 * (diagonal, then full covariance), Ward cuts of one dendrogram, DBSCAN, and on large data
 * mini-batch k-means. K = min(10, n/2).
 */
export function clusterSweep(n: number): CandidateRef[] {
  const maxK = Math.max(2, Math.min(MAX_CLUSTERS, Math.floor(n / 2)));
  const ks = Array.from({ length: maxK - 1 }, (_, i) => i + 2);
  const out: CandidateRef[] = [];
  for (const scaling of SWEPT_SCALINGS) {
    for (const k of ks) out.push({ model: "kmeans", params: { k, n_init: 10 }, scaling });
    for (const covariance of ["diag", "full"] as const)
      for (const k of ks)
        out.push({ model: "gaussian_mixture", params: { k, covariance, n_init: 3 }, scaling });
    for (const k of ks) out.push({ model: "ward", params: { k }, scaling });
    out.push({ model: "dbscan", params: { eps: 0, min_pts: 0 }, scaling });
    if (n >= MINIBATCH_MIN_ROWS)
      for (const k of ks) out.push({ model: "minibatch_kmeans", params: { k, batch_size: 1024 }, scaling });
  }
  return out;
}

function round(v: number): number {
  return Number(v.toPrecision(6));
}
