/**
 * The fitted ensemble as flat arrays over all trees' nodes, splitting on raw feature values (not
 * bins), so a model predicts from any FeatureMatrix and serialises as plain arrays.
 */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { BinMapper } from "./binning.js";
import { CAT_WORDS } from "./split-finding.js";
import type { TreeGrower } from "./tree-grower.js";

/**
 * Node `i` (absolute index) is a leaf when `feature[i] < 0` (value `value[i]`). Otherwise a row goes
 * left when its value is missing (NaN, or a categorical code outside 0..L-1) and
 * `missingLeft[i] === 1`; or, numeric (`catStart[i] < 0`), when `x <= threshold[i]`; or,
 * categorical, when the bit of code x is set in `catBits[catStart[i] .. catStart[i] + CAT_WORDS)`.
 * Tree t spans nodes `treeStart[t] .. treeStart[t+1]` and adds to output `t % nOutputs`.
 */
export interface TreeEnsemble {
  readonly nOutputs: number;
  readonly baseline: Float64Array;
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly catStart: Int32Array;
  readonly catBits: Uint32Array;
  /** Loss reduction of each split (0 at leaves): the feature importances. */
  readonly gain: Float64Array;
  /**
   * Per feature: the number of levels L when it is split as a categorical, else 0. A code that is
   * not an integer in 0..L-1 is treated as missing, as during the fit.
   */
  readonly catLevels: Int32Array;
}

/** Number of trees. */
export function treeCount(e: TreeEnsemble): number {
  return e.treeStart.length - 1;
}

/** Raw scores, class-major (`out[k * n + i]`), for every row of X. */
export function predictRaw(e: TreeEnsemble, X: FeatureMatrix): Float64Array {
  const n = X.nRows;
  const data = X.data;
  const {
    nOutputs,
    treeStart,
    feature,
    threshold,
    missingLeft,
    left,
    right,
    value,
    catStart,
    catBits,
    catLevels,
  } = e;
  const out = new Float64Array(nOutputs * n);
  for (let k = 0; k < nOutputs; k++) out.fill(e.baseline[k]!, k * n, (k + 1) * n);
  const nTrees = treeStart.length - 1;
  if (catBits.length === 0) {
    // No categorical split anywhere: the numeric walk alone.
    for (let t = 0; t < nTrees; t++) {
      const root = treeStart[t]!;
      const o = (t % nOutputs) * n;
      for (let i = 0; i < n; i++) {
        let node = root;
        let f = feature[node]!;
        while (f >= 0) {
          const x = data[f * n + i]!;
          node =
            x <= threshold[node]! || (Number.isNaN(x) && missingLeft[node] === 1)
              ? left[node]!
              : right[node]!;
          f = feature[node]!;
        }
        out[o + i] = out[o + i]! + value[node]!;
      }
    }
    return out;
  }
  for (let t = 0; t < nTrees; t++) {
    const root = treeStart[t]!;
    const o = (t % nOutputs) * n;
    for (let i = 0; i < n; i++) {
      let node = root;
      let f = feature[node]!;
      while (f >= 0) {
        const x = data[f * n + i]!;
        const cs = catStart[node]!;
        let goLeft: boolean;
        if (cs < 0) goLeft = x <= threshold[node]! || (Number.isNaN(x) && missingLeft[node] === 1);
        else if (x >= 0 && x < catLevels[f]! && x === Math.floor(x))
          goLeft = ((catBits[cs + (x >>> 5)]! >>> (x & 31)) & 1) === 1;
        else goLeft = missingLeft[node] === 1;
        node = goLeft ? left[node]! : right[node]!;
        f = feature[node]!;
      }
      out[o + i] = out[o + i]! + value[node]!;
    }
  }
  return out;
}

/** Collects grown trees into growing flat buffers during a fit. */
export class EnsembleBuilder {
  private n = 0;
  private nCatWords = 0;
  private feature = new Int32Array(1024);
  private threshold = new Float64Array(1024);
  private missingLeft = new Uint8Array(1024);
  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  private value = new Float64Array(1024);
  private catStart = new Int32Array(1024);
  private gain = new Float64Array(1024);
  private catBits = new Uint32Array(256);
  private readonly starts: number[] = [0];

  constructor(private readonly mapper: BinMapper) {}

  /** Appends the grower's current tree; bin splits become raw-value thresholds. */
  append(grower: TreeGrower): void {
    const m = grower.nNodes;
    this.reserve(this.n + m);
    const base = this.n;
    for (let i = 0; i < m; i++) {
      const a = base + i;
      const f = grower.feature[i]!;
      this.feature[a] = f;
      this.value[a] = grower.value[i]!;
      this.gain[a] = grower.gain[i]!;
      this.catStart[a] = -1;
      if (f < 0) {
        this.threshold[a] = 0;
        this.missingLeft[a] = 0;
        this.left[a] = -1;
        this.right[a] = -1;
        continue;
      }
      this.left[a] = base + grower.left[i]!;
      this.right[a] = base + grower.right[i]!;
      this.missingLeft[a] = grower.missingLeft[i]!;
      if (grower.isCategorical[i] === 1) {
        if (this.nCatWords + CAT_WORDS > this.catBits.length) {
          const grown = new Uint32Array(this.catBits.length * 2);
          grown.set(this.catBits);
          this.catBits = grown;
        }
        this.catStart[a] = this.nCatWords;
        this.catBits.set(grower.catBits.subarray(i * CAT_WORDS, (i + 1) * CAT_WORDS), this.nCatWords);
        // The missing bin (bit L) is carried by missingLeft, not by the code bitset.
        const L = this.mapper.nValueBins[f]!;
        const w = this.nCatWords + (L >>> 5);
        this.catBits[w] = this.catBits[w]! & ~(1 << (L & 31));
        this.nCatWords += CAT_WORDS;
        this.threshold[a] = 0;
      } else {
        const t = this.mapper.thresholds[f]!;
        const b = grower.bin[i]!;
        this.threshold[a] = b < t.length ? t[b]! : Number.POSITIVE_INFINITY;
      }
    }
    this.n += m;
    this.starts.push(this.n);
  }

  finish(nOutputs: number, baseline: Float64Array): TreeEnsemble {
    const n = this.n;
    return {
      nOutputs,
      baseline: baseline.slice(),
      treeStart: Int32Array.from(this.starts),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      catStart: this.catStart.slice(0, n),
      catBits: this.catBits.slice(0, this.nCatWords),
      gain: this.gain.slice(0, n),
      catLevels: Int32Array.from(this.mapper.nValueBins, (L, j) =>
        this.mapper.isCategorical[j] === 1 ? L : 0,
      ),
    };
  }

  private reserve(need: number): void {
    if (need <= this.feature.length) return;
    let cap = this.feature.length;
    while (cap < need) cap *= 2;
    this.feature = grow(this.feature, new Int32Array(cap));
    this.threshold = grow(this.threshold, new Float64Array(cap));
    this.missingLeft = grow(this.missingLeft, new Uint8Array(cap));
    this.left = grow(this.left, new Int32Array(cap));
    this.right = grow(this.right, new Int32Array(cap));
    this.value = grow(this.value, new Float64Array(cap));
    this.catStart = grow(this.catStart, new Int32Array(cap));
    this.gain = grow(this.gain, new Float64Array(cap));
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old as never);
  return bigger;
}

/** Total split gain per feature, normalised to sum 1 (all zeros when no tree splits). */
export function gainImportance(e: TreeEnsemble, nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures);
  let total = 0;
  for (let i = 0; i < e.feature.length; i++) {
    const f = e.feature[i]!;
    if (f >= 0) {
      out[f] = out[f]! + e.gain[i]!;
      total += e.gain[i]!;
    }
  }
  if (total > 0) for (let j = 0; j < nFeatures; j++) out[j] = out[j]! / total;
  return out;
}
