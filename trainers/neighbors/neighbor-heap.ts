/** A bounded max-heap of the k best neighbour candidates over preallocated typed arrays. */

/**
 * The `k` nearest candidates seen so far, worst on top. Ordering is by (distance, training index):
 * at equal distance the lower index is the better one, so results never depend on visiting order.
 * Allocate once per batch of queries and `clear` between queries.
 */
export interface NeighborHeap {
  readonly k: number;
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  size: number;
}

export function createNeighborHeap(k: number): NeighborHeap {
  return { k, dist: new Float64Array(k), idx: new Int32Array(k), size: 0 };
}

/** The distance a candidate must not exceed to enter (Infinity until the heap is full). */
export function heapBound(h: NeighborHeap): number {
  return h.size < h.k ? Number.POSITIVE_INFINITY : (h.dist[0] as number);
}

/** Offers candidate row `i` at distance `d`; keeps it when it beats the current worst. */
export function heapOffer(h: NeighborHeap, d: number, i: number): void {
  const { dist, idx } = h;
  if (h.size < h.k) {
    let pos = h.size++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pd = dist[parent] as number;
      // The newcomer rises while it is worse than its parent (worst on top).
      if (d > pd || (d === pd && i > (idx[parent] as number))) {
        dist[pos] = pd;
        idx[pos] = idx[parent] as number;
        pos = parent;
      } else break;
    }
    dist[pos] = d;
    idx[pos] = i;
    return;
  }
  const td = dist[0] as number;
  if (d > td || (d === td && i > (idx[0] as number))) return;
  siftDown(dist, idx, h.size, d, i);
}

/** Places (d, i) at the root of a heap of `size` and restores the heap order. */
function siftDown(dist: Float64Array, idx: Int32Array, size: number, d: number, i: number): void {
  let pos = 0;
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size) {
      const cd = dist[child] as number;
      const rd = dist[right] as number;
      if (rd > cd || (rd === cd && (idx[right] as number) > (idx[child] as number))) child = right;
    }
    const cd = dist[child] as number;
    if (cd > d || (cd === d && (idx[child] as number) > i)) {
      dist[pos] = cd;
      idx[pos] = idx[child] as number;
      pos = child;
    } else break;
  }
  dist[pos] = d;
  idx[pos] = i;
}

/**
 * Empties the heap into `outDist`/`outIdx` at `offset`, nearest first (`size` entries), and leaves
 * the heap cleared for the next query.
 */
export function heapDrainSorted(
  h: NeighborHeap,
  outDist: Float64Array,
  outIdx: Int32Array,
  offset: number,
): void {
  const { dist, idx } = h;
  for (let size = h.size; size > 0; size--) {
    outDist[offset + size - 1] = dist[0] as number;
    outIdx[offset + size - 1] = idx[0] as number;
    const lastD = dist[size - 1] as number;
    const lastI = idx[size - 1] as number;
    if (size > 1) siftDown(dist, idx, size - 1, lastD, lastI);
  }
  h.size = 0;
}
