/**
 * adaboost_classifier: multi-class AdaBoost (Zhu et al. 2009) over shallow CART trees, SAMME (discrete
 * votes) or SAMME.R (real-valued, from leaf probabilities), as scikit-learn's AdaBoostClassifier.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam } from "../param.js";
import {
  addTreeImportance,
  boostParams,
  decodeBoostArrays,
  normalise,
  parseBoostState,
} from "./boost-common.js";
import { checkModelHeader } from "./model-header.js";
import { growTree, type TreeParams } from "./tree-builder.js";
import { argmaxAt } from "../predict-rows.js";
import { accumulateTrees, type TreeEnsemble, TreeSink, treeValues } from "./tree-ensemble.js";
import { makeTreeData, rowWeights, treeSeeds } from "./tree-data.js";
import { encodeEnsemble, encodeFloats, decodeEnsemble } from "./tree-json.js";
import { TreeWorkspace } from "./tree-workspace.js";

const NAME = "adaboost_classifier";
const VERSION = 1;
const EPS = Number.EPSILON;

export const AdaBoostClassifierParams = z.object({
  ...boostParams(1),
  algorithm: enumParam({
    values: ["SAMME", "SAMME.R"] as const,
    default: "SAMME.R",
    description:
      "SAMME.R boosts the trees' class probabilities (usually better); SAMME boosts their discrete votes.",
  }),
});
type Params = z.output<typeof AdaBoostClassifierParams>;

interface BoostParts {
  params: Params;
  nFeatures: number;
  nClasses: number;
  ensemble: TreeEnsemble;
  weights: Float64Array;
  importance: Float64Array;
  /** Class indices seen in training (the others get probability 0). */
  classes: Int32Array;
}

/** Runs the boosting rounds; trees store leaf class probabilities. */
function boost(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  K: number,
  classes: Int32Array,
  p: Params,
  seed: number,
  onProgress?: (f: number, note: string) => void,
) {
  const n = X.nRows;
  const Kp = classes.length;
  const d = makeTreeData(X, y, K, true);
  const yClass = d.yClass as Int32Array;
  const sw = normalise(rowWeights(y, K, sampleWeight, "none"));
  const ws = new TreeWorkspace(n, X.nCols, K, true);
  const sink = new TreeSink(K, 64);
  const seeds = treeSeeds(seed, p.n_estimators);
  const tree: TreeParams = {
    criterion: "gini",
    splitter: "best",
    maxDepth: p.max_depth,
    minSamplesSplit: 2,
    minSamplesLeaf: 1,
    maxFeatures: X.nCols,
    minImpurityDecrease: 0,
  };
  const isPresent = new Uint8Array(K);
  for (let c = 0; c < Kp; c++) isPresent[classes[c] as number] = 1;
  const proba = new Float64Array(n * K);
  const wrong = new Uint8Array(n);
  const weights: number[] = [];
  const importance = new Float64Array(X.nCols);
  const lr = p.learning_rate;
  const samme = p.algorithm === "SAMME";

  for (let t = 0; t < p.n_estimators; t++) {
    growTree(d, sw, tree, createRng(seeds[t] as number), ws, sink);
    treeValues(sink.view(), t, X.data, n, proba);
    let err = 0;
    let wSum = 0;
    for (let i = 0; i < n; i++) {
      const miss = argmaxAt(proba, i * K, K) !== yClass[i] ? 1 : 0;
      wrong[i] = miss;
      err += miss * (sw[i] as number);
      wSum += sw[i] as number;
    }
    err /= wSum;
    onProgress?.((t + 1) / p.n_estimators, `round ${t + 1}/${p.n_estimators}`);
    if (err <= 0) {
      weights.push(1);
      addTreeImportance(importance, ws.importance, 1);
      break;
    }
    let alpha = 1;
    if (samme) {
      if (err >= 1 - 1 / Kp) {
        // Worse than chance: drop the tree (scikit-learn raises if it is the first; we keep it alone).
        if (t > 0) sink.dropLastTree();
        else {
          weights.push(1);
          addTreeImportance(importance, ws.importance, 1);
        }
        break;
      }
      alpha = lr * (Math.log((1 - err) / err) + Math.log(Kp - 1));
    }
    weights.push(alpha);
    addTreeImportance(importance, ws.importance, alpha);
    if (t === p.n_estimators - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let w = sw[i] as number;
      if (w <= 0) continue;
      if (samme) {
        if (wrong[i] === 1) w *= Math.exp(alpha);
      } else {
        // exp(−lr (K−1)/K Σ_k y_k log p_k), y coded 1 for the true class and −1/(K−1) otherwise.
        const b = i * K;
        let s = 0;
        for (let c = 0; c < Kp; c++) {
          const k = classes[c] as number;
          const lp = Math.log(Math.max(proba[b + k] as number, EPS));
          s += k === yClass[i] ? lp : -lp / (Kp - 1);
        }
        w *= Math.exp((-lr * (Kp - 1) * s) / Kp);
      }
      sw[i] = w;
      total += w;
    }
    if (!(total > 0) || !Number.isFinite(total)) break;
    for (let i = 0; i < n; i++) sw[i] = (sw[i] as number) / total;
  }
  return { ensemble: sink.finish(), weights: Float64Array.from(weights), importance: normalise(importance) };
}

/** Per-node decision contributions: one-hot votes (SAMME) or (K−1)(log p − mean log p) (SAMME.R). */
function decisionValues(e: TreeEnsemble, classes: Int32Array, samme: boolean): Float64Array {
  const K = e.valueDim;
  const Kp = classes.length;
  const out = new Float64Array(e.value.length);
  const nodes = e.feature.length;
  for (let node = 0; node < nodes; node++) {
    const b = node * K;
    if (samme) {
      out[b + argmaxAt(e.value, b, K)] = 1;
      continue;
    }
    let mean = 0;
    for (let c = 0; c < Kp; c++)
      mean += Math.log(Math.max(e.value[b + (classes[c] as number)] as number, EPS));
    mean /= Kp;
    for (let c = 0; c < Kp; c++) {
      const k = classes[c] as number;
      out[b + k] = (Kp - 1) * (Math.log(Math.max(e.value[b + k] as number, EPS)) - mean);
    }
  }
  return out;
}

function boostModel(parts: BoostParts): FittedModel {
  const { params, nFeatures, nClasses: K, ensemble, weights, importance, classes } = parts;
  const Kp = classes.length;
  const decision: TreeEnsemble = {
    ...ensemble,
    value: decisionValues(ensemble, classes, params.algorithm === "SAMME"),
  };
  let wTotal = 0;
  for (let t = 0; t < weights.length; t++) wTotal += weights[t] as number;
  const scale = new Float64Array(weights.length);
  for (let t = 0; t < weights.length; t++) scale[t] = (weights[t] as number) / wTotal;
  const isPresent = new Uint8Array(K);
  for (let c = 0; c < Kp; c++) isPresent[classes[c] as number] = 1;

  const probabilities = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, false);
    const n = X.nRows;
    const out = new Float64Array(n * K);
    if (Kp === 1) {
      for (let i = 0; i < n; i++) out[i * K + (classes[0] as number)] = 1;
      return out;
    }
    accumulateTrees(decision, X.data, n, 0, weights.length, scale, out);
    for (let i = 0; i < n; i++) {
      const b = i * K;
      let max = -Infinity;
      for (let c = 0; c < Kp; c++)
        max = Math.max(max, (out[b + (classes[c] as number)] as number) / (Kp - 1));
      let sum = 0;
      for (let c = 0; c < Kp; c++) {
        const k = classes[c] as number;
        const e = Math.exp((out[b + k] as number) / (Kp - 1) - max);
        out[b + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) out[b + k] = isPresent[k] === 1 ? (out[b + k] as number) / sum : 0;
    }
    return out;
  };

  const model: FittedModel = {
    estimator: NAME,
    nFeatures,
    nClasses: K,
    predict(X) {
      const p = probabilities(X);
      const out = new Float64Array(X.nRows);
      for (let i = 0; i < X.nRows; i++) out[i] = argmaxAt(p, i * K, K);
      return out;
    },
    predictProba: probabilities,
    featureImportance: () => importance.slice(),
    toJSON(): ModelJSON {
      return {
        estimator: NAME,
        version: VERSION,
        params: { ...params },
        nFeatures,
        nClasses: K,
        state: {
          trees: encodeEnsemble(ensemble),
          weights: encodeFloats(weights),
          importance: encodeFloats(importance),
          classes: Array.from(classes),
        },
      };
    },
  };
  return Object.freeze(model);
}

export const adaboostClassifier: EstimatorSpec<typeof AdaBoostClassifierParams> = {
  name: NAME,
  family: "boosting",
  tasks: ["binary", "multiclass"],
  description:
    "AdaBoost over decision stumps (SAMME.R): reweights rows the previous trees got wrong; simple and fairly robust, but usually behind gradient boosting and forests.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: true,
    probabilities: true,
  },
  params: AdaBoostClassifierParams,
  fit(X, y, params, ctx) {
    checkFitInput(adaboostClassifier, X, y, ctx);
    const K = ctx.nClasses as number;
    const seen = new Uint8Array(K);
    for (let i = 0; i < y.length; i++) seen[y[i] as number] = 1;
    const list: number[] = [];
    for (let k = 0; k < K; k++) if (seen[k] === 1) list.push(k);
    const classes = Int32Array.from(list);
    const b = boost(X, y, ctx.sampleWeight, K, classes, params, ctx.seed, ctx.onProgress);
    return boostModel({ params, nFeatures: X.nCols, nClasses: K, classes, ...b });
  },
  fromJSON(json) {
    const h = checkModelHeader(json, NAME, VERSION, AdaBoostClassifierParams, true);
    const K = h.nClasses as number;
    const state = parseBoostState(NAME, json.state);
    const ensemble = decodeEnsemble(state.trees, h.nFeatures, K);
    const { weights, importance } = decodeBoostArrays(NAME, state, ensemble, h.nFeatures);
    const raw = (json.state as { classes?: unknown }).classes;
    const ok = z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(K - 1),
      )
      .min(1)
      .safeParse(raw);
    if (!ok.success || ok.data.some((k, i) => i > 0 && k <= (ok.data[i - 1] as number))) {
      throw new AlchemistError(
        "INVALID_MODEL_STATE",
        `Invalid ${NAME} state: classes must list class indices 0..${K - 1}.`,
        {
          path: "state.classes",
        },
      );
    }
    return boostModel({
      params: h.params,
      nFeatures: h.nFeatures,
      nClasses: K,
      ensemble,
      weights,
      importance,
      classes: Int32Array.from(ok.data),
    });
  },
};
Object.freeze(adaboostClassifier);
