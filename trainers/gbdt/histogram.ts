/**
 * Gradient histograms: for each selected feature and bin, the sums of gradients and hessians and
 * the row count, as `[g, h, count]` triples in one Float64Array laid out by `BinMapper.offsets`.
 *
 * The build loops run over (rows of the node) × (features, four at a time), reading bytes of the
 * column-major binned matrix and gradients gathered into node order. With constant hessians the
 * hessian slot is left at 0 and callers use `count × hessian`.
 */

/** Floats per histogram slot: gradient sum, hessian sum, row count. */
export const SLOT = 3;

/** Zeroes the slots of the selected features. */
function clearFeatures(hist: Float64Array, offsets: Int32Array, feats: Int32Array, nFeats: number): void {
  for (let q = 0; q < nFeats; q++) {
    const f = feats[q]!;
    hist.fill(0, offsets[f]! * SLOT, offsets[f + 1]! * SLOT);
  }
}

/**
 * Histogram of the rows `rows[start..end)`: `og`/`oh` hold their gradients/hessians already gathered
 * in that order (`og[k - start]`); `oh === null` means constant hessians (hessian slots stay 0).
 */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  nRows: number,
  offsets: Int32Array,
  feats: Int32Array,
  nFeats: number,
  rows: Int32Array,
  start: number,
  end: number,
  og: Float64Array,
  oh: Float64Array | null,
): void {
  clearFeatures(hist, offsets, feats, nFeats);
  const m = end - start;
  let q = 0;
  for (; q + 4 <= nFeats; q += 4) {
    const f0 = feats[q]!;
    const f1 = feats[q + 1]!;
    const f2 = feats[q + 2]!;
    const f3 = feats[q + 3]!;
    const c0 = f0 * nRows;
    const c1 = f1 * nRows;
    const c2 = f2 * nRows;
    const c3 = f3 * nRows;
    const s0 = offsets[f0]! * SLOT;
    const s1 = offsets[f1]! * SLOT;
    const s2 = offsets[f2]! * SLOT;
    const s3 = offsets[f3]! * SLOT;
    if (oh === null) {
      for (let k = 0; k < m; k++) {
        const r = rows[start + k]!;
        const g = og[k]!;
        let b = s0 + bins[c0 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 2] = hist[b + 2]! + 1;
        b = s1 + bins[c1 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 2] = hist[b + 2]! + 1;
        b = s2 + bins[c2 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 2] = hist[b + 2]! + 1;
        b = s3 + bins[c3 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 2] = hist[b + 2]! + 1;
      }
    } else {
      for (let k = 0; k < m; k++) {
        const r = rows[start + k]!;
        const g = og[k]!;
        const h = oh[k]!;
        let b = s0 + bins[c0 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 1] = hist[b + 1]! + h;
        hist[b + 2] = hist[b + 2]! + 1;
        b = s1 + bins[c1 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 1] = hist[b + 1]! + h;
        hist[b + 2] = hist[b + 2]! + 1;
        b = s2 + bins[c2 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 1] = hist[b + 1]! + h;
        hist[b + 2] = hist[b + 2]! + 1;
        b = s3 + bins[c3 + r]! * SLOT;
        hist[b] = hist[b]! + g;
        hist[b + 1] = hist[b + 1]! + h;
        hist[b + 2] = hist[b + 2]! + 1;
      }
    }
  }
  for (; q < nFeats; q++) {
    const f = feats[q]!;
    const c = f * nRows;
    const s = offsets[f]! * SLOT;
    if (oh === null) {
      for (let k = 0; k < m; k++) {
        const b = s + bins[c + rows[start + k]!]! * SLOT;
        hist[b] = hist[b]! + og[k]!;
        hist[b + 2] = hist[b + 2]! + 1;
      }
    } else {
      for (let k = 0; k < m; k++) {
        const b = s + bins[c + rows[start + k]!]! * SLOT;
        hist[b] = hist[b]! + og[k]!;
        hist[b + 1] = hist[b + 1]! + oh[k]!;
        hist[b + 2] = hist[b + 2]! + 1;
      }
    }
  }
}

/**
 * Histogram of all rows 0..nRows-1 in order (the root without row subsampling): no gather, the
 * binned columns and the gradients are read sequentially. The counts do not depend on the
 * gradients, so they are copied from `counts` (one per slot, see `binCounts`) instead of summed.
 */
export function buildHistogramAllRows(
  hist: Float64Array,
  bins: Uint8Array,
  nRows: number,
  offsets: Int32Array,
  feats: Int32Array,
  nFeats: number,
  g: Float64Array,
  h: Float64Array | null,
  counts: Float64Array,
): void {
  clearFeatures(hist, offsets, feats, nFeats);
  let q = 0;
  for (; q + 4 <= nFeats; q += 4) {
    const f0 = feats[q]!;
    const f1 = feats[q + 1]!;
    const f2 = feats[q + 2]!;
    const f3 = feats[q + 3]!;
    const c0 = f0 * nRows;
    const c1 = f1 * nRows;
    const c2 = f2 * nRows;
    const c3 = f3 * nRows;
    const s0 = offsets[f0]! * SLOT;
    const s1 = offsets[f1]! * SLOT;
    const s2 = offsets[f2]! * SLOT;
    const s3 = offsets[f3]! * SLOT;
    if (h === null) {
      for (let r = 0; r < nRows; r++) {
        const gr = g[r]!;
        let b = s0 + bins[c0 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        b = s1 + bins[c1 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        b = s2 + bins[c2 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        b = s3 + bins[c3 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
      }
    } else {
      for (let r = 0; r < nRows; r++) {
        const gr = g[r]!;
        const hr = h[r]!;
        let b = s0 + bins[c0 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        hist[b + 1] = hist[b + 1]! + hr;
        b = s1 + bins[c1 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        hist[b + 1] = hist[b + 1]! + hr;
        b = s2 + bins[c2 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        hist[b + 1] = hist[b + 1]! + hr;
        b = s3 + bins[c3 + r]! * SLOT;
        hist[b] = hist[b]! + gr;
        hist[b + 1] = hist[b + 1]! + hr;
      }
    }
  }
  for (; q < nFeats; q++) {
    const f = feats[q]!;
    const c = f * nRows;
    const s = offsets[f]! * SLOT;
    if (h === null) {
      for (let r = 0; r < nRows; r++) {
        const b = s + bins[c + r]! * SLOT;
        hist[b] = hist[b]! + g[r]!;
      }
    } else {
      for (let r = 0; r < nRows; r++) {
        const b = s + bins[c + r]! * SLOT;
        hist[b] = hist[b]! + g[r]!;
        hist[b + 1] = hist[b + 1]! + h[r]!;
      }
    }
  }
  for (q = 0; q < nFeats; q++) {
    const f = feats[q]!;
    const end = offsets[f + 1]!;
    for (let slot = offsets[f]!; slot < end; slot++) hist[slot * SLOT + 2] = counts[slot]!;
  }
}

/** Rows per histogram slot over all rows of a binned matrix (the root's counts). */
export function binCounts(bins: Uint8Array, nRows: number, offsets: Int32Array): Float64Array {
  const nFeatures = offsets.length - 1;
  const counts = new Float64Array(offsets[nFeatures]!);
  for (let f = 0; f < nFeatures; f++) {
    const c = f * nRows;
    const s = offsets[f]!;
    for (let r = 0; r < nRows; r++) {
      const b = s + bins[c + r]!;
      counts[b] = counts[b]! + 1;
    }
  }
  return counts;
}

/** `parent -= child` over the selected features: the sibling's histogram, in the parent's buffer. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  offsets: Int32Array,
  feats: Int32Array,
  nFeats: number,
): void {
  for (let q = 0; q < nFeats; q++) {
    const f = feats[q]!;
    const end = offsets[f + 1]! * SLOT;
    for (let s = offsets[f]! * SLOT; s < end; s++) parent[s] = parent[s]! - child[s]!;
  }
}

/**
 * Histogram buffers allocated once per fit and recycled between nodes and trees. The first
 * `preallocated` buffers come from `make` (e.g. an arena); any beyond are ordinary arrays.
 */
export class HistogramPool {
  private readonly buffers: Float64Array[] = [];
  private readonly freeIds: number[] = [];

  constructor(
    private readonly size: number,
    make?: () => Float64Array,
    preallocated = 0,
  ) {
    if (make) {
      for (let i = 0; i < preallocated; i++) {
        this.buffers.push(make());
        this.freeIds.push(preallocated - 1 - i);
      }
    }
  }

  /** A buffer id; its contents are stale until a build writes them. */
  acquire(): number {
    const id = this.freeIds.pop();
    if (id !== undefined) return id;
    this.buffers.push(new Float64Array(this.size));
    return this.buffers.length - 1;
  }

  get(id: number): Float64Array {
    return this.buffers[id]!;
  }

  release(id: number): void {
    this.freeIds.push(id);
  }

  /** Buffers allocated so far (for tests and diagnostics). */
  get allocated(): number {
    return this.buffers.length;
  }
}
