/**
 * Quantile binning: every feature becomes at most `maxBins` value bins plus one missing bin, stored
 * as bytes in one column-major `Uint8Array` built once per fit (the histogram loops read only that).
 */
import type { Rng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { Arena, arenaBytes, type WasmKernels } from "./wasm-kernels.js";

/** Rows sampled (seeded) to find the quantile thresholds, as scikit-learn and LightGBM do. */
export const BINNING_SAMPLE = 200_000;

/** How raw values map to bins, per feature. */
export interface BinMapper {
  readonly nFeatures: number;
  /**
   * Value bins of feature j; the missing bin of feature j is bin `nValueBins[j]`. Numeric features:
   * the number of thresholds + 1 (0 when the feature is all missing). Categorical features: the
   * number of levels L (bin = category code).
   */
  readonly nValueBins: Int32Array;
  /**
   * Numeric features: ascending midpoints between bins; bin(x) = number of thresholds < x, so that
   * `bin(x) <= b` exactly when `x <= thresholds[j][b]`. Empty for categorical features.
   */
  readonly thresholds: readonly Float64Array[];
  /** 1 where feature j is split natively as a categorical (codes as bins). */
  readonly isCategorical: Uint8Array;
  /** 1 where feature j had missing values in the rows the mapper was fitted on. */
  readonly hasMissing: Uint8Array;
  /** Histogram slot of bin 0 of feature j; feature j holds `nValueBins[j] + 1` slots. */
  readonly offsets: Int32Array;
  /** Total histogram slots (`offsets[nFeatures]`). */
  readonly totalSlots: number;
}

/**
 * LSD radix sort (8-bit digits) of doubles by their IEEE bits mapped to unsigned order, carrying
 * each value's position; passes whose digit is the same for every key are skipped (integer-valued
 * data skips most). Work arrays are allocated once for up to `capacity` values.
 */
export class RadixSorter {
  /**
   * Values to sort: write `values[0..m)` and call `sort(m)`; then `sorted[0..m)` ascends and
   * `order[k]` is the position in `values` of `sorted[k]`.
   */
  readonly values: Float64Array;
  readonly sorted: Float64Array;
  readonly order: Int32Array;
  private readonly sortedBits: Uint32Array;
  private readonly bits: Uint32Array;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private pos: Int32Array;
  private hi2: Uint32Array;
  private lo2: Uint32Array;
  private pos2: Int32Array;
  private readonly counts: Int32Array;
  private readonly wasm: WasmKernels | null;

  /** With WebAssembly available the arrays live in its memory and the two loops run there. */
  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    const arena = new Arena(
      arenaBytes(8 * n, 8 * n, 4 * n, 4 * n, 4 * n, 4 * n, 4 * n, 4 * n, 4 * n, 4 * 8 * 256),
    );
    this.wasm = arena.kernels;
    this.values = arena.f64(n);
    this.bits = new Uint32Array(this.values.buffer, this.values.byteOffset, 2 * n);
    this.sorted = arena.f64(n);
    this.sortedBits = new Uint32Array(this.sorted.buffer, this.sorted.byteOffset, 2 * n);
    this.order = arena.i32(n);
    // Uint32 views over arena slots (the arena hands out Int32Arrays).
    const u32 = (a: Int32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);
    this.hi = u32(arena.i32(n));
    this.lo = u32(arena.i32(n));
    this.pos = arena.i32(n);
    this.hi2 = u32(arena.i32(n));
    this.lo2 = u32(arena.i32(n));
    this.pos2 = arena.i32(n);
    this.counts = arena.i32(8 * 256);
  }

  /** Sorts `values[0..m)` (no NaN) into `sorted`, with `order` (stable). */
  sort(m: number): void {
    const { bits, counts, wasm } = this;
    let hi = this.hi;
    let lo = this.lo;
    let pos = this.pos;
    counts.fill(0);
    if (wasm !== null) {
      wasm.radixKeys(
        m,
        this.values.byteOffset,
        hi.byteOffset,
        lo.byteOffset,
        pos.byteOffset,
        counts.byteOffset,
      );
    } else {
      for (let i = 0; i < m; i++) {
        let h = bits[2 * i + 1]!;
        let l = bits[2 * i]!;
        // Negative numbers: flip every bit; others: flip the sign bit (unsigned order = numeric order).
        if (h >>> 31 === 1) {
          h = ~h >>> 0;
          l = ~l >>> 0;
        } else {
          h = (h ^ 0x80000000) >>> 0;
        }
        hi[i] = h;
        lo[i] = l;
        pos[i] = i;
        counts[l & 255]!++;
        counts[256 + ((l >>> 8) & 255)]!++;
        counts[512 + ((l >>> 16) & 255)]!++;
        counts[768 + (l >>> 24)]!++;
        counts[1024 + (h & 255)]!++;
        counts[1280 + ((h >>> 8) & 255)]!++;
        counts[1536 + ((h >>> 16) & 255)]!++;
        counts[1792 + (h >>> 24)]!++;
      }
    }
    for (let pass = 0; pass < 8 && m > 1; pass++) {
      const c0 = pass * 256;
      // Skip a pass where every key has the same digit.
      let first = 0;
      while (counts[c0 + first] === 0) first++;
      if (counts[c0 + first] === m) continue;
      // Exclusive prefix sums: the first output slot of each digit.
      let sum = 0;
      for (let d = 0; d < 256; d++) {
        const c = counts[c0 + d]!;
        counts[c0 + d] = sum;
        sum += c;
      }
      const keys = pass >= 4 ? hi : lo;
      const shift = (pass & 3) * 8;
      const hi2 = this.hi2;
      const lo2 = this.lo2;
      const pos2 = this.pos2;
      if (wasm !== null) {
        const cp = counts.byteOffset + 4 * c0;
        wasm.radixPass(
          m,
          keys.byteOffset,
          shift,
          hi.byteOffset,
          lo.byteOffset,
          pos.byteOffset,
          hi2.byteOffset,
          lo2.byteOffset,
          pos2.byteOffset,
          cp,
        );
      } else {
        for (let i = 0; i < m; i++) {
          const d = c0 + ((keys[i]! >>> shift) & 255);
          const at = counts[d]!;
          counts[d] = at + 1;
          hi2[at] = hi[i]!;
          lo2[at] = lo[i]!;
          pos2[at] = pos[i]!;
        }
      }
      this.hi2 = hi;
      this.lo2 = lo;
      this.pos2 = pos;
      hi = hi2;
      lo = lo2;
      pos = pos2;
    }
    this.hi = hi;
    this.lo = lo;
    this.pos = pos;
    this.order.set(pos.subarray(0, m));
    // The values back from the sorted keys (sequential, instead of gathering values[order[k]]).
    if (wasm !== null) {
      wasm.radixValues(m, hi.byteOffset, lo.byteOffset, this.sorted.byteOffset);
    } else {
      const out = this.sortedBits;
      for (let i = 0; i < m; i++) {
        const h = hi[i]!;
        if (h >>> 31 === 1) {
          out[2 * i + 1] = (h ^ 0x80000000) >>> 0;
          out[2 * i] = lo[i]!;
        } else {
          out[2 * i + 1] = ~h >>> 0;
          out[2 * i] = ~lo[i]! >>> 0;
        }
      }
    }
  }
}

/**
 * Thresholds from ascending non-missing values `s[0..m)`: midpoints between distinct values when
 * there are at most `maxBins`, else the percentiles 100·q/maxBins (q = 1..maxBins-1, numpy's
 * "midpoint" interpolation, as scikit-learn), deduplicated.
 */
export function thresholdsFromSorted(s: Float64Array, m: number, maxBins: number): Float64Array {
  if (m === 0) return new Float64Array(0);
  let distinct = 1;
  for (let i = 1; i < m && distinct <= maxBins; i++) if (s[i]! !== s[i - 1]!) distinct++;
  if (distinct <= maxBins) {
    const out = new Float64Array(distinct - 1);
    let k = 0;
    let prev = s[0]!;
    for (let i = 1; i < m; i++) {
      const v = s[i]!;
      if (v !== prev) {
        out[k++] = prev + (v - prev) * 0.5;
        prev = v;
      }
    }
    return out;
  }
  const out = new Float64Array(maxBins - 1);
  let k = 0;
  for (let q = 1; q < maxBins; q++) {
    const pos = (q * (m - 1)) / maxBins;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const t = lo === hi ? s[lo]! : (s[lo]! + s[hi]!) * 0.5;
    if (k === 0 || t > out[k - 1]!) out[k++] = t;
  }
  // A threshold at the column maximum would leave its upper bin empty; drop it.
  if (k > 0 && out[k - 1]! >= s[m - 1]!) k--;
  return out.slice(0, k);
}

/** Thresholds for one numeric column (NaN skipped), at most `maxBins - 1` of them. */
export function numericThresholds(values: Float64Array, maxBins: number): Float64Array {
  const sorter = new RadixSorter(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) sorter.values[m++] = v;
  }
  sorter.sort(m);
  return thresholdsFromSorted(sorter.sorted, m, maxBins);
}

/**
 * Fits the bin mapper on the rows `rows` of X (all rows when omitted). Categorical features with at
 * most `maxBins` levels are binned by code; others are treated as numeric.
 */
export function fitBinMapper(X: FeatureMatrix, maxBins: number, rng: Rng, rows?: Int32Array): BinMapper {
  return fitBins(X, maxBins, rng, rows, null).mapper;
}

/**
 * Fits the bin mapper on the rows `rows` of X (all rows when omitted) and, when `into` is given,
 * bins those rows into it (column-major, as `binMatrix`). Each numeric column is sorted once: the
 * thresholds are its quantiles, and when every row was in the sort the bins follow from a walk
 * along the sorted order (no search).
 */
export function fitBins(
  X: FeatureMatrix,
  maxBins: number,
  rng: Rng,
  rows: Int32Array | undefined,
  into: Uint8Array | null,
): { mapper: BinMapper; bins: Uint8Array | null } {
  const { nRows, nCols, data } = X;
  const nUse = rows ? rows.length : nRows;
  // Positions (within the used rows) sampled for the thresholds when there are many.
  let sample: Int32Array | null = null;
  if (nUse > BINNING_SAMPLE) {
    const pool = new Int32Array(nUse);
    for (let i = 0; i < nUse; i++) pool[i] = i;
    for (let i = 0; i < BINNING_SAMPLE; i++) {
      const j = i + rng.int(nUse - i);
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    sample = pool.subarray(0, BINNING_SAMPLE).sort();
  }
  const nSample = sample ? sample.length : nUse;
  const sorter = new RadixSorter(nSample);
  const where = new Int32Array(nSample);
  const nValueBins = new Int32Array(nCols);
  const isCategorical = new Uint8Array(nCols);
  const hasMissing = new Uint8Array(nCols);
  const thresholds: Float64Array[] = [];
  const walked: boolean[] = [];
  for (let j = 0; j < nCols; j++) {
    const base = j * nRows;
    walked.push(false);
    for (let i = 0; i < nUse; i++) {
      if (Number.isNaN(data[base + (rows ? rows[i]! : i)]!)) {
        hasMissing[j] = 1;
        break;
      }
    }
    const levels = X.categorical[j];
    if (levels != null && levels >= 1 && levels <= maxBins) {
      isCategorical[j] = 1;
      nValueBins[j] = levels;
      thresholds.push(new Float64Array(0));
      continue;
    }
    // Non-missing values at the sampled positions, remembering the positions.
    let m = 0;
    for (let k = 0; k < nSample; k++) {
      const at = sample ? sample[k]! : k;
      const v = data[base + (rows ? rows[at]! : at)]!;
      if (!Number.isNaN(v)) {
        sorter.values[m] = v;
        where[m++] = at;
      }
    }
    sorter.sort(m);
    const order = sorter.order;
    const sorted = sorter.sorted;
    const t = thresholdsFromSorted(sorted, m, maxBins);
    thresholds.push(t);
    nValueBins[j] = m > 0 ? t.length + 1 : 0;
    if (into !== null && sample === null) {
      // Every used row is in the sort: walk it to bin them (missing values: the missing bin).
      walked[j] = true;
      const dst = j * nUse;
      into.fill(nValueBins[j]!, dst, dst + nUse);
      const nt = t.length;
      let b = 0;
      for (let k = 0; k < m; k++) {
        const v = sorted[k]!;
        while (b < nt && t[b]! < v) b++;
        into[dst + where[order[k]!]!] = b;
      }
    }
  }
  const offsets = new Int32Array(nCols + 1);
  for (let j = 0; j < nCols; j++) offsets[j + 1] = offsets[j]! + nValueBins[j]! + 1;
  const mapper: BinMapper = {
    nFeatures: nCols,
    nValueBins,
    thresholds,
    isCategorical,
    hasMissing,
    offsets,
    totalSlots: offsets[nCols]!,
  };
  if (into === null) return { mapper, bins: null };
  // Columns the walk did not bin (categorical, or thresholds from a sample): binary search.
  binMatrix(X, mapper, rows, into, walked);
  return { mapper, bins: into };
}

/** Bin of one value of feature j (NaN → the missing bin; codes outside 0..L-1 → missing bin). */
export function binValue(mapper: BinMapper, j: number, v: number): number {
  const nb = mapper.nValueBins[j]!;
  if (Number.isNaN(v)) return nb;
  if (mapper.isCategorical[j] === 1) return Number.isInteger(v) && v >= 0 && v < nb ? v : nb;
  return lowerBound(mapper.thresholds[j]!, v);
}

/** Number of entries of ascending `t` strictly less than `v`. */
function lowerBound(t: Float64Array, v: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The binned matrix of rows `rows` of X (all rows when omitted): column-major bytes,
 * `out[j * m + i]` for the i-th selected row; written into `into` when given (m × nCols bytes),
 * leaving the columns flagged in `skip` as they are.
 */
export function binMatrix(
  X: FeatureMatrix,
  mapper: BinMapper,
  rows?: Int32Array,
  into?: Uint8Array,
  skip?: readonly boolean[],
): Uint8Array {
  const { nRows, nCols, data } = X;
  const m = rows ? rows.length : nRows;
  const out = into ?? new Uint8Array(m * nCols);
  for (let j = 0; j < nCols; j++) {
    if (skip?.[j] === true) continue;
    const base = j * nRows;
    const dst = j * m;
    const nb = mapper.nValueBins[j]!;
    if (mapper.isCategorical[j] === 1) {
      for (let i = 0; i < m; i++) {
        const v = data[base + (rows ? rows[i]! : i)]!;
        out[dst + i] = v >= 0 && v < nb && Number.isInteger(v) ? v : nb;
      }
      continue;
    }
    const t = mapper.thresholds[j]!;
    const nt = t.length;
    for (let i = 0; i < m; i++) {
      const v = data[base + (rows ? rows[i]! : i)]!;
      if (Number.isNaN(v)) {
        out[dst + i] = nb;
        continue;
      }
      let lo = 0;
      let hi = nt;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (t[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      out[dst + i] = lo;
    }
  }
  return out;
}
