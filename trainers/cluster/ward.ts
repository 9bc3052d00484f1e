/**
 * Agglomerative clustering with Ward linkage: the nearest-neighbour-chain algorithm over a condensed
 * squared-distance matrix (O(m²) time and memory), on at most `maxRows` sampled rows.
 */
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { centroidModel } from "./centroid-model.js";
import { type ClusterFit, checkK } from "./kmeans.js";
import { checkDeadline, nearestCentres, type Rows, sampleIndices, sqDist, takeRows } from "./rows.js";

/**
 * Default row cap: the condensed matrix holds m(m−1)/2 doubles, 36 MB at 3,000 rows, and the chain
 * walks it O(m²) times; rows beyond the cap go to the nearest Ward centroid, which is where Ward's
 * variance criterion would put a new point that does not move the centroids.
 */
export const WARD_MAX_ROWS = 3000;

/** The dendrogram: merges sorted by height; `a`/`b` name a row of each merged cluster. */
export interface WardTree {
  /** Rows of the input the tree was built on. */
  readonly sampleIdx: Int32Array;
  readonly sample: Rows;
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Ward distance of each merge (increase in within-cluster sum of squares, ×2). */
  readonly height: Float64Array;
}

export interface WardOptions {
  readonly maxRows?: number;
  readonly seed: number;
  readonly deadline?: number;
}

/** Builds the full Ward dendrogram of (a sample of) the rows; cut it at any k with `cutWard`. */
export function fitWardTree(X: Rows, opts: WardOptions): WardTree {
  const maxRows = opts.maxRows ?? WARD_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 2) {
    throw new AlchemistError("INVALID_PARAMS", `Ward: maxRows must be an integer ≥ 2, got ${maxRows}.`, {
      parameter: "maxRows",
    });
  }
  const sampleIdx = sampleIndices(X.n, maxRows, createRng(opts.seed).int);
  const S = sampleIdx.length === X.n ? X : takeRows(X, sampleIdx);
  const m = S.n;
  const dist = new Float64Array((m * (m - 1)) / 2);
  const at = (i: number, j: number): number =>
    i < j ? i * m - (i * (i + 1)) / 2 + (j - i - 1) : j * m - (j * (j + 1)) / 2 + (i - j - 1);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) dist[at(i, j)] = sqDist(S.data, i, S.data, j, S.d);
  }
  const size = new Float64Array(m).fill(1);
  const active = new Uint8Array(m).fill(1);
  const chain = new Int32Array(m);
  const a = new Int32Array(Math.max(0, m - 1));
  const b = new Int32Array(Math.max(0, m - 1));
  const height = new Float64Array(Math.max(0, m - 1));
  let len = 0;
  let next = 0;
  for (let merge = 0; merge < m - 1; merge++) {
    if ((merge & 63) === 0) checkDeadline(opts.deadline, "Ward clustering");
    if (len === 0) {
      while (active[next] === 0) next++;
      chain[len++] = next;
    }
    for (;;) {
      const x = chain[len - 1] as number;
      const prev = len >= 2 ? (chain[len - 2] as number) : -1;
      // Ties go to the previous chain element so the chain cannot cycle.
      let y = prev;
      let best = prev >= 0 ? (dist[at(x, prev)] as number) : Number.POSITIVE_INFINITY;
      for (let j = 0; j < m; j++) {
        if (j === x || active[j] === 0) continue;
        const v = dist[at(x, j)] as number;
        if (v < best) {
          best = v;
          y = j;
        }
      }
      if (y !== prev) {
        chain[len++] = y;
        continue;
      }
      len -= 2;
      const keep = Math.min(x, y);
      const drop = Math.max(x, y);
      const nx = size[x] as number;
      const ny = size[y] as number;
      for (let j = 0; j < m; j++) {
        if (active[j] === 0 || j === x || j === y) continue;
        const nj = size[j] as number;
        const v =
          ((nx + nj) * (dist[at(x, j)] as number) + (ny + nj) * (dist[at(y, j)] as number) - nj * best) /
          (nx + ny + nj);
        dist[at(keep, j)] = v;
      }
      active[drop] = 0;
      size[keep] = nx + ny;
      a[merge] = keep;
      b[merge] = drop;
      height[merge] = best;
      break;
    }
  }
  // Ward is monotone, so sorting the merges by height gives the dendrogram levels.
  const order = Array.from({ length: m - 1 }, (_, i) => i).sort(
    (p, q) => (height[p] as number) - (height[q] as number) || p - q,
  );
  return {
    sampleIdx,
    sample: S,
    a: Int32Array.from(order, (i) => a[i] as number),
    b: Int32Array.from(order, (i) => b[i] as number),
    height: Float64Array.from(order, (i) => height[i] as number),
  };
}

/** The k-cluster cut of the tree as a nearest-centroid model; every row of `X` gets a label. */
export function cutWard(tree: WardTree, X: Rows, k: number): ClusterFit {
  const S = tree.sample;
  const m = S.n;
  const d = S.d;
  checkK(k, m, "Ward");
  const parent = Int32Array.from({ length: m }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (let t = 0; t < m - k; t++) {
    const ra = find(tree.a[t] as number);
    const rb = find(tree.b[t] as number);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const id = new Int32Array(m).fill(-1);
  const sampleLabels = new Int32Array(m);
  let next = 0;
  for (let i = 0; i < m; i++) {
    const r = find(i);
    if (id[r] === -1) id[r] = next++;
    sampleLabels[i] = id[r] as number;
  }
  const centroids = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const c = sampleLabels[i] as number;
    counts[c]!++;
    for (let j = 0; j < d; j++) centroids[c * d + j]! += S.data[i * d + j] as number;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j]! /= counts[c] as number;
  const model = centroidModel("ward", centroids, k, d, { k, max_rows: m });
  const labels = new Int32Array(X.n);
  if (m !== X.n) nearestCentres(X, centroids, k, labels);
  for (let r = 0; r < m; r++) labels[tree.sampleIdx[r] as number] = sampleLabels[r] as number;
  let inertia = 0;
  for (let i = 0; i < X.n; i++) inertia += sqDist(X.data, i, centroids, labels[i] as number, d);
  return { model, labels, inertia, truncated: false };
}
