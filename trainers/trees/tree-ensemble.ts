/** Flat storage of one or many CART trees (typed arrays in depth-first pre-order) and the predict kernels. */

/**
 * Trees side by side in shared arrays. Node `i` splits on `feature[i]` (−1 marks a leaf): rows with
 * `x[feature] <= threshold[i]` go to `left[i]`, the others to `right[i]` (both −1 on leaves). Nodes are
 * in depth-first pre-order: a split's left child is the next node and children always come after their
 * parent, so a walk always ends (and `left` need not be serialised). `value` holds `valueDim`
 * numbers per node: class probabilities (classification) or the weighted mean target (regression).
 */
export interface TreeEnsemble {
  /** Root node index of each tree. */
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** `nodeCount × valueDim`, row-major. */
  readonly value: Float64Array;
  readonly valueDim: number;
}

export function nodeCount(e: TreeEnsemble): number {
  return e.feature.length;
}

/** Growable node storage the builder appends trees to; `finish()` trims it to a TreeEnsemble. */
export class TreeSink {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  count = 0;
  private readonly roots: number[] = [];

  constructor(
    readonly valueDim: number,
    capacity = 1024,
  ) {
    const cap = Math.max(16, capacity);
    this.feature = new Int32Array(cap);
    this.threshold = new Float64Array(cap);
    this.left = new Int32Array(cap);
    this.right = new Int32Array(cap);
    this.value = new Float64Array(cap * valueDim);
  }

  /** Appends a leaf (the caller fills its value, and turns it into a split with `setSplit`). */
  addNode(parent: number, isLeft: boolean): number {
    if (this.count === this.feature.length) this.grow();
    const id = this.count++;
    this.feature[id] = -1;
    this.threshold[id] = 0;
    this.left[id] = -1;
    this.right[id] = -1;
    if (parent < 0) this.roots.push(id);
    else if (isLeft) this.left[parent] = id;
    else this.right[parent] = id;
    return id;
  }

  /** The trees appended so far, without copying (valid until the next `addNode`). */
  view(): TreeEnsemble {
    return {
      roots: Int32Array.from(this.roots),
      feature: this.feature,
      threshold: this.threshold,
      left: this.left,
      right: this.right,
      value: this.value,
      valueDim: this.valueDim,
    };
  }

  get treeCount(): number {
    return this.roots.length;
  }

  /** Removes the last tree appended. */
  dropLastTree(): void {
    const root = this.roots.pop();
    if (root !== undefined) this.count = root;
  }

  setSplit(id: number, feature: number, threshold: number): void {
    this.feature[id] = feature;
    this.threshold[id] = threshold;
  }

  private grow(): void {
    const cap = this.feature.length * 2;
    const dim = this.valueDim;
    const f = new Int32Array(cap);
    f.set(this.feature);
    this.feature = f;
    const t = new Float64Array(cap);
    t.set(this.threshold);
    this.threshold = t;
    const l = new Int32Array(cap);
    l.set(this.left);
    this.left = l;
    const r = new Int32Array(cap);
    r.set(this.right);
    this.right = r;
    const v = new Float64Array(cap * dim);
    v.set(this.value);
    this.value = v;
  }

  finish(): TreeEnsemble {
    const n = this.count;
    return {
      roots: Int32Array.from(this.roots),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n * this.valueDim),
      valueDim: this.valueDim,
    };
  }
}

/** Leaf reached by row `i` of a column-major matrix (`data[j * nRows + i]`) from node `root`. */
export function findLeaf(
  e: TreeEnsemble,
  root: number,
  data: Float64Array,
  nRows: number,
  i: number,
): number {
  const { feature, threshold, left, right } = e;
  let node = root;
  let f = feature[node] as number;
  while (f >= 0) {
    node =
      (data[f * nRows + i] as number) <= (threshold[node] as number)
        ? (left[node] as number)
        : (right[node] as number);
    f = feature[node] as number;
  }
  return node;
}

/**
 * `out[i * valueDim + k] += scale[t] * value(leaf of row i in tree t)[k]` for trees `t0 ≤ t < t1`;
 * trees in the outer loop so each tree's nodes stay in cache.
 */
export function accumulateTrees(
  e: TreeEnsemble,
  data: Float64Array,
  nRows: number,
  t0: number,
  t1: number,
  scale: ArrayLike<number> | number,
  out: Float64Array,
): void {
  const dim = e.valueDim;
  const value = e.value;
  for (let t = t0; t < t1; t++) {
    const root = e.roots[t] as number;
    const s = typeof scale === "number" ? scale : (scale[t] as number);
    for (let i = 0; i < nRows; i++) {
      const vb = findLeaf(e, root, data, nRows, i) * dim;
      const ob = i * dim;
      for (let k = 0; k < dim; k++) out[ob + k] = (out[ob + k] as number) + s * (value[vb + k] as number);
    }
  }
}

/** The node value of tree `t` for every row, written (not added) to `out` (`nRows × valueDim`). */
export function treeValues(
  e: TreeEnsemble,
  t: number,
  data: Float64Array,
  nRows: number,
  out: Float64Array,
): void {
  const dim = e.valueDim;
  const value = e.value;
  const root = e.roots[t] as number;
  for (let i = 0; i < nRows; i++) {
    const vb = findLeaf(e, root, data, nRows, i) * dim;
    const ob = i * dim;
    for (let k = 0; k < dim; k++) out[ob + k] = value[vb + k] as number;
  }
}
