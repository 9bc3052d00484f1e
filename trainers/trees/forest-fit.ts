/**
 * Fitting an averaging ensemble of CART trees (random forest, extra trees; one tree for a plain
 * decision tree): bootstrap counts become row weights, each tree's RNG comes from the seed and the
 * tree's index, trees are grown one after another into one flat TreeEnsemble.
 */
import { createRng } from "../../core/rng.js";
import type { ProgressCallback } from "../estimator.js";
import { growTree, type TreeData, type TreeParams } from "./tree-builder.js";
import { argmaxAt } from "../predict-rows.js";
import { findLeaf, type TreeEnsemble, TreeSink } from "./tree-ensemble.js";
import { treeSeeds } from "./tree-data.js";
import { TreeWorkspace } from "./tree-workspace.js";

export interface ForestOptions {
  nEstimators: number;
  bootstrap: boolean;
  /** Bootstrap draws per tree as a share of the rows. */
  maxSamples: number;
  /** Score each row with the trees that did not see it (bootstrap only). */
  oobScore: boolean;
  tree: TreeParams;
}

export interface ForestFit {
  ensemble: TreeEnsemble;
  /** Mean over trees of each tree's normalised impurity decrease, summing to 1 (zeros if no split). */
  importance: Float64Array;
  /** Out-of-bag accuracy (classification) or R² (regression); null when not asked or not computable. */
  oobScore: number | null;
}

/** Fits `opts.nEstimators` trees on `d` with row weights `base` (sample × class weights). */
export function fitForest(
  d: TreeData,
  base: Float64Array,
  opts: ForestOptions,
  seed: number,
  onProgress?: ProgressCallback,
): ForestFit {
  const n = d.nRows;
  const T = opts.nEstimators;
  const dim = d.yClass ? d.nClasses : 1;
  const ws = new TreeWorkspace(n, d.nCols, d.nClasses, opts.tree.splitter === "best");
  const sink = new TreeSink(dim, 2 * n + 1);
  const seeds = treeSeeds(seed, T);
  const importance = new Float64Array(d.nCols);
  const weight = new Float64Array(n);
  const counts = new Int32Array(n);
  const oob = opts.bootstrap && opts.oobScore;
  const oobSum = oob ? new Float64Array(n * dim) : null;
  const oobCount = oob ? new Int32Array(n) : null;
  const nDraws = Math.max(1, Math.round(opts.maxSamples * n));

  for (let t = 0; t < T; t++) {
    const rng = createRng(seeds[t] as number);
    if (opts.bootstrap) {
      counts.fill(0);
      for (let r = 0; r < nDraws; r++) {
        const i = rng.int(n);
        counts[i] = (counts[i] as number) + 1;
      }
      let any = false;
      for (let i = 0; i < n; i++) {
        const w = (base[i] as number) * (counts[i] as number);
        weight[i] = w;
        if (w > 0) any = true;
      }
      if (!any) weight.set(base);
    } else weight.set(base);

    const root = growTree(d, weight, opts.tree, rng, ws, sink);
    let sum = 0;
    for (let j = 0; j < d.nCols; j++) sum += ws.importance[j] as number;
    if (sum > 0)
      for (let j = 0; j < d.nCols; j++)
        importance[j] = (importance[j] as number) + (ws.importance[j] as number) / sum;

    if (oobSum && oobCount) {
      const value = sink.value;
      const view = {
        roots: new Int32Array(0),
        feature: sink.feature,
        threshold: sink.threshold,
        left: sink.left,
        right: sink.right,
        value,
        valueDim: dim,
      };
      for (let i = 0; i < n; i++) {
        if ((counts[i] as number) !== 0) continue;
        const vb = findLeaf(view, root, d.data, n, i) * dim;
        for (let k = 0; k < dim; k++)
          oobSum[i * dim + k] = (oobSum[i * dim + k] as number) + (value[vb + k] as number);
        oobCount[i] = (oobCount[i] as number) + 1;
      }
    }
    onProgress?.((t + 1) / T, `tree ${t + 1}/${T}`);
  }

  let total = 0;
  for (let j = 0; j < d.nCols; j++) total += importance[j] as number;
  if (total > 0) for (let j = 0; j < d.nCols; j++) importance[j] = (importance[j] as number) / total;
  return {
    ensemble: sink.finish(),
    importance,
    oobScore: oobSum && oobCount ? outOfBagScore(d, oobSum, oobCount, dim) : null,
  };
}

/** Accuracy or R² over the rows that at least one tree left out (unweighted, as scikit-learn). */
function outOfBagScore(d: TreeData, sum: Float64Array, count: Int32Array, dim: number): number | null {
  const n = d.nRows;
  let rows = 0;
  if (d.yClass) {
    let hits = 0;
    for (let i = 0; i < n; i++) {
      if ((count[i] as number) === 0) continue;
      rows++;
      if (argmaxAt(sum, i * dim, dim) === d.yClass[i]) hits++;
    }
    return rows > 0 ? hits / rows : null;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if ((count[i] as number) === 0) continue;
    rows++;
    mean += d.y[i] as number;
  }
  if (rows < 2) return null;
  mean /= rows;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const c = count[i] as number;
    if (c === 0) continue;
    const yi = d.y[i] as number;
    const e = yi - (sum[i] as number) / c;
    ssRes += e * e;
    ssTot += (yi - mean) * (yi - mean);
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : null;
}
