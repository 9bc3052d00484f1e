import type { TreeData } from "./tree-builder.js";

/** Preallocated buffers a tree builder reuses across nodes and trees, and the once-per-fit presort. */

/**
 * Column-wise argsort of a column-major matrix: `out[j * nRows + r]` is the row holding the r-th
 * smallest value of feature `j` (ties in row order). Uses the native Float64Array sort plus a
 * counting sort over ranks instead of a comparator sort, which is several times faster in V8.
 */
export function presortColumns(data: Float64Array, nRows: number, nCols: number): Int32Array {
  const out = new Int32Array(nRows * nCols);
  const sorted = new Float64Array(nRows);
  const rank = new Int32Array(nRows);
  const start = new Int32Array(nRows + 1);
  for (let j = 0; j < nCols; j++) {
    const base = j * nRows;
    sorted.set(data.subarray(base, base + nRows));
    sorted.sort();
    let nDistinct = 0;
    for (let r = 0; r < nRows; r++) {
      const v = sorted[r] as number;
      if (nDistinct === 0 || v !== sorted[nDistinct - 1]) sorted[nDistinct++] = v;
    }
    start.fill(0, 0, nDistinct + 1);
    for (let i = 0; i < nRows; i++) {
      const v = data[base + i] as number;
      let lo = 0;
      let hi = nDistinct - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      rank[i] = lo;
      start[lo + 1] = (start[lo + 1] as number) + 1;
    }
    for (let r = 0; r < nDistinct; r++) start[r + 1] = (start[r + 1] as number) + (start[r] as number);
    for (let i = 0; i < nRows; i++) {
      const r = rank[i] as number;
      out[base + (start[r] as number)] = i;
      start[r] = (start[r] as number) + 1;
    }
  }
  return out;
}

/**
 * Buffers for growing trees on `nRows × nCols` data with `valueDim` numbers per node; allocated once
 * per fit, so growing a node allocates nothing.
 */
export class TreeWorkspace {
  /** The current tree's rows (weight > 0); each node owns a contiguous range. */
  readonly samples: Int32Array;
  /** Best splitter only: per feature, the node's rows sorted by that feature (stride `nSamples`). */
  readonly order: Int32Array | null;
  /** Best splitter only: feature values in `order` (same layout), so scans read them sequentially. */
  readonly sortedX: Float64Array | null;
  readonly tmp: Int32Array;
  readonly tmpX: Float64Array;
  readonly goLeft: Uint8Array;
  /** Per row [weight, class] (classification) or [weight, weight·y] (regression). */
  readonly pair: Float64Array;
  /** Feature permutation with known-constant features first (scikit-learn's scheme). */
  readonly features: Int32Array;
  readonly constantFeatures: Int32Array;
  /** Node totals, left-side scratch and left-child totals (class weights, or [w, Σwy, Σwy²]). */
  readonly totals: Float64Array;
  readonly scratch: Float64Array;
  readonly leftTotals: Float64Array;
  /** Depth-first stack, 6 ints per entry: start, end, depth, parent, isLeft, nConstant. */
  readonly stack: Int32Array;
  /** Best split so far: [proxy, threshold, position or left count]. */
  readonly split: Float64Array;
  /** Per-tree impurity decrease per feature (unnormalised). */
  readonly importance: Float64Array;
  nSamples = 0;

  constructor(
    readonly nRows: number,
    readonly nCols: number,
    nClasses: number,
    withOrder: boolean,
  ) {
    this.samples = new Int32Array(nRows);
    this.order = withOrder ? new Int32Array(nRows * nCols) : null;
    this.sortedX = withOrder ? new Float64Array(nRows * nCols) : null;
    this.tmp = new Int32Array(nRows);
    this.tmpX = new Float64Array(nRows);
    this.goLeft = new Uint8Array(nRows);
    this.pair = new Float64Array(2 * nRows);
    this.features = new Int32Array(nCols);
    this.constantFeatures = new Int32Array(nCols);
    const k = Math.max(nClasses, 3);
    this.totals = new Float64Array(k);
    this.scratch = new Float64Array(k);
    this.leftTotals = new Float64Array(k);
    this.stack = new Int32Array(6 * (nRows + 2));
    this.split = new Float64Array(3);
    this.importance = new Float64Array(nCols);
  }

  /**
   * Loads the rows with positive weight as the root's samples and, for the best splitter, filters
   * the presorted orders (`d.presorted`, from `presortColumns`) down to them. Returns their count.
   */
  load(d: TreeData, weight: Float64Array, best: boolean): number {
    const { nRows, nCols, samples, pair } = this;
    const { y, yClass } = d;
    const presorted = best ? d.presorted : null;
    let m = 0;
    for (let i = 0; i < nRows; i++) {
      const w = weight[i] as number;
      if (w > 0) samples[m++] = i;
      pair[2 * i] = w;
      pair[2 * i + 1] = yClass ? (yClass[i] as number) : w * (y[i] as number);
    }
    this.nSamples = m;
    const { order, sortedX } = this;
    const presortedX = d.presortedX;
    if (order && sortedX && presorted && presortedX) {
      if (m === nRows) {
        order.set(presorted);
        sortedX.set(presortedX);
      } else {
        for (let j = 0; j < nCols; j++) {
          const src = j * nRows;
          let p = j * m;
          for (let r = src; r < src + nRows; r++) {
            const s = presorted[r] as number;
            if ((weight[s] as number) > 0) {
              order[p] = s;
              sortedX[p++] = presortedX[r] as number;
            }
          }
        }
      }
    }
    for (let j = 0; j < nCols; j++) this.features[j] = j;
    this.importance.fill(0);
    return m;
  }
}
