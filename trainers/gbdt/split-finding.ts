/**
 * Best split of a node from its histogram: numeric features by a left-to-right scan of the bins with
 * the missing bin tried on each side (the learned default direction), categorical features
 * LightGBM-style (categories sorted by gradient / (hessian + smoothing), best prefix of that order).
 */
import type { BinMapper } from "./binning.js";
import { SLOT } from "./histogram.js";
import type { WasmKernels } from "./wasm-kernels.js";

/** The WebAssembly split scan and its 6-value output array (in the kernels' memory). */
export interface WasmScan {
  readonly kernels: WasmKernels;
  readonly out: Float64Array;
}

/** Categorical splits store their left categories as a bitset over bins: 256 bins = 8 words. */
export const CAT_WORDS = 8;
/** Categories (bins) with fewer rows in the node are not placed on the left side. */
export const MIN_CAT_SUPPORT = 10;
/** Added to a category's hessian before sorting by gradient / hessian. */
export const CAT_SMOOTH = 10;
/** At most this many categories go left in one categorical split. */
export const MAX_CAT_THRESHOLD = 32;

export interface SplitConstraints {
  /** L2 penalty on leaf values (added to every hessian sum). */
  readonly l2: number;
  readonly minSamplesLeaf: number;
  readonly minHessianLeaf: number;
}

/** The best split found for a node (mutable; reused). */
export class SplitInfo {
  /** Loss reduction; ≤ 0 means no valid split. */
  gain = 0;
  feature = -1;
  /** Numeric: bins ≤ `bin` go left. */
  bin = 0;
  /** Missing values go left (1) or right (0). */
  missingLeft = 0;
  isCategorical = 0;
  /** Categorical: bins (the missing bin included) going left. */
  readonly catBits = new Uint32Array(CAT_WORDS);
  /** Sums of the left child. */
  gl = 0;
  hl = 0;
  cl = 0;

  copyFrom(o: SplitInfo): void {
    this.gain = o.gain;
    this.feature = o.feature;
    this.bin = o.bin;
    this.missingLeft = o.missingLeft;
    this.isCategorical = o.isCategorical;
    this.catBits.set(o.catBits);
    this.gl = o.gl;
    this.hl = o.hl;
    this.cl = o.cl;
  }
}

/** Work arrays of the categorical search, allocated once per fit. */
export class CategoricalScratch {
  readonly bins = new Int32Array(256);
  readonly value = new Float64Array(256);
  /** Orders bins by value, ties by bin (deterministic). */
  readonly byValue = (a: number, b: number): number => this.value[a]! - this.value[b]! || a - b;
}

/**
 * Finds the best split of a node over the features `feats[0..nFeats)` and writes it to `out`
 * (`out.gain <= 0` when nothing is valid). `G, H, C`: the node's gradient, hessian and count sums.
 * `hConst > 0`: hessians are constant (`h = hConst` per row) and the histogram's hessian slots are
 * unused. Returns whether a split with positive gain was found.
 */
export function findBestSplit(
  hist: Float64Array,
  mapper: BinMapper,
  feats: Int32Array,
  nFeats: number,
  G: number,
  H: number,
  C: number,
  hConst: number,
  cons: SplitConstraints,
  out: SplitInfo,
  scratch: CategoricalScratch,
  wasm: WasmScan | null = null,
): boolean {
  const l2 = cons.l2;
  const minC = cons.minSamplesLeaf;
  const minH = cons.minHessianLeaf;
  const parentScore = (G * G) / (H + l2);
  let bestScore = parentScore;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissLeft = 0;
  let bestGl = 0;
  let bestHl = 0;
  let bestCl = 0;
  let bestCat = 0;
  if (C < 2 * minC || H < 2 * minH) {
    out.gain = 0;
    out.feature = -1;
    return false;
  }
  const { nValueBins, offsets, isCategorical } = mapper;
  const constHess = hConst > 0;
  const scan = wasm !== null && hist.buffer === wasm.kernels.memory.buffer ? wasm : null;
  for (let q = 0; q < nFeats; q++) {
    const f = feats[q]!;
    const nb = nValueBins[f]!;
    const s0 = offsets[f]! * SLOT;
    const ms = s0 + nb * SLOT;
    const gm = hist[ms]!;
    const cm = hist[ms + 2]!;
    const hm = constHess ? cm * hConst : hist[ms + 1]!;
    if (isCategorical[f] === 1) {
      const score = categoricalScore(hist, s0, nb, G, H, C, hConst, l2, minC, minH, scratch, bestScore);
      if (score > bestScore) {
        bestScore = score;
        bestFeature = f;
        bestCat = 1;
        out.catBits.set(catResult.bits);
        bestGl = catResult.gl;
        bestHl = catResult.hl;
        bestCl = catResult.cl;
        bestMissLeft = catResult.missingLeft;
        bestBin = 0;
      }
      continue;
    }
    if (scan !== null) {
      // The same scan as below, in WebAssembly (identical operations, identical result).
      const r = scan.out;
      const hb = hist.byteOffset + s0 * 8;
      if (scan.kernels.scanNumeric(hb, nb, G, H, C, hConst, l2, minC, minH, bestScore, r.byteOffset) === 1) {
        bestScore = r[0]!;
        bestFeature = f;
        bestBin = r[1]!;
        bestMissLeft = r[2]!;
        bestGl = r[3]!;
        bestHl = r[4]!;
        bestCl = r[5]!;
        bestCat = 0;
      }
      continue;
    }
    let gl = 0;
    let hl = 0;
    let cl = 0;
    const lastSplit = nb - 2;
    for (let b = 0, s = s0; b <= lastSplit; b++, s += SLOT) {
      const c = hist[s + 2]!;
      gl += hist[s]!;
      cl += c;
      hl = constHess ? cl * hConst : hl + hist[s + 1]!;
      // An empty bin splits the rows as the previous threshold did: nothing new to score.
      if (c === 0) continue;
      // Missing values to the right.
      const cr = C - cl;
      if (cr < minC) break;
      if (cl >= minC && hl >= minH) {
        const hr = H - hl;
        if (hr >= minH) {
          const gr = G - gl;
          const score = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2);
          if (score > bestScore) {
            bestScore = score;
            bestFeature = f;
            bestBin = b;
            bestMissLeft = 0;
            bestGl = gl;
            bestHl = hl;
            bestCl = cl;
            bestCat = 0;
          }
        }
      }
      // Missing values to the left.
      if (cm > 0) {
        const cl2 = cl + cm;
        const cr2 = C - cl2;
        const hl2 = hl + hm;
        const hr2 = H - hl2;
        if (cl2 >= minC && cr2 >= minC && hl2 >= minH && hr2 >= minH) {
          const gl2 = gl + gm;
          const gr2 = G - gl2;
          const score = (gl2 * gl2) / (hl2 + l2) + (gr2 * gr2) / (hr2 + l2);
          if (score > bestScore) {
            bestScore = score;
            bestFeature = f;
            bestBin = b;
            bestMissLeft = 1;
            bestGl = gl2;
            bestHl = hl2;
            bestCl = cl2;
            bestCat = 0;
          }
        }
      }
    }
    // All values left, missing values alone on the right.
    if (cm >= minC && hm >= minH && nb > 0) {
      const clv = C - cm;
      const hlv = H - hm;
      if (clv >= minC && hlv >= minH) {
        const glv = G - gm;
        const score = (glv * glv) / (hlv + l2) + (gm * gm) / (hm + l2);
        if (score > bestScore) {
          bestScore = score;
          bestFeature = f;
          bestBin = nb - 1;
          bestMissLeft = 0;
          bestGl = glv;
          bestHl = hlv;
          bestCl = clv;
          bestCat = 0;
        }
      }
    }
  }
  if (bestFeature < 0) {
    out.gain = 0;
    out.feature = -1;
    return false;
  }
  out.gain = bestScore - parentScore;
  out.feature = bestFeature;
  out.bin = bestBin;
  out.isCategorical = bestCat;
  out.gl = bestGl;
  out.hl = bestHl;
  out.cl = bestCl;
  if (bestCat === 0) {
    // No missing value in the node for that feature: send them where most rows went.
    const ms = (mapper.offsets[bestFeature]! + mapper.nValueBins[bestFeature]!) * SLOT;
    out.missingLeft = hist[ms + 2]! > 0 ? bestMissLeft : bestCl >= C - bestCl ? 1 : 0;
  } else {
    out.missingLeft = bestMissLeft;
  }
  return out.gain > 0;
}

/** Where categoricalScore leaves its best split (module scratch; single-threaded use). */
const catResult = { bits: new Uint32Array(CAT_WORDS), gl: 0, hl: 0, cl: 0, missingLeft: 0 };

/**
 * Best categorical split of one feature: bins with enough rows (the missing bin included) sorted by
 * g / (h + CAT_SMOOTH), then prefixes of that order scanned from both ends. Returns the best score
 * above `floor` (leaving the split in `catResult`), or `floor` when none beats it.
 */
function categoricalScore(
  hist: Float64Array,
  s0: number,
  nb: number,
  G: number,
  H: number,
  C: number,
  hConst: number,
  l2: number,
  minC: number,
  minH: number,
  scratch: CategoricalScratch,
  floor: number,
): number {
  const { bins, value } = scratch;
  let used = 0;
  // Bins 0..nb-1 are the categories, bin nb the missing values (a category of its own here).
  for (let b = 0; b <= nb; b++) {
    const s = s0 + b * SLOT;
    const c = hist[s + 2]!;
    if (c < MIN_CAT_SUPPORT) continue;
    const h = hConst > 0 ? c * hConst : hist[s + 1]!;
    value[b] = hist[s]! / (h + CAT_SMOOTH);
    bins[used++] = b;
  }
  if (used < 2) return floor;
  bins.subarray(0, used).sort(scratch.byValue);
  const maxLeft = Math.min(MAX_CAT_THRESHOLD, (used + 1) >> 1);
  let best = floor;
  let bestDir = 0;
  let bestLen = 0;
  let bestGl = 0;
  let bestHl = 0;
  let bestCl = 0;
  for (let dir = 0; dir < 2; dir++) {
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let i = 0; i < maxLeft; i++) {
      const b = bins[dir === 0 ? i : used - 1 - i]!;
      const s = s0 + b * SLOT;
      gl += hist[s]!;
      cl += hist[s + 2]!;
      hl = hConst > 0 ? cl * hConst : hl + hist[s + 1]!;
      const cr = C - cl;
      const hr = H - hl;
      if (cl < minC || hl < minH) continue;
      if (cr < minC || hr < minH) break;
      const gr = G - gl;
      const score = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2);
      if (score > best) {
        best = score;
        bestDir = dir;
        bestLen = i + 1;
        bestGl = gl;
        bestHl = hl;
        bestCl = cl;
      }
    }
  }
  if (bestLen === 0) return floor;
  const bits = catResult.bits;
  bits.fill(0);
  for (let i = 0; i < bestLen; i++) {
    const b = bins[bestDir === 0 ? i : used - 1 - i]!;
    bits[b >>> 5] = bits[b >>> 5]! | (1 << (b & 31));
  }
  catResult.gl = bestGl;
  catResult.hl = bestHl;
  catResult.cl = bestCl;
  catResult.missingLeft = (bits[nb >>> 5]! >>> (nb & 31)) & 1;
  return best;
}
