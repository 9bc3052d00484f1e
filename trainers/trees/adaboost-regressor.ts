/**
 * adaboost_regressor: AdaBoost.R2 (Drucker 1997) over depth-3 CART trees, as scikit-learn's
 * AdaBoostRegressor, predicting the weighted median of the trees. By default each round fits its
 * tree on the boosting weights ("reweighting"); `resample` fits it on a weighted bootstrap as
 * scikit-learn does, which scores the same on average but varies much more from seed to seed.
 */
import { z } from "zod";
import { createRng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, enumParam } from "../param.js";
import {
  addTreeImportance,
  boostParams,
  decodeBoostArrays,
  normalise,
  parseBoostState,
} from "./boost-common.js";
import { checkModelHeader } from "./model-header.js";
import { growTree, type TreeParams } from "./tree-builder.js";
import { type TreeEnsemble, TreeSink, treeValues } from "./tree-ensemble.js";
import { makeTreeData, rowWeights, treeSeeds } from "./tree-data.js";
import { decodeEnsemble, encodeEnsemble, encodeFloats } from "./tree-json.js";
import { TreeWorkspace } from "./tree-workspace.js";
import { weightedMedian } from "./weighted-median.js";

const NAME = "adaboost_regressor";
const VERSION = 1;

export const AdaBoostRegressorParams = z.object({
  ...boostParams(3),
  loss: enumParam({
    values: ["linear", "square", "exponential"] as const,
    default: "linear",
    description: "How a row's error (scaled to [0, 1] by the largest) turns into its weight update.",
  }),
  resample: boolParam({
    default: false,
    description:
      "Fit each tree on a bootstrap sample drawn with the boosting weights (scikit-learn's way, noisier) instead of on the weighted rows directly (deterministic).",
  }),
});
type Params = z.output<typeof AdaBoostRegressorParams>;

/** Index of the first cumulative weight above `u` (numpy's searchsorted, side="right"). */
function drawIndex(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] as number) <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function boost(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  p: Params,
  seed: number,
  onProgress?: (f: number, note: string) => void,
) {
  const n = X.nRows;
  const d = makeTreeData(X, y, 0, true);
  const sw = normalise(rowWeights(y, 0, sampleWeight, "none"));
  const ws = new TreeWorkspace(n, X.nCols, 0, true);
  const sink = new TreeSink(1, 256);
  const seeds = treeSeeds(seed, p.n_estimators);
  const tree: TreeParams = {
    criterion: "squared_error",
    splitter: "best",
    maxDepth: p.max_depth,
    minSamplesSplit: 2,
    minSamplesLeaf: 1,
    maxFeatures: X.nCols,
    minImpurityDecrease: 0,
  };
  const cdf = new Float64Array(n);
  const counts = new Float64Array(n);
  const pred = new Float64Array(n);
  const err = new Float64Array(n);
  const weights: number[] = [];
  const importance = new Float64Array(X.nCols);
  const lr = p.learning_rate;

  for (let t = 0; t < p.n_estimators; t++) {
    const rng = createRng(seeds[t] as number);
    if (p.resample) {
      let c = 0;
      for (let i = 0; i < n; i++) {
        c += sw[i] as number;
        cdf[i] = c;
      }
      counts.fill(0);
      for (let r = 0; r < n; r++) {
        const i = drawIndex(cdf, rng.next() * c);
        counts[i] = (counts[i] as number) + 1;
      }
    }
    growTree(d, p.resample ? counts : sw, tree, rng, ws, sink);
    treeValues(sink.view(), t, X.data, n, pred);
    let errMax = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.abs((pred[i] as number) - (y[i] as number));
      err[i] = e;
      if ((sw[i] as number) > 0 && e > errMax) errMax = e;
    }
    let estErr = 0;
    for (let i = 0; i < n; i++) {
      let e = errMax > 0 ? (err[i] as number) / errMax : (err[i] as number);
      if (p.loss === "square") e *= e;
      else if (p.loss === "exponential") e = 1 - Math.exp(-e);
      err[i] = e;
      estErr += (sw[i] as number) * e;
    }
    onProgress?.((t + 1) / p.n_estimators, `round ${t + 1}/${p.n_estimators}`);
    if (estErr <= 0) {
      weights.push(1);
      addTreeImportance(importance, ws.importance, 1);
      break;
    }
    if (estErr >= 0.5) {
      // Worse than the R2 bound: drop the tree, unless it is the only one (scikit-learn keeps it).
      if (t > 0) sink.dropLastTree();
      else {
        weights.push(1);
        addTreeImportance(importance, ws.importance, 1);
      }
      break;
    }
    const beta = estErr / (1 - estErr);
    const alpha = lr * Math.log(1 / beta);
    weights.push(alpha);
    addTreeImportance(importance, ws.importance, alpha);
    if (t === p.n_estimators - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = sw[i] as number;
      if (w <= 0) continue;
      const v = w * beta ** ((1 - (err[i] as number)) * lr);
      sw[i] = v;
      total += v;
    }
    if (!(total > 0) || !Number.isFinite(total)) break;
    for (let i = 0; i < n; i++) sw[i] = (sw[i] as number) / total;
  }
  return { ensemble: sink.finish(), weights: Float64Array.from(weights), importance: normalise(importance) };
}

interface BoostParts {
  params: Params;
  nFeatures: number;
  ensemble: TreeEnsemble;
  weights: Float64Array;
  importance: Float64Array;
}

function boostModel(parts: BoostParts): FittedModel {
  const { params, nFeatures, ensemble, weights, importance } = parts;
  const T = weights.length;
  const model: FittedModel = {
    estimator: NAME,
    nFeatures,
    predict(X) {
      checkPredictInput(model, X, false);
      const n = X.nRows;
      const all = new Float64Array(T * n);
      for (let t = 0; t < T; t++) treeValues(ensemble, t, X.data, n, all.subarray(t * n, (t + 1) * n));
      const vals = new Float64Array(T);
      const wts = new Float64Array(T);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let t = 0; t < T; t++) {
          vals[t] = all[t * n + i] as number;
          wts[t] = weights[t] as number;
        }
        out[i] = weightedMedian(vals, wts, T);
      }
      return out;
    },
    featureImportance: () => importance.slice(),
    toJSON(): ModelJSON {
      return {
        estimator: NAME,
        version: VERSION,
        params: { ...params },
        nFeatures,
        state: {
          trees: encodeEnsemble(ensemble),
          weights: encodeFloats(weights),
          importance: encodeFloats(importance),
        },
      };
    },
  };
  return Object.freeze(model);
}

export const adaboostRegressor: EstimatorSpec<typeof AdaBoostRegressorParams> = {
  name: NAME,
  family: "boosting",
  tasks: ["regression"],
  description:
    "AdaBoost.R2 over depth-3 regression trees: reweights rows with large errors and takes the weighted median; simple, but usually behind gradient boosting and forests.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: true,
    probabilities: false,
  },
  params: AdaBoostRegressorParams,
  fit(X, y, params, ctx) {
    checkFitInput(adaboostRegressor, X, y, ctx);
    const b = boost(X, y, ctx.sampleWeight, params, ctx.seed, ctx.onProgress);
    return boostModel({ params, nFeatures: X.nCols, ...b });
  },
  fromJSON(json) {
    const h = checkModelHeader(json, NAME, VERSION, AdaBoostRegressorParams, false);
    const state = parseBoostState(NAME, json.state);
    const ensemble = decodeEnsemble(state.trees, h.nFeatures, 1);
    const { weights, importance } = decodeBoostArrays(NAME, state, ensemble, h.nFeatures);
    return boostModel({ params: h.params, nFeatures: h.nFeatures, ensemble, weights, importance });
  },
};
Object.freeze(adaboostRegressor);
