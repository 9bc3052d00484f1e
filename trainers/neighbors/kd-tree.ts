/** A KD-tree over flat typed arrays (sklearn's layout: a balanced, implicit binary tree of index ranges). */
import { boxDistance, reducedDistance } from "./distance.js";
import { heapBound, heapOffer, type NeighborHeap } from "./neighbor-heap.js";

/**
 * Node `i` has children `2i + 1` and `2i + 2` and covers tree positions `[start[i], end[i])`;
 * nodes of the last level are leaves. `data` holds the rows in tree order (row-major, so a leaf is one
 * contiguous block) and `index[p]` is the training row at tree position `p`. `lo`/`hi` are each
 * node's bounding box (`nNodes × d`).
 */
export interface KdTree {
  readonly n: number;
  readonly d: number;
  readonly nLevels: number;
  readonly nNodes: number;
  readonly data: Float64Array;
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/** Builds the tree over `n` row-major rows of `d` features; leaves hold leafSize..2·leafSize rows. */
export function buildKdTree(X: Float64Array, n: number, d: number, leafSize: number): KdTree {
  const nLevels = Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize))) + 1;
  const nNodes = 2 ** nLevels - 1;
  const firstLeaf = 2 ** (nLevels - 1) - 1;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const start = new Int32Array(nNodes);
  const end = new Int32Array(nNodes);
  const lo = new Float64Array(nNodes * d);
  const hi = new Float64Array(nNodes * d);
  start[0] = 0;
  end[0] = n;
  for (let node = 0; node < nNodes; node++) {
    const s = start[node] as number;
    const e = end[node] as number;
    const off = node * d;
    lo.fill(Number.POSITIVE_INFINITY, off, off + d);
    hi.fill(Number.NEGATIVE_INFINITY, off, off + d);
    for (let p = s; p < e; p++) {
      const row = (index[p] as number) * d;
      for (let j = 0; j < d; j++) {
        const v = X[row + j] as number;
        if (v < (lo[off + j] as number)) lo[off + j] = v;
        if (v > (hi[off + j] as number)) hi[off + j] = v;
      }
    }
    if (node >= firstLeaf) continue;
    let dim = 0;
    let spread = -1;
    for (let j = 0; j < d; j++) {
      const w = (hi[off + j] as number) - (lo[off + j] as number);
      if (w > spread) {
        spread = w;
        dim = j;
      }
    }
    const mid = s + ((e - s) >> 1);
    if (e - s > 1) selectNth(index, X, d, dim, s, e - 1, mid);
    start[2 * node + 1] = s;
    end[2 * node + 1] = mid;
    start[2 * node + 2] = mid;
    end[2 * node + 2] = e;
  }
  const data = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    const src = (index[p] as number) * d;
    for (let j = 0; j < d; j++) data[p * d + j] = X[src + j] as number;
  }
  return { n, d, nLevels, nNodes, data, index, start, end, lo, hi };
}

/**
 * Reorders `index[left..right]` so that position `nth` holds the row whose feature `dim` would sit
 * there after sorting, smaller-or-equal values before it and larger-or-equal after (Hoare
 * quickselect, median-of-three pivot: deterministic).
 */
function selectNth(
  index: Int32Array,
  X: Float64Array,
  d: number,
  dim: number,
  left: number,
  right: number,
  nth: number,
): void {
  while (right > left) {
    const m = left + ((right - left) >> 1);
    const a = X[(index[left] as number) * d + dim] as number;
    const b = X[(index[m] as number) * d + dim] as number;
    const c = X[(index[right] as number) * d + dim] as number;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = left;
    let j = right;
    while (i <= j) {
      while ((X[(index[i] as number) * d + dim] as number) < pivot) i++;
      while ((X[(index[j] as number) * d + dim] as number) > pivot) j--;
      if (i <= j) {
        const t = index[i] as number;
        index[i] = index[j] as number;
        index[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) right = j;
    else if (nth >= i) left = i;
    else return;
  }
}

/** Scratch for `queryKdTree`: a stack of pending nodes and their lower bounds (2 per level). */
export interface KdStack {
  readonly node: Int32Array;
  readonly bound: Float64Array;
}

export function createKdStack(tree: KdTree): KdStack {
  const size = 2 * tree.nLevels + 2;
  return { node: new Int32Array(size), bound: new Float64Array(size) };
}

/**
 * Offers to `heap` every tree row that can be among the k nearest of query row `qOff` of `Q`
 * (reduced distances, training indices). Nodes are visited nearest box first and pruned only when
 * their box is strictly farther than the current k-th candidate, so ties reach the heap too.
 * Returns the work done, in distances computed (rows scanned plus the two boxes of each node split).
 */
export function queryKdTree(
  tree: KdTree,
  Q: Float64Array,
  qOff: number,
  manhattan: boolean,
  heap: NeighborHeap,
  stack: KdStack,
): number {
  const { d, data, index, start, end, lo, hi, nNodes } = tree;
  const firstLeaf = (nNodes - 1) >> 1;
  const sNode = stack.node;
  const sBound = stack.bound;
  let top = 0;
  let work = 1;
  sNode[0] = 0;
  sBound[0] = boxDistance(lo, hi, 0, Q, qOff, d, manhattan);
  top = 1;
  while (top > 0) {
    top--;
    const node = sNode[top] as number;
    if ((sBound[top] as number) > heapBound(heap)) continue;
    if (node >= firstLeaf) {
      const e = end[node] as number;
      work += e - (start[node] as number);
      for (let p = start[node] as number; p < e; p++) {
        const bound = heapBound(heap);
        const dist = reducedDistance(data, p * d, Q, qOff, d, manhattan, bound);
        if (dist <= bound) heapOffer(heap, dist, index[p] as number);
      }
      continue;
    }
    const l = 2 * node + 1;
    const r = l + 1;
    work += 2;
    const lb = boxDistance(lo, hi, l * d, Q, qOff, d, manhattan);
    const rb = boxDistance(lo, hi, r * d, Q, qOff, d, manhattan);
    // Push the farther child first so the nearer one is searched first.
    if (lb <= rb) {
      sNode[top] = r;
      sBound[top++] = rb;
      sNode[top] = l;
      sBound[top++] = lb;
    } else {
      sNode[top] = l;
      sBound[top++] = lb;
      sNode[top] = r;
      sBound[top++] = rb;
    }
  }
  return work;
}
