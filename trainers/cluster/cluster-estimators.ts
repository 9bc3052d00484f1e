/** The clusterers as MODEL_REGISTRY entries: fit ignores y, predict gives each row its cluster id (−1: DBSCAN noise). */
import { z } from "zod";
import { type FeatureMatrix, toRowMajor } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { EstimatorFamily, EstimatorSpec, EstimatorTags, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { checkUnlabelledFit, expectState, parseTaskJSON, TASK_STATE_VERSION } from "../task-adapter.js";
import type { ClusterModel, ClusterModelJSON } from "./cluster-json.js";
import { fitDbscan } from "./dbscan.js";
import { fitGaussianMixture } from "./gaussian-mixture.js";
import { fitKMeans } from "./kmeans.js";
import { fitMiniBatchKMeans } from "./minibatch-kmeans.js";
import { clusterModelFromJSON } from "./revive-cluster.js";
import type { Rows } from "./rows.js";
import { cutWard, fitWardTree, WARD_MAX_ROWS } from "./ward.js";

const kParam = () =>
  intParam({
    default: 3,
    min: 2,
    max: 50,
    searchMax: 10,
    description: "Number of clusters (at most the number of training rows)",
  });

const KMeansParams = z.strictObject({
  k: kParam(),
  n_init: intParam({
    default: 10,
    min: 1,
    max: 50,
    search: false,
    description: "Restarts from fresh k-means++ seeds; the lowest inertia wins",
  }),
  max_iter: intParam({
    default: 300,
    min: 1,
    max: 10_000,
    search: false,
    description: "Lloyd iterations per restart at most",
  }),
});

const MiniBatchParams = z.strictObject({
  k: kParam(),
  batch_size: intParam({
    default: 1024,
    min: 16,
    max: 65_536,
    searchMin: 256,
    searchMax: 4096,
    log: true,
    description: "Rows per update step (capped at the number of rows)",
  }),
  n_init: intParam({
    default: 3,
    min: 1,
    max: 50,
    search: false,
    description: "k-means++ seedings compared on a sample; the lowest inertia starts the updates",
  }),
  max_iter: intParam({
    default: 100,
    min: 1,
    max: 10_000,
    search: false,
    description: "Passes over the data at most (early stop on the smoothed batch inertia)",
  }),
});

const MixtureParams = z.strictObject({
  k: kParam(),
  covariance: enumParam({
    values: ["full", "diag"],
    default: "full",
    description: "full: each component has its own covariance matrix; diag: per-feature variances only",
  }),
  n_init: intParam({
    default: 3,
    min: 1,
    max: 50,
    search: false,
    description: "EM restarts, each from its own k-means start; the best log-likelihood wins",
  }),
  max_iter: intParam({
    default: 100,
    min: 1,
    max: 10_000,
    search: false,
    description: "EM iterations per restart at most",
  }),
});

const DbscanParams = z.strictObject({
  eps: floatParam({
    default: 0,
    min: 0,
    max: 1e9,
    search: false,
    description: "Neighbourhood radius (in the features' units); 0 = the knee of the sorted k-distance curve",
  }),
  min_pts: intParam({
    default: 0,
    min: 0,
    max: 1000,
    searchMin: 0,
    searchMax: 40,
    description: "Neighbours (the point included) that make a core point; 0 = 2 · features, clamped to 4..20",
  }),
  max_rows: intParam({
    default: 4000,
    min: 10,
    max: 100_000,
    search: false,
    description:
      "DBSCAN proper runs on a sample of at most this many rows; the others join their nearest core point's cluster",
  }),
});

const WardParams = z.strictObject({
  k: kParam(),
  max_rows: intParam({
    default: WARD_MAX_ROWS,
    min: 2,
    max: 20_000,
    search: false,
    description: "The dendrogram is built on a sample of at most this many rows (O(rows²) memory)",
  }),
});

const DISTANCE_TAGS: EstimatorTags = {
  handlesMissing: false,
  handlesCategorical: false,
  needsScaling: true,
  sampleWeights: false,
  probabilities: false,
};

function clusterModel(name: string, cm: ClusterModel, params: Record<string, unknown>): FittedModel {
  const model: FittedModel = Object.freeze({
    estimator: name,
    nFeatures: cm.d,
    predict(X: FeatureMatrix): Float64Array {
      checkPredictInput(model, X, false);
      return Float64Array.from(cm.assign(toRowMajor(X), X.nRows));
    },
    toJSON: (): ModelJSON => ({
      estimator: name,
      version: TASK_STATE_VERSION,
      params: { ...params },
      nFeatures: cm.d,
      state: cm.toJSON(),
    }),
  });
  return model;
}

/** One clusterer: its declaration plus how to fit the task model on checked row-major rows. */
function clusterer<P extends z.ZodObject>(def: {
  name: string;
  family: EstimatorFamily;
  kind: ClusterModelJSON["kind"];
  description: string;
  tags: EstimatorTags;
  params: P;
  fit(R: Rows, p: z.output<P>, seed: number): ClusterModel;
}): EstimatorSpec<P> {
  const spec: EstimatorSpec<P> = {
    name: def.name,
    family: def.family,
    tasks: ["clustering"],
    description: def.description,
    tags: def.tags,
    params: def.params,
    fit(X, _y, params, ctx) {
      checkUnlabelledFit(spec, X, ctx);
      const p = parseEstimatorParams(def.name, def.params, params);
      const R: Rows = { data: toRowMajor(X), n: X.nRows, d: X.nCols };
      return clusterModel(def.name, def.fit(R, p, ctx.seed), p);
    },
    fromJSON(json) {
      const { params, nFeatures, state } = parseTaskJSON(json, def.name, def.params);
      const cm = clusterModelFromJSON(state);
      expectState(cm.kind === def.kind && cm.d === nFeatures, def.name, `the state is a ${cm.kind} model`);
      return clusterModel(def.name, cm, params);
    },
  };
  return spec;
}

export const kmeansClusterer = clusterer({
  name: "kmeans",
  family: "centroid",
  kind: "kmeans",
  description:
    "k-means (Lloyd, k-means++ seeds, several restarts): k round clusters of similar size; new rows join the nearest centroid. Needs scaled features.",
  tags: DISTANCE_TAGS,
  params: KMeansParams,
  fit: (R, p, seed) => fitKMeans(R, { k: p.k, nInit: p.n_init, maxIter: p.max_iter, seed }).model,
});

export const miniBatchKMeansClusterer = clusterer({
  name: "minibatch_kmeans",
  family: "centroid",
  kind: "minibatch_kmeans",
  description:
    "Mini-batch k-means: k-means updated from small random batches, for large data (slightly worse centroids, much faster). Needs scaled features.",
  tags: DISTANCE_TAGS,
  params: MiniBatchParams,
  fit: (R, p, seed) =>
    fitMiniBatchKMeans(R, { k: p.k, batchSize: p.batch_size, nInit: p.n_init, maxIter: p.max_iter, seed })
      .model,
});

export const gaussianMixtureClusterer = clusterer({
  name: "gaussian_mixture",
  family: "mixture",
  kind: "gmm",
  description:
    "Gaussian mixture fitted by EM: elliptical clusters of different sizes and orientations; new rows join their most probable component.",
  // EM itself is equivariant to per-feature scaling; only its k-means start sees the scale.
  tags: { ...DISTANCE_TAGS, needsScaling: false },
  params: MixtureParams,
  fit: (R, p, seed) =>
    fitGaussianMixture(R, { k: p.k, covariance: p.covariance, nInit: p.n_init, maxIter: p.max_iter, seed })
      .model,
});

export const dbscanClusterer = clusterer({
  name: "dbscan",
  family: "density",
  kind: "dbscan",
  description:
    "DBSCAN: clusters are dense regions of any shape, their number found from the data; sparse rows are noise (−1). New rows join the nearest core point within eps. Needs scaled features.",
  tags: DISTANCE_TAGS,
  params: DbscanParams,
  fit: (R, p, seed) =>
    fitDbscan(R, {
      seed,
      maxRows: p.max_rows,
      ...(p.eps > 0 ? { eps: p.eps } : {}),
      ...(p.min_pts > 0 ? { minPts: p.min_pts } : {}),
    }).model,
});

export const wardClusterer = clusterer({
  name: "ward",
  family: "hierarchical",
  kind: "ward",
  description:
    "Agglomerative clustering with Ward linkage (merges that least increase the within-cluster variance), cut at k clusters; new rows join the nearest cluster centroid. Needs scaled features.",
  tags: DISTANCE_TAGS,
  params: WardParams,
  fit: (R, p, seed) => {
    const tree = fitWardTree(R, { seed, maxRows: p.max_rows });
    return cutWard(tree, R, p.k).model;
  },
});

/** The clustering entries of MODEL_REGISTRY. */
export const CLUSTER_ESTIMATORS: readonly EstimatorSpec[] = [
  kmeansClusterer,
  miniBatchKMeansClusterer,
  gaussianMixtureClusterer,
  dbscanClusterer,
  wardClusterer,
];
