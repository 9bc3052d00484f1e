/**
 * The boosting loop: bin once, then each round compute gradients, grow one tree per output on the
 * (sub)sampled rows and features, update the raw scores of training and validation rows, and stop
 * early when the validation loss stops improving (scikit-learn's rule).
 */
import { createRng, type Rng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { holdoutSplit } from "../../data/splits/index.js";
import type { ProgressCallback } from "../estimator.js";
import { type BinMapper, binMatrix, fitBins } from "./binning.js";
import type { BoostParams } from "./gbdt-params.js";
import {
  baseline,
  gradients,
  hasConstantHessian,
  huberDelta,
  meanLoss,
  outputsFor,
  robustLeafValue,
} from "./losses.js";
import { CAT_WORDS } from "./split-finding.js";
import { EnsembleBuilder, type TreeEnsemble } from "./tree-ensemble.js";
import { TreeGrower } from "./tree-grower.js";
import { Arena, arenaBytes } from "./wasm-kernels.js";

/** Early stopping 'auto' turns on above this many rows (as scikit-learn). */
export const AUTO_EARLY_STOPPING_ROWS = 10_000;

export interface BoostResult {
  readonly ensemble: TreeEnsemble;
  readonly mapper: BinMapper;
  /** Boosting rounds actually run. */
  readonly nIter: number;
  /** Validation loss before the first round and after each round (empty without early stopping). */
  readonly validationLoss: readonly number[];
}

/**
 * Fits the boosted ensemble. Classification: `y` holds class indices and `nClasses` ≥ 2;
 * regression: `nClasses` is 1.
 */
export function boost(
  X: FeatureMatrix,
  y: Float64Array,
  w: Float64Array | null,
  nClasses: number,
  p: BoostParams,
  seed: number,
  onProgress?: ProgressCallback,
): BoostResult {
  const rng = createRng(seed);
  const classification = p.loss === "log_loss";
  const early =
    p.earlyStopping === "on" || (p.earlyStopping === "auto" && X.nRows > AUTO_EARLY_STOPPING_ROWS);

  // Validation rows carved from the training rows (stratified for classification).
  let trainRows: Int32Array | null = null;
  let valRows: Int32Array | null = null;
  const splitSeed = rng.int(0x7fffffff);
  if (early && X.nRows >= 4) {
    const codes = classification ? Int32Array.from(y) : undefined;
    const fold = holdoutSplit(
      { testFraction: p.validationFraction, stratify: classification, shuffle: true },
      { n: X.nRows, seed: splitSeed, y: codes },
    ).folds[0]!;
    trainRows = fold.train;
    valRows = fold.test;
  }
  const yT = trainRows ? take(y, trainRows) : y;
  const wT = w === null ? null : trainRows ? take(w, trainRows) : w;
  const nT = yT.length;

  const binned = fitBins(X, p.maxBins, rng.fork(), trainRows ?? undefined, new Uint8Array(nT * X.nCols));
  const mapper = binned.mapper;
  const usable = usableFeatures(mapper);
  const nOut = outputsFor(p.loss, nClasses);
  const growParams = {
    maxLeafNodes: p.maxLeafNodes,
    maxDepth: p.maxDepth,
    minSamplesLeaf: p.minSamplesLeaf,
    l2: p.l2,
    // With neither a hessian floor nor L2, a child without hessian mass would score G² / 0.
    minHessianLeaf: p.l2 > 0 ? p.minHessianLeaf : Math.max(p.minHessianLeaf, 1e-12),
    learningRate: p.learningRate,
  };
  // The binned matrix, the gradients and the grower's work arrays share one arena (WebAssembly
  // memory when available, so the hot loops can run as WebAssembly).
  const arena = new Arena(
    arenaBytes(nT * X.nCols, 8 * nOut * nT, 8 * nOut * nT, 8 * nOut * nT, 8 * nT) +
      TreeGrower.arenaBytes(nT, mapper, growParams),
  );
  const bins = arena.u8(nT * X.nCols);
  bins.set(binned.bins as Uint8Array);
  const g = arena.f64(nOut * nT);
  const h = arena.f64(nOut * nT);
  const raw = arena.f64(nOut * nT);
  const rowMax = arena.f64(nT);
  const rowSum = new Float64Array(nT);

  const base = baseline(p.loss, yT, wT, nClasses);
  for (let k = 0; k < nOut; k++) raw.fill(base[k]!, k * nT, (k + 1) * nT);
  const constHess = hasConstantHessian(p.loss, wT);
  const robust = p.loss === "absolute_error" || p.loss === "huber";
  const scratchV = robust ? new Float64Array(nT) : rowMax;
  const scratchW = robust ? new Float64Array(nT) : rowSum;

  let val: Validation | null = null;
  if (valRows !== null) {
    const nV = valRows.length;
    const rawV = new Float64Array(nOut * nV);
    for (let k = 0; k < nOut; k++) rawV.fill(base[k]!, k * nV, (k + 1) * nV);
    val = {
      n: nV,
      bins: binMatrix(X, mapper, valRows),
      y: take(y, valRows),
      w: w === null ? null : take(w, valRows),
      raw: rawV,
    };
  }

  const grower = new TreeGrower(bins, nT, mapper, growParams, arena);
  const builder = new EnsembleBuilder(mapper);

  const sampleRng = rng.fork();
  const colRng = rng.fork();
  const subsampling = p.subsample < 1;
  const sample = subsampling ? new Int32Array(nT) : null;
  const inSample = subsampling ? new Uint8Array(nT) : null;
  const nUsable = usable.length;
  const nColTree = p.colsample < 1 ? Math.max(1, Math.round(p.colsample * nUsable)) : nUsable;
  const perm = usable.slice();
  const feats = new Int32Array(Math.max(1, nUsable));
  if (nColTree === nUsable) feats.set(usable);

  const validationLoss: number[] = [];
  let delta = 0;
  if (val !== null) validationLoss.push(meanLoss(p.loss, val.y, val.raw, val.w, nOut, delta));
  let it = 0;
  while (it < p.maxIter) {
    if (p.loss === "huber") delta = huberDelta(yT, raw, wT, p.huberAlpha, scratchV, scratchW);
    gradients(p.loss, yT, raw, wT, nOut, g, h, rowMax, rowSum, delta, arena.kernels);
    let nSample = nT;
    if (sample !== null && inSample !== null)
      nSample = drawRows(sampleRng, p.subsample, nT, sample, inSample);
    for (let k = 0; k < nOut; k++) {
      const o = k * nT;
      if (nColTree < nUsable) drawFeatures(colRng, perm, nColTree, feats);
      const gk = g.subarray(o, o + nT);
      const hk = constHess ? null : h.subarray(o, o + nT);
      grower.grow(gk, hk, 1, sample, nSample, feats, nColTree);
      if (robust) refitLeaves(grower, p, yT, raw, wT, delta, scratchV, scratchW);
      applyTree(grower, raw, o, bins, nT, inSample, mapper);
      if (val !== null) applyTreeBinned(grower, val.raw, k * val.n, val.bins, val.n, mapper);
      builder.append(grower);
    }
    it++;
    onProgress?.(it / p.maxIter, `round ${it}/${p.maxIter}`);
    if (val !== null) {
      validationLoss.push(meanLoss(p.loss, val.y, val.raw, val.w, nOut, delta));
      if (shouldStop(validationLoss, p.nIterNoChange, p.tol)) break;
    }
  }
  return { ensemble: builder.finish(nOut, base), mapper, nIter: it, validationLoss };
}

interface Validation {
  n: number;
  bins: Uint8Array;
  y: Float64Array;
  w: Float64Array | null;
  raw: Float64Array;
}

function take(a: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
  return out;
}

/** Features with something to split on: at least two value bins, or one plus missing values. */
export function usableFeatures(mapper: BinMapper): Int32Array {
  const out: number[] = [];
  for (let j = 0; j < mapper.nFeatures; j++) {
    const nb = mapper.nValueBins[j]!;
    if (nb >= 2 || (nb === 1 && mapper.hasMissing[j] === 1)) out.push(j);
  }
  return Int32Array.from(out);
}

/**
 * scikit-learn's rule: stop when none of the last `nIterNoChange` losses improved on the loss
 * `nIterNoChange + 1` rounds back by more than `tol`.
 */
export function shouldStop(losses: readonly number[], nIterNoChange: number, tol: number): boolean {
  const n = losses.length;
  if (n <= nIterNoChange) return false;
  const reference = losses[n - nIterNoChange - 1]! - tol;
  for (let i = n - nIterNoChange; i < n; i++) if (losses[i]! < reference) return false;
  return true;
}

/** Bernoulli row sample (ascending); at least one row. Returns the sample size. */
function drawRows(rng: Rng, fraction: number, n: number, sample: Int32Array, inSample: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const take = rng.next() < fraction ? 1 : 0;
    inSample[i] = take;
    if (take === 1) sample[m++] = i;
  }
  if (m === 0) {
    const i = rng.int(n);
    sample[m++] = i;
    inSample[i] = 1;
  }
  return m;
}

/** Draws `k` of the usable features (partial Fisher–Yates over `perm`), ascending, into `feats`. */
function drawFeatures(rng: Rng, perm: Int32Array, k: number, feats: Int32Array): void {
  const n = perm.length;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  feats.set(perm.subarray(0, k));
  feats.subarray(0, k).sort();
}

/** Absolute error and Huber: each leaf's value becomes the (shrunk) robust refit on its rows. */
function refitLeaves(
  grower: TreeGrower,
  p: BoostParams,
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | null,
  delta: number,
  vs: Float64Array,
  ws: Float64Array,
): void {
  const loss = p.loss === "huber" ? "huber" : "absolute_error";
  for (let i = 0; i < grower.nNodes; i++) {
    if (grower.feature[i]! >= 0) continue;
    const v = robustLeafValue(loss, grower.rows, grower.start[i]!, grower.end[i]!, y, raw, w, delta, vs, ws);
    grower.value[i] = p.learningRate * v;
  }
}

/** Adds the tree to the training raw scores: sampled rows by leaf ranges, the others by traversal. */
function applyTree(
  grower: TreeGrower,
  raw: Float64Array,
  o: number,
  bins: Uint8Array,
  n: number,
  inSample: Uint8Array | null,
  mapper: BinMapper,
): void {
  const { rows, start, end, value, feature } = grower;
  for (let i = 0; i < grower.nNodes; i++) {
    if (feature[i]! >= 0) continue;
    const v = value[i]!;
    const e = end[i]!;
    for (let q = start[i]!; q < e; q++) {
      const r = o + rows[q]!;
      raw[r] = raw[r]! + v;
    }
  }
  if (inSample === null) return;
  for (let r = 0; r < n; r++) {
    if (inSample[r] === 1) continue;
    raw[o + r] = raw[o + r]! + value[leafOfBinnedRow(grower, bins, n, r, mapper)]!;
  }
}

/** Adds the tree to the raw scores of every row of a binned matrix (the validation rows). */
function applyTreeBinned(
  grower: TreeGrower,
  raw: Float64Array,
  o: number,
  bins: Uint8Array,
  n: number,
  mapper: BinMapper,
): void {
  const value = grower.value;
  for (let r = 0; r < n; r++) raw[o + r] = raw[o + r]! + value[leafOfBinnedRow(grower, bins, n, r, mapper)]!;
}

/** The leaf reached by row r of a column-major binned matrix with n rows. */
export function leafOfBinnedRow(
  grower: TreeGrower,
  bins: Uint8Array,
  n: number,
  r: number,
  mapper: BinMapper,
): number {
  const { feature, bin, missingLeft, isCategorical, catBits, left, right } = grower;
  let node = 0;
  let f = feature[0]!;
  while (f >= 0) {
    const b = bins[f * n + r]!;
    let goLeft: boolean;
    if (isCategorical[node] === 1) goLeft = ((catBits[node * CAT_WORDS + (b >>> 5)]! >>> (b & 31)) & 1) === 1;
    else if (b === mapper.nValueBins[f]!) goLeft = missingLeft[node] === 1;
    else goLeft = b <= bin[node]!;
    node = goLeft ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return node;
}
