/** k-nearest-neighbour search over stored training rows: brute force or KD-tree, identical results. */
import { manhattanDistance, squaredDistance } from "./distance.js";
import { buildKdTree, createKdStack, type KdTree, queryKdTree } from "./kd-tree.js";
import { createNeighborHeap, heapBound, heapDrainSorted, heapOffer } from "./neighbor-heap.js";

/**
 * The KD-tree surely pays off up to this many features. Past it, it does only when the rows lie near
 * a space of fewer dimensions (letter's 16 integer features: twice as fast as brute force), so `auto`
 * tries it on the first queries (PROBE_QUERIES) and keeps it only when it prunes (PROBE_KEEP).
 * scikit-learn's `auto` goes straight to brute force there, but its brute force is a BLAS product.
 */
export const KD_TREE_MAX_DIMS = 15;
/** Below this many rows a linear scan is as fast as any index. */
export const KD_TREE_MIN_ROWS = 128;
/** Queries answered with the tree before `auto` judges it, past KD_TREE_MAX_DIMS. */
export const PROBE_QUERIES = 32;
/**
 * The tree is kept when a probe query costs at most this share of a brute-force scan's n distances
 * (its box distances count as distances: they never stop early, unlike a scan's).
 */
export const PROBE_KEEP = 0.5;

export type KnnAlgorithm = "auto" | "kd_tree" | "brute";
export type KnnMetric = "euclidean" | "manhattan";

/** Training rows (row-major `n × d`) and, when chosen, a KD-tree over them. */
export interface NeighborIndex {
  readonly n: number;
  readonly d: number;
  readonly X: Float64Array;
  readonly tree: KdTree | null;
  /** `auto` past KD_TREE_MAX_DIMS: the tree is kept only if the first queries show it prunes. */
  readonly probe: boolean;
  readonly manhattan: boolean;
}

/** Whether `auto` picks the KD-tree for `n` rows of `d` features and `k` neighbours, without a probe. */
export function autoUsesKdTree(n: number, d: number, k: number): boolean {
  return d <= KD_TREE_MAX_DIMS && indexPaysOff(n, k);
}

/** Enough rows for any index to beat a scan, and few enough neighbours for it to prune. */
function indexPaysOff(n: number, k: number): boolean {
  return n >= KD_TREE_MIN_ROWS && k < n / 2;
}

export function buildNeighborIndex(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  algorithm: KnnAlgorithm,
  metric: KnnMetric,
  leafSize: number,
): NeighborIndex {
  const useTree = algorithm === "kd_tree" || (algorithm === "auto" && indexPaysOff(n, k));
  const probe = algorithm === "auto" && useTree && d > KD_TREE_MAX_DIMS;
  return {
    n,
    d,
    X,
    tree: useTree ? buildKdTree(X, n, d, leafSize) : null,
    probe,
    manhattan: metric === "manhattan",
  };
}

/**
 * The `k` nearest training rows of each of the `nq` row-major query rows of `Q`: `idx[q·k + r]` is
 * the r-th nearest training row and `dist[q·k + r]` its distance (true distance, not squared), nearest
 * first, ties to the lower training index. Needs `1 ≤ k ≤ n`.
 */
export function kNeighbors(
  index: NeighborIndex,
  Q: Float64Array,
  nq: number,
  k: number,
): { idx: Int32Array; dist: Float64Array } {
  const { n, d, X, tree, probe, manhattan } = index;
  const idx = new Int32Array(nq * k);
  const dist = new Float64Array(nq * k);
  const heap = createNeighborHeap(k);
  let q = 0;
  if (tree) {
    const stack = createKdStack(tree);
    const judgeAt = probe ? Math.min(nq, PROBE_QUERIES) : -1;
    let work = 0;
    for (; q < nq; q++) {
      if (q === judgeAt && work > PROBE_KEEP * n * q) break;
      work += queryKdTree(tree, Q, q * d, manhattan, heap, stack);
      heapDrainSorted(heap, dist, idx, q * k);
    }
  }
  // Brute force: every query without a tree, or those left when the tree did not prune.
  for (; q < nq; q++) {
    const qOff = q * d;
    // One loop per metric keeps each distance call monomorphic, so it is inlined.
    if (manhattan) {
      for (let i = 0; i < n; i++) {
        const bound = heapBound(heap);
        const r = manhattanDistance(X, i * d, Q, qOff, d, bound);
        if (r <= bound) heapOffer(heap, r, i);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const bound = heapBound(heap);
        const r = squaredDistance(X, i * d, Q, qOff, d, bound);
        if (r <= bound) heapOffer(heap, r, i);
      }
    }
    heapDrainSorted(heap, dist, idx, q * k);
  }
  if (!manhattan) for (let t = 0; t < dist.length; t++) dist[t] = Math.sqrt(dist[t] as number);
  return { idx, dist };
}

/**
 * Fills `w` (length k) with the vote weights of one query's neighbours from their distances at
 * `off`: all 1 (uniform) or 1/distance; when some neighbours sit at distance 0, only those count
 * (as scikit-learn). Returns the weight sum.
 */
export function neighborWeights(
  dist: Float64Array,
  off: number,
  k: number,
  byDistance: boolean,
  w: Float64Array,
): number {
  if (!byDistance) {
    w.fill(1);
    return k;
  }
  let zeros = 0;
  for (let r = 0; r < k; r++) if (dist[off + r] === 0) zeros++;
  let sum = 0;
  for (let r = 0; r < k; r++) {
    const dr = dist[off + r] as number;
    const wr = zeros > 0 ? (dr === 0 ? 1 : 0) : 1 / dr;
    w[r] = wr;
    sum += wr;
  }
  return sum;
}
