/** What both k-nearest-neighbour models share: the stored training rows, the index, (de)serialisation. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { toRowMajor } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { type KnnParams, KnnParamsSchema } from "./knn-params.js";
import { buildNeighborIndex, kNeighbors, type NeighborIndex } from "./knn-search.js";

/** Bumped when the serialised state layout changes. */
export const KNN_STATE_VERSION = 1;

/** A fitted neighbour model: the training rows (row-major `n × d`), their targets, the index. */
export interface KnnFit {
  readonly estimator: string;
  readonly params: KnnParams;
  readonly nFeatures: number;
  readonly nClasses?: number;
  readonly X: Float64Array;
  readonly y: Float64Array;
  /** Neighbours per query: `n_neighbors` capped at the training row count. */
  readonly k: number;
  readonly index: NeighborIndex;
}

/** Stores the training rows (row-major copy) and builds the search index once. */
export function fitKnn(
  estimator: string,
  X: FeatureMatrix,
  y: Float64Array,
  params: KnnParams,
  nClasses: number | undefined,
): KnnFit {
  return knnFrom(estimator, params, X.nCols, nClasses, toRowMajor(X), Float64Array.from(y));
}

function knnFrom(
  estimator: string,
  params: KnnParams,
  nFeatures: number,
  nClasses: number | undefined,
  X: Float64Array,
  y: Float64Array,
): KnnFit {
  const n = y.length;
  const k = Math.min(params.n_neighbors, n);
  const index = buildNeighborIndex(X, n, nFeatures, k, params.algorithm, params.metric, params.leaf_size);
  return { estimator, params, nFeatures, ...(nClasses !== undefined ? { nClasses } : {}), X, y, k, index };
}

/** The k nearest training rows of every row of `Xq` (see `kNeighbors`), after the predict checks. */
export function neighborsOf(
  fit: KnnFit,
  model: FittedModel,
  Xq: FeatureMatrix,
): { idx: Int32Array; dist: Float64Array } {
  checkPredictInput(model, Xq, false);
  return kNeighbors(fit.index, toRowMajor(Xq), Xq.nRows, fit.k);
}

export function knnToJSON(fit: KnnFit): ModelJSON {
  return {
    estimator: fit.estimator,
    version: KNN_STATE_VERSION,
    params: { ...fit.params },
    nFeatures: fit.nFeatures,
    ...(fit.nClasses !== undefined ? { nClasses: fit.nClasses } : {}),
    state: { nRows: fit.y.length, X: Array.from(fit.X), y: Array.from(fit.y) },
  };
}

const KnnJsonSchema = z.object({
  estimator: z.string(),
  version: z.number(),
  params: z.record(z.string(), z.unknown()),
  nFeatures: z.number().int().min(0),
  nClasses: z.number().int().min(2).optional(),
  state: z.object({
    nRows: z.number().int().min(1),
    X: z.array(z.number()),
    y: z.array(z.number()),
  }),
});

function invalid(estimator: string, what: string): AlchemistError {
  return new AlchemistError("INVALID_MODEL_STATE", `${estimator}: cannot rebuild the model: ${what}.`, {
    estimator,
  });
}

/** Validates a serialised neighbour model (INVALID_MODEL_STATE naming what is wrong) and rebuilds it. */
export function knnFromJSON(json: ModelJSON, estimator: string, classifier: boolean): KnnFit {
  const parsed = KnnJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(estimator, `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  const j = parsed.data;
  if (j.estimator !== estimator) throw invalid(estimator, `it was saved by '${j.estimator}'`);
  if (j.version !== KNN_STATE_VERSION)
    throw invalid(estimator, `state version ${j.version}, expected ${KNN_STATE_VERSION}`);
  const params = KnnParamsSchema.safeParse(j.params);
  if (!params.success) throw invalid(estimator, `params: ${params.error.issues[0]?.message ?? "invalid"}`);
  const { nRows, X, y } = j.state;
  if (y.length !== nRows) throw invalid(estimator, `state.y has ${y.length} values, expected ${nRows}`);
  if (X.length !== nRows * j.nFeatures) {
    throw invalid(estimator, `state.X has ${X.length} values, expected ${nRows} × ${j.nFeatures}`);
  }
  if (classifier) {
    const K = j.nClasses;
    if (K === undefined) throw invalid(estimator, "nClasses is missing");
    if (y.some((v) => !Number.isInteger(v) || v < 0 || v >= K)) {
      throw invalid(estimator, `state.y must hold class indices 0..${K - 1}`);
    }
  } else if (j.nClasses !== undefined) {
    throw invalid(estimator, "a regressor has no nClasses");
  }
  return knnFrom(estimator, params.data, j.nFeatures, j.nClasses, Float64Array.from(X), Float64Array.from(y));
}
