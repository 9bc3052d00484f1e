/**
 * Grows one regression tree on gradients and hessians, best-first (leaf-wise) under `maxLeafNodes`
 * and/or `maxDepth`. Rows live in one Int32Array partitioned in place (each node owns a contiguous,
 * ascending range); only the smaller child's histogram is built, the sibling's is the parent's minus
 * it. All buffers are allocated once per fit and reused for every tree.
 */
import type { BinMapper } from "./binning.js";
import {
  binCounts,
  buildHistogram,
  buildHistogramAllRows,
  HistogramPool,
  SLOT,
  subtractHistogram,
} from "./histogram.js";
import {
  CAT_WORDS,
  CategoricalScratch,
  findBestSplit,
  type SplitConstraints,
  SplitInfo,
  type WasmScan,
} from "./split-finding.js";
import { type Arena, arenaBytes, type WasmKernels } from "./wasm-kernels.js";

/** Histogram buffers kept in the arena at most (more are allocated as ordinary arrays). */
const MAX_POOL_BYTES = 256 * 1024 * 1024;

export interface GrowParams extends SplitConstraints {
  /** Leaves at most (best-first growth stops there). */
  readonly maxLeafNodes: number;
  /** Edges from the root to the deepest leaf at most; 0 = unlimited. */
  readonly maxDepth: number;
  /** Multiplies every leaf value (shrinkage). */
  readonly learningRate: number;
}

/**
 * The grower's buffers and the last grown tree. Node arrays are indexed by node id (root = 0,
 * children appended as they are created); `feature[i] < 0` marks a leaf.
 */
export class TreeGrower {
  readonly capacity: number;
  /** Row ids; node i owns `rows[start[i] .. end[i])`. */
  readonly rows: Int32Array;
  private readonly spill: Int32Array;
  private readonly og: Float64Array;
  private readonly oh: Float64Array;
  private readonly pool: HistogramPool;
  private readonly lut: Uint8Array;
  private readonly wasm: WasmKernels | null;
  private readonly wasmScan: WasmScan | null;
  private readonly split = new SplitInfo();
  private readonly catScratch = new CategoricalScratch();
  private readonly candidates: Int32Array;
  /** Rows per histogram slot over all rows (the root's counts without row subsampling). */
  private readonly rootCounts: Float64Array;

  nNodes = 0;
  readonly feature: Int32Array;
  readonly bin: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly isCategorical: Uint8Array;
  readonly catBits: Uint32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly gain: Float64Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  private readonly depth: Int32Array;
  private readonly sumG: Float64Array;
  private readonly sumH: Float64Array;
  private readonly histId: Int32Array;
  /** Left-child sums of each node's chosen split. */
  private readonly splitGl: Float64Array;
  private readonly splitHl: Float64Array;

  /**
   * `bins`: the column-major binned training matrix (nRows × features). With an `arena` the row and
   * gradient work arrays and the histogram pool live in it, and when the arena is WebAssembly memory
   * the hot loops run as WebAssembly (see `TreeGrower.arenaBytes`).
   */
  constructor(
    private readonly bins: Uint8Array,
    private readonly nRows: number,
    private readonly mapper: BinMapper,
    private readonly params: GrowParams,
    arena?: Arena,
  ) {
    const maxLeaves = TreeGrower.maxLeaves(nRows, params);
    const cap = 2 * maxLeaves + 1;
    this.capacity = cap;
    const slots = mapper.totalSlots * SLOT;
    this.rows = arena ? arena.i32(nRows) : new Int32Array(nRows);
    this.spill = arena ? arena.i32(nRows) : new Int32Array(nRows);
    // Gathered gradients: og[k] (and oh[k]) in TypeScript; interleaved (g, h) pairs for WebAssembly.
    this.og = arena ? arena.f64(2 * nRows) : new Float64Array(nRows);
    this.oh = arena ? arena.f64(nRows) : new Float64Array(nRows);
    this.lut = arena ? arena.u8(256) : new Uint8Array(256);
    const preallocated = arena ? TreeGrower.poolBuffers(nRows, mapper, params) : 0;
    this.pool = new HistogramPool(
      slots,
      preallocated > 0 && arena ? () => arena.f64(slots) : undefined,
      preallocated,
    );
    this.wasm = arena?.kernels ?? null;
    this.wasmScan = arena && this.wasm ? { kernels: this.wasm, out: arena.f64(8) } : null;
    this.rootCounts = binCounts(bins, nRows, mapper.offsets);
    this.candidates = new Int32Array(cap);
    this.feature = new Int32Array(cap);
    this.bin = new Int32Array(cap);
    this.missingLeft = new Uint8Array(cap);
    this.isCategorical = new Uint8Array(cap);
    this.catBits = new Uint32Array(cap * CAT_WORDS);
    this.left = new Int32Array(cap);
    this.right = new Int32Array(cap);
    this.value = new Float64Array(cap);
    this.gain = new Float64Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.depth = new Int32Array(cap);
    this.sumG = new Float64Array(cap);
    this.sumH = new Float64Array(cap);
    this.histId = new Int32Array(cap);
    this.splitGl = new Float64Array(cap);
    this.splitHl = new Float64Array(cap);
  }

  /** Leaves a tree can have: the leaf budget, the depth limit, and min_samples_leaf. */
  static maxLeaves(nRows: number, params: GrowParams): number {
    let m = Math.max(1, Math.min(params.maxLeafNodes, Math.floor(nRows / params.minSamplesLeaf)));
    if (params.maxDepth > 0 && params.maxDepth < 30) m = Math.min(m, 2 ** params.maxDepth);
    return m;
  }

  /** Histogram buffers placed in the arena: every leaf's plus one, within MAX_POOL_BYTES. */
  private static poolBuffers(nRows: number, mapper: BinMapper, params: GrowParams): number {
    const bytes = mapper.totalSlots * SLOT * 8;
    return Math.min(TreeGrower.maxLeaves(nRows, params) + 1, Math.floor(MAX_POOL_BYTES / Math.max(1, bytes)));
  }

  /** Bytes of arena the grower takes (row and gradient work arrays, lookup table, histogram pool). */
  static arenaBytes(nRows: number, mapper: BinMapper, params: GrowParams): number {
    const hist = mapper.totalSlots * SLOT * 8;
    const pool = new Array<number>(TreeGrower.poolBuffers(nRows, mapper, params)).fill(hist);
    return arenaBytes(4 * nRows, 4 * nRows, 16 * nRows, 8 * nRows, 256, 64, ...pool);
  }

  /** Histogram buffers allocated so far (diagnostics). */
  get histogramsAllocated(): number {
    return this.pool.allocated;
  }

  /**
   * Grows a tree on gradients `g` and hessians `h` (`h === null`: every hessian is `hConst`), over
   * the rows `sample[0..nSample)` (ascending; `null` = all rows) and the features `feats[0..nFeats)`.
   * Leaf values are `-learningRate · G / (H + l2)`.
   */
  grow(
    g: Float64Array,
    h: Float64Array | null,
    hConst: number,
    sample: Int32Array | null,
    nSample: number,
    feats: Int32Array,
    nFeats: number,
  ): void {
    const { rows, nRows, mapper, params, pool } = this;
    const offsets = mapper.offsets;
    // Split finding reads hessians from the histogram unless they are constant.
    if (h !== null) hConst = 0;
    this.nNodes = 0;
    const root = this.newNode(0, nSample, 0);
    if (sample === null) for (let i = 0; i < nRows; i++) rows[i] = i;
    else rows.set(sample.subarray(0, nSample));

    let nCand = 0;
    let nLeaves = 1;
    // Provisional sums: only the row count matters for splittable() before the histogram exists.
    this.sumG[root] = 0;
    this.sumH[root] = Number.POSITIVE_INFINITY;
    if (nFeats > 0 && this.splittable(root, nLeaves)) {
      const id = pool.acquire();
      this.histId[root] = id;
      const hist = pool.get(id);
      if (sample === null) this.buildRoot(hist, g, h, feats, nFeats);
      else this.buildNode(hist, root, g, h, feats, nFeats);
      // The root's sums from its histogram: every row is in exactly one bin of any feature.
      const f0 = feats[0]!;
      let G = 0;
      let H = 0;
      for (let s = offsets[f0]! * SLOT, e = offsets[f0 + 1]! * SLOT; s < e; s += SLOT) {
        G += hist[s]!;
        H += hist[s + 1]!;
      }
      this.sumG[root] = G;
      this.sumH[root] = h === null ? nSample * hConst : H;
      if (this.sumH[root]! >= 2 * params.minHessianLeaf && this.evaluate(root, hist, hConst, feats, nFeats)) {
        this.candidates[nCand++] = root;
      } else {
        pool.release(id);
      }
    } else {
      let G = 0;
      let H = 0;
      for (let k = 0; k < nSample; k++) G += g[rows[k]!]!;
      if (h !== null) for (let k = 0; k < nSample; k++) H += h[rows[k]!]!;
      this.sumG[root] = G;
      this.sumH[root] = h === null ? nSample * hConst : H;
    }

    while (nCand > 0 && nLeaves < params.maxLeafNodes) {
      let pick = 0;
      for (let c = 1; c < nCand; c++) {
        if (this.gain[this.candidates[c]!]! > this.gain[this.candidates[pick]!]!) pick = c;
      }
      const p = this.candidates[pick]!;
      this.candidates[pick] = this.candidates[--nCand]!;
      const mid = this.partition(p);
      const d = this.depth[p]! + 1;
      const l = this.newNode(this.start[p]!, mid, d);
      const r = this.newNode(mid, this.end[p]!, d);
      this.left[p] = l;
      this.right[p] = r;
      // Child sums: the split's left sums, the right ones by difference (hessians exact when constant).
      const gl = this.splitGl[p]!;
      const hl = this.splitHl[p]!;
      this.sumG[l] = gl;
      this.sumH[l] = h === null ? (mid - this.start[p]!) * hConst : hl;
      this.sumG[r] = this.sumG[p]! - gl;
      this.sumH[r] = h === null ? (this.end[p]! - mid) * hConst : this.sumH[p]! - hl;
      nLeaves++;

      const needL = this.splittable(l, nLeaves);
      const needR = this.splittable(r, nLeaves);
      const parentHist = this.histId[p]!;
      if (!needL && !needR) {
        pool.release(parentHist);
        continue;
      }
      const leftSmaller = mid - this.start[p]! <= this.end[p]! - mid;
      const small = leftSmaller ? l : r;
      const large = leftSmaller ? r : l;
      const needSmall = leftSmaller ? needL : needR;
      const needLarge = leftSmaller ? needR : needL;
      const smallId = pool.acquire();
      const smallHist = pool.get(smallId);
      this.buildNode(smallHist, small, g, h, feats, nFeats);
      if (needLarge) {
        const parent = pool.get(parentHist);
        subtractHistogram(parent, smallHist, offsets, feats, nFeats);
        this.histId[large] = parentHist;
        if (this.evaluate(large, parent, hConst, feats, nFeats)) this.candidates[nCand++] = large;
        else pool.release(parentHist);
      } else {
        pool.release(parentHist);
      }
      if (needSmall) {
        this.histId[small] = smallId;
        if (this.evaluate(small, smallHist, hConst, feats, nFeats)) this.candidates[nCand++] = small;
        else pool.release(smallId);
      } else {
        pool.release(smallId);
      }
    }
    for (let c = 0; c < nCand; c++) pool.release(this.histId[this.candidates[c]!]!);

    // Candidates never split are leaves; every leaf gets its value.
    const l2 = params.l2;
    const lr = params.learningRate;
    for (let i = 0; i < this.nNodes; i++) {
      if (this.left[i]! < 0) {
        this.feature[i] = -1;
        this.gain[i] = 0;
        const den = this.sumH[i]! + l2;
        // A leaf without hessian mass (zero weights) stays at 0 rather than 0 / 0.
        this.value[i] = den > 0 ? (-lr * this.sumG[i]!) / den : 0;
      } else {
        this.value[i] = 0;
      }
    }
  }

  private newNode(start: number, end: number, depth: number): number {
    const i = this.nNodes++;
    this.start[i] = start;
    this.end[i] = end;
    this.depth[i] = depth;
    this.feature[i] = -1;
    this.left[i] = -1;
    this.right[i] = -1;
    this.gain[i] = 0;
    this.histId[i] = -1;
    return i;
  }

  /** Whether node i may still be split (depth, leaf budget, enough rows and hessian for two children). */
  private splittable(i: number, nLeaves: number): boolean {
    const p = this.params;
    if (nLeaves >= p.maxLeafNodes) return false;
    if (p.maxDepth > 0 && this.depth[i]! >= p.maxDepth) return false;
    if (this.end[i]! - this.start[i]! < 2 * p.minSamplesLeaf) return false;
    return this.sumH[i]! >= 2 * p.minHessianLeaf;
  }

  /** Whether the WebAssembly kernels can address all these arrays. */
  private inWasm(...arrays: (ArrayBufferView | null)[]): boolean {
    const w = this.wasm;
    if (w === null) return false;
    const buf = w.memory.buffer;
    for (const a of arrays) if (a !== null && a.buffer !== buf) return false;
    return true;
  }

  /** The root histogram over all rows (no gather; counts copied from `rootCounts`). */
  private buildRoot(
    hist: Float64Array,
    g: Float64Array,
    h: Float64Array | null,
    feats: Int32Array,
    nFeats: number,
  ): void {
    const { bins, nRows, mapper } = this;
    const offsets = mapper.offsets;
    const w = this.wasm;
    if (w === null || !this.inWasm(hist, bins, g, h)) {
      buildHistogramAllRows(hist, bins, nRows, offsets, feats, nFeats, g, h, this.rootCounts);
      return;
    }
    clearSelected(hist, offsets, feats, nFeats);
    const hb = hist.byteOffset;
    const bb = bins.byteOffset;
    const gp = g.byteOffset;
    const slot = SLOT * 8;
    let q = 0;
    if (h === null) {
      const k4 = w.histAll[4][0]!;
      const k1 = w.histAll[1][0]!;
      for (; q + 4 <= nFeats; q += 4) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        const f2 = feats[q + 2]!;
        const f3 = feats[q + 3]!;
        k4(
          nRows,
          gp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          hb + offsets[f2]! * slot,
          hb + offsets[f3]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
          bb + f2 * nRows,
          bb + f3 * nRows,
        );
      }
      if (q + 2 <= nFeats) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        w.histAll[2][0]!(
          nRows,
          gp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
        );
        q += 2;
      }
      for (; q < nFeats; q++) k1(nRows, gp, hb + offsets[feats[q]!]! * slot, bb + feats[q]! * nRows);
    } else {
      // Interleave (g, h) so the kernel adds both with one SIMD operation.
      const ghp = this.og.byteOffset;
      w.interleave(nRows, gp, h.byteOffset, ghp);
      const k4 = w.histAll[4][1]!;
      const k1 = w.histAll[1][1]!;
      for (; q + 4 <= nFeats; q += 4) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        const f2 = feats[q + 2]!;
        const f3 = feats[q + 3]!;
        k4(
          nRows,
          ghp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          hb + offsets[f2]! * slot,
          hb + offsets[f3]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
          bb + f2 * nRows,
          bb + f3 * nRows,
        );
      }
      if (q + 2 <= nFeats) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        w.histAll[2][1]!(
          nRows,
          ghp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
        );
        q += 2;
      }
      for (; q < nFeats; q++) k1(nRows, ghp, hb + offsets[feats[q]!]! * slot, bb + feats[q]! * nRows);
    }
    const counts = this.rootCounts;
    for (q = 0; q < nFeats; q++) {
      const f = feats[q]!;
      const end = offsets[f + 1]!;
      for (let s = offsets[f]!; s < end; s++) hist[s * SLOT + 2] = counts[s]!;
    }
  }

  /** Gathers the node's gradients in row order, then builds its histogram. */
  private buildNode(
    hist: Float64Array,
    i: number,
    g: Float64Array,
    h: Float64Array | null,
    feats: Int32Array,
    nFeats: number,
  ): void {
    const { rows, og, oh, bins, nRows, mapper } = this;
    const offsets = mapper.offsets;
    const s = this.start[i]!;
    const e = this.end[i]!;
    const m = e - s;
    const w = this.wasm;
    if (w === null || !this.inWasm(hist, bins, g, h, rows, og, oh)) {
      if (h === null) {
        for (let k = 0; k < m; k++) og[k] = g[rows[s + k]!]!;
      } else {
        for (let k = 0; k < m; k++) {
          const r = rows[s + k]!;
          og[k] = g[r]!;
          oh[k] = h[r]!;
        }
      }
      buildHistogram(hist, bins, nRows, offsets, feats, nFeats, rows, s, e, og, h === null ? null : oh);
      return;
    }
    const rp = rows.byteOffset + 4 * s;
    const ogp = og.byteOffset;
    if (h === null) w.gather(m, rp, g.byteOffset, 0, ogp);
    else w.gatherH(m, rp, g.byteOffset, h.byteOffset, ogp);
    clearSelected(hist, offsets, feats, nFeats);
    const hb = hist.byteOffset;
    const bb = bins.byteOffset;
    const slot = SLOT * 8;
    let q = 0;
    if (h === null) {
      const k4 = w.histRows[4][0]![1]!;
      const k1 = w.histRows[1][0]![1]!;
      for (; q + 4 <= nFeats; q += 4) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        const f2 = feats[q + 2]!;
        const f3 = feats[q + 3]!;
        k4(
          m,
          rp,
          ogp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          hb + offsets[f2]! * slot,
          hb + offsets[f3]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
          bb + f2 * nRows,
          bb + f3 * nRows,
        );
      }
      if (q + 2 <= nFeats) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        w.histRows[2][0]![1]!(
          m,
          rp,
          ogp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
        );
        q += 2;
      }
      for (; q < nFeats; q++) k1(m, rp, ogp, hb + offsets[feats[q]!]! * slot, bb + feats[q]! * nRows);
    } else {
      const k4 = w.histRows[4][1]![1]!;
      const k1 = w.histRows[1][1]![1]!;
      for (; q + 4 <= nFeats; q += 4) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        const f2 = feats[q + 2]!;
        const f3 = feats[q + 3]!;
        k4(
          m,
          rp,
          ogp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          hb + offsets[f2]! * slot,
          hb + offsets[f3]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
          bb + f2 * nRows,
          bb + f3 * nRows,
        );
      }
      if (q + 2 <= nFeats) {
        const f0 = feats[q]!;
        const f1 = feats[q + 1]!;
        w.histRows[2][1]![1]!(
          m,
          rp,
          ogp,
          hb + offsets[f0]! * slot,
          hb + offsets[f1]! * slot,
          bb + f0 * nRows,
          bb + f1 * nRows,
        );
        q += 2;
      }
      for (; q < nFeats; q++) k1(m, rp, ogp, hb + offsets[feats[q]!]! * slot, bb + feats[q]! * nRows);
    }
  }

  /** Finds node i's best split and records it; returns whether it has positive gain. */
  private evaluate(
    i: number,
    hist: Float64Array,
    hConst: number,
    feats: Int32Array,
    nFeats: number,
  ): boolean {
    const sp = this.split;
    const C = this.end[i]! - this.start[i]!;
    const ok = findBestSplit(
      hist,
      this.mapper,
      feats,
      nFeats,
      this.sumG[i]!,
      this.sumH[i]!,
      C,
      hConst,
      this.params,
      sp,
      this.catScratch,
      this.wasmScan,
    );
    if (!ok) return false;
    this.feature[i] = sp.feature;
    this.bin[i] = sp.bin;
    this.missingLeft[i] = sp.missingLeft;
    this.isCategorical[i] = sp.isCategorical;
    if (sp.isCategorical === 1) this.catBits.set(sp.catBits, i * CAT_WORDS);
    this.gain[i] = sp.gain;
    this.splitGl[i] = sp.gl;
    this.splitHl[i] = sp.hl;
    return true;
  }

  /** Stable in-place partition of node p's rows by its split; returns the first right position. */
  private partition(p: number): number {
    const { rows, spill, lut, bins, nRows, mapper } = this;
    const f = this.feature[p]!;
    const nb = mapper.nValueBins[f]!;
    if (this.isCategorical[p] === 1) {
      const w = p * CAT_WORDS;
      for (let b = 0; b <= nb; b++) lut[b] = (this.catBits[w + (b >>> 5)]! >>> (b & 31)) & 1;
    } else {
      const t = this.bin[p]!;
      for (let b = 0; b < nb; b++) lut[b] = b <= t ? 1 : 0;
      lut[nb] = this.missingLeft[p]!;
    }
    const col = f * nRows;
    const s = this.start[p]!;
    const e = this.end[p]!;
    const w = this.wasm;
    if (w !== null && this.inWasm(rows, spill, bins, lut)) {
      return w.partition(rows.byteOffset, spill.byteOffset, s, e, bins.byteOffset + col, lut.byteOffset);
    }
    let nl = s;
    let nr = 0;
    // Branch-free: each row is written to both sides and only one cursor advances.
    for (let k = s; k < e; k++) {
      const r = rows[k]!;
      const toLeft = lut[bins[col + r]!]!;
      rows[nl] = r;
      spill[nr] = r;
      nl += toLeft;
      nr += 1 - toLeft;
    }
    rows.set(spill.subarray(0, nr), nl);
    return nl;
  }
}

function clearSelected(hist: Float64Array, offsets: Int32Array, feats: Int32Array, nFeats: number): void {
  for (let q = 0; q < nFeats; q++) {
    const f = feats[q]!;
    hist.fill(0, offsets[f]! * SLOT, offsets[f + 1]! * SLOT);
  }
}
