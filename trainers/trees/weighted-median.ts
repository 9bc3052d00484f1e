/** Weighted median by in-place heapsort of (value, weight) pairs: no allocation, O(n log n). */

function siftDown(vals: Float64Array, wts: Float64Array, root: number, end: number): void {
  let r = root;
  for (;;) {
    let child = 2 * r + 1;
    if (child >= end) return;
    if (child + 1 < end && (vals[child + 1] as number) > (vals[child] as number)) child++;
    if ((vals[child] as number) <= (vals[r] as number)) return;
    const v = vals[r] as number;
    vals[r] = vals[child] as number;
    vals[child] = v;
    const w = wts[r] as number;
    wts[r] = wts[child] as number;
    wts[child] = w;
    r = child;
  }
}

/** Sorts `vals[0..n)` ascending, carrying `wts` along. */
export function sortPairs(vals: Float64Array, wts: Float64Array, n: number): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(vals, wts, i, n);
  for (let end = n - 1; end > 0; end--) {
    const v = vals[0] as number;
    vals[0] = vals[end] as number;
    vals[end] = v;
    const w = wts[0] as number;
    wts[0] = wts[end] as number;
    wts[end] = w;
    siftDown(vals, wts, 0, end);
  }
}

/**
 * The smallest value whose cumulative weight reaches half the total (scikit-learn's AdaBoost.R2
 * median). Reorders `vals` and `wts`. With all weights zero it is the smallest value.
 */
export function weightedMedian(vals: Float64Array, wts: Float64Array, n: number): number {
  sortPairs(vals, wts, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += wts[i] as number;
  const half = 0.5 * total;
  let c = 0;
  for (let i = 0; i < n; i++) {
    c += wts[i] as number;
    if (c >= half) return vals[i] as number;
  }
  return vals[n - 1] as number;
}
