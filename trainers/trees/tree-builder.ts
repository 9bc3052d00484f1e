/**
 * CART growth, depth first (scikit-learn's DepthFirstTreeBuilder): exact splits over presorted
 * feature orders that are partitioned in place as nodes split ("best"), or one random threshold per
 * feature ("random", extra trees). Feature sampling and constant-feature bookkeeping follow
 * scikit-learn's BestSplitter, so `max_features` means the same thing.
 */
import { AlchemistError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { scanEntropy, scanGini, scanSquaredError } from "./best-split.js";
import { CONSTANT, IMPROVED, partitionByThreshold, randomSplit } from "./random-split.js";
import {
  type Criterion,
  classTotals,
  FEATURE_THRESHOLD,
  impurityOf,
  regressionTotals,
} from "./split-criterion.js";
import type { TreeSink } from "./tree-ensemble.js";
import type { TreeWorkspace } from "./tree-workspace.js";

const EPSILON = Number.EPSILON;

export interface TreeParams {
  criterion: Criterion;
  splitter: "best" | "random";
  /** `Infinity` for unlimited. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features examined per split (1..nCols), after skipping features found constant. */
  maxFeatures: number;
  minImpurityDecrease: number;
}

/** The training data of a fit, shared by all its trees. */
export interface TreeData {
  /** Column-major `nRows × nCols`. */
  readonly data: Float64Array;
  readonly nRows: number;
  readonly nCols: number;
  /** Regression targets (unused for classification). */
  readonly y: Float64Array;
  /** Class indices, or null for regression. */
  readonly yClass: Int32Array | null;
  /** K for classification, 0 for regression. */
  readonly nClasses: number;
  /** `presortColumns(data)`: needed by the best splitter. */
  readonly presorted: Int32Array | null;
  /** The feature values in `presorted` order (same layout). */
  readonly presortedX: Float64Array | null;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Grows one tree on the rows with positive `weight` and appends it to `sink`; returns its root.
 * Leaves `ws.importance` holding the tree's unnormalised impurity decrease per feature.
 */
export function growTree(
  d: TreeData,
  weight: Float64Array,
  p: TreeParams,
  rng: Rng,
  ws: TreeWorkspace,
  sink: TreeSink,
): number {
  const best = p.splitter === "best";
  if (best && !d.presorted)
    throw new AlchemistError("INTERNAL", "The best splitter needs presorted features.");
  const m = ws.load(d, weight, best);
  if (m === 0) throw new AlchemistError("INTERNAL", "A tree needs at least one row with positive weight.");
  const {
    samples,
    tmp,
    tmpX,
    goLeft,
    pair,
    features,
    constantFeatures,
    totals,
    scratch,
    leftTotals,
    stack,
    split,
    importance,
  } = ws;
  const order = ws.order as Int32Array;
  const xs = ws.sortedX as Float64Array;
  const { data: x, y, yClass, nRows: n, nCols: F } = d;
  const K = yClass ? d.nClasses : 0;
  const dim = yClass ? K : 1;
  const criterion = p.criterion;
  const minLeaf = p.minSamplesLeaf;
  const minSplit = Math.max(p.minSamplesSplit, 2 * minLeaf);

  let top = 1;
  stack[0] = 0;
  stack[1] = m;
  stack[2] = 0;
  stack[3] = -1;
  stack[4] = 0;
  stack[5] = 0;
  let wRoot = -1;
  let root = -1;
  while (top > 0) {
    top--;
    const b = top * 6;
    const start = stack[b] as number;
    const end = stack[b + 1] as number;
    const depth = stack[b + 2] as number;
    const parent = stack[b + 3] as number;
    const nKnown = stack[b + 5] as number;
    const wTot = yClass
      ? classTotals(samples, start, end, yClass, weight, totals, K)
      : regressionTotals(samples, start, end, y, weight, totals);
    if (wRoot < 0) wRoot = wTot;
    const impurity = impurityOf(criterion, totals, K, wTot);
    const id = sink.addNode(parent, stack[b + 4] === 1);
    if (root < 0) root = id;
    const value = sink.value;
    if (yClass) for (let k = 0; k < K; k++) value[id * dim + k] = (totals[k] as number) / wTot;
    else value[id] = (totals[1] as number) / wTot;
    if (depth >= p.maxDepth || end - start < minSplit || impurity <= EPSILON) continue;

    // Draw features without replacement until maxFeatures non-constant ones were scored.
    split[0] = -Infinity;
    let bestF = -1;
    let nTotal = nKnown;
    let nFound = 0;
    let nDrawn = 0;
    let nVisited = 0;
    let fi = F;
    while (fi > nTotal && (nVisited < p.maxFeatures || nVisited <= nFound + nDrawn)) {
      nVisited++;
      let fj = nDrawn + rng.int(fi - nFound - nDrawn);
      if (fj < nKnown) {
        swap(features, nDrawn, fj);
        nDrawn++;
        continue;
      }
      fj += nFound;
      const f = features[fj] as number;
      const xb = f * n;
      let constant: boolean;
      let improved = false;
      if (best) {
        const a = f * m + start;
        const e = f * m + end;
        constant = (xs[e - 1] as number) <= (xs[a] as number) + FEATURE_THRESHOLD;
        if (!constant) {
          improved = yClass
            ? criterion === "gini"
              ? scanGini(order, xs, a, e, pair, totals, K, wTot, scratch, minLeaf, split)
              : scanEntropy(order, xs, a, e, pair, totals, K, wTot, scratch, minLeaf, split)
            : scanSquaredError(order, xs, a, e, pair, totals[1] as number, wTot, minLeaf, split);
        }
      } else {
        const r = randomSplit(
          samples,
          start,
          end,
          x,
          xb,
          criterion,
          K,
          pair,
          totals,
          wTot,
          scratch,
          tmpX,
          minLeaf,
          rng,
          split,
        );
        constant = r === CONSTANT;
        improved = r === IMPROVED;
      }
      if (constant) {
        swap(features, fj, nTotal);
        nFound++;
        nTotal++;
        continue;
      }
      fi--;
      swap(features, fi, fj);
      if (improved) bestF = f;
    }
    // Known constants keep their order for siblings; newly found ones are inherited by the children.
    for (let i = 0; i < nKnown; i++) features[i] = constantFeatures[i] as number;
    for (let i = nKnown; i < nTotal; i++) constantFeatures[i] = features[i] as number;
    if (bestF < 0) continue;

    const threshold = split[1] as number;
    let nL: number;
    if (best) {
      const ob = bestF * m;
      nL = (split[2] as number) - (ob + start);
      const mid = ob + start + nL;
      for (let q = ob + start; q < mid; q++) goLeft[order[q] as number] = 1;
      for (let q = mid; q < ob + end; q++) goLeft[order[q] as number] = 0;
      for (let q = start; q < end; q++) samples[q] = order[ob + q] as number;
      // Stable partition of every feature that may still split below this node, if a child can split.
      const childMaySplit = depth + 1 < p.maxDepth && (nL >= minSplit || end - start - nL >= minSplit);
      for (let t = childMaySplit ? nTotal : F; t < F; t++) {
        const f = features[t] as number;
        if (f === bestF) continue;
        const a = f * m + start;
        const e = f * m + end;
        let l = a;
        let r = 0;
        for (let q = a; q < e; q++) {
          // Branch-free: the side is a coin flip for the branch predictor.
          const s = order[q] as number;
          const v = xs[q] as number;
          const g = goLeft[s] as number;
          order[l] = s;
          xs[l] = v;
          tmp[r] = s;
          tmpX[r] = v;
          l += g;
          r += 1 - g;
        }
        for (let q = 0; q < r; q++) {
          order[l + q] = tmp[q] as number;
          xs[l + q] = tmpX[q] as number;
        }
      }
    } else {
      nL = partitionByThreshold(samples, start, end, x, bestF * n, threshold);
    }

    const mid = start + nL;
    let wL: number;
    let impL: number;
    let impR: number;
    if (yClass) {
      wL = classTotals(samples, start, mid, yClass, weight, leftTotals, K);
      for (let k = 0; k < K; k++) scratch[k] = (totals[k] as number) - (leftTotals[k] as number);
      impL = impurityOf(criterion, leftTotals, K, wL);
      impR = impurityOf(criterion, scratch, K, wTot - wL);
    } else {
      wL = regressionTotals(samples, start, mid, y, weight, leftTotals);
      impL = impurityOf(criterion, leftTotals, 0, wL);
      const wR = regressionTotals(samples, mid, end, y, weight, scratch);
      impR = impurityOf(criterion, scratch, 0, wR);
    }
    const wR = wTot - wL;
    const improvement = (wTot / wRoot) * (impurity - (wL / wTot) * impL - (wR / wTot) * impR);
    if (improvement + EPSILON < p.minImpurityDecrease) continue;
    importance[bestF] = (importance[bestF] as number) + wTot * impurity - wL * impL - wR * impR;
    sink.setSplit(id, bestF, threshold);

    const rb = top * 6;
    stack[rb] = mid;
    stack[rb + 1] = end;
    stack[rb + 2] = depth + 1;
    stack[rb + 3] = id;
    stack[rb + 4] = 0;
    stack[rb + 5] = nTotal;
    const lb = rb + 6;
    stack[lb] = start;
    stack[lb + 1] = mid;
    stack[lb + 2] = depth + 1;
    stack[lb + 3] = id;
    stack[lb + 4] = 1;
    stack[lb + 5] = nTotal;
    top += 2;
  }
  return root;
}
