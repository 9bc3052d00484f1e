/** Isolation forest (Liu, Ting & Zhou 2008) as scikit-learn: random axis splits on ψ-row subsamples. */
import { AlchemistError } from "../../core/errors.js";
import { createRng, type Rng } from "../../core/rng.js";
import { checkDeadline, type Rows, sampleIndices } from "../cluster/index.js";
import type { AnomalyDetector, IsolationForestJSON } from "./anomaly-json.js";
import { checkDetectorWidth } from "./check-width.js";

export interface IsolationForestOptions {
  /** Trees (scikit-learn: 100). */
  readonly nTrees?: number;
  /** Rows per tree, ψ (scikit-learn: min(256, n)). */
  readonly maxSamples?: number;
  /** Fraction of the features each tree may split on (scikit-learn: 1). */
  readonly maxFeatures?: number;
  readonly seed: number;
  readonly deadline?: number;
}

const EULER_GAMMA = 0.5772156649015329;

/** Average path length of an unsuccessful BST search among n points: the normaliser c(n). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Fits the forest; the same seed gives the same trees. */
export function fitIsolationForest(X: Rows, opts: IsolationForestOptions): AnomalyDetector {
  const { n, d } = X;
  const nTrees = opts.nTrees ?? 100;
  const psi = Math.min(n, opts.maxSamples ?? 256);
  const maxFeatures = opts.maxFeatures ?? 1;
  if (!Number.isInteger(nTrees) || nTrees < 1 || psi < 2 || !(maxFeatures > 0 && maxFeatures <= 1)) {
    throw new AlchemistError(
      "INVALID_PARAMS",
      "Isolation forest needs ≥ 1 tree, ≥ 2 rows and 0 < maxFeatures ≤ 1.",
      {
        parameter: "nTrees/maxSamples/maxFeatures",
      },
    );
  }
  const nFeat = Math.max(1, Math.round(maxFeatures * d));
  const heightLimit = Math.ceil(Math.log2(psi));
  const rng = createRng(opts.seed);
  const nodesPerTree = 2 * psi - 1;
  const b: Builder = {
    feature: new Int32Array(nTrees * nodesPerTree),
    threshold: new Float64Array(nTrees * nodesPerTree),
    left: new Int32Array(nTrees * nodesPerTree),
    value: new Float64Array(nTrees * nodesPerTree),
    used: 0,
    X,
    rows: new Int32Array(psi),
    feats: new Int32Array(nFeat),
    order: new Int32Array(nFeat),
    heightLimit,
    rng,
  };
  const allFeats = Int32Array.from({ length: d }, (_, j) => j);
  const roots: number[] = [];
  for (let t = 0; t < nTrees; t++) {
    checkDeadline(opts.deadline, "Isolation forest");
    b.rows.set(sampleIndices(n, psi, rng.int));
    rng.shuffle(allFeats);
    b.feats.set(allFeats.subarray(0, nFeat));
    roots.push(b.used);
    b.used++;
    grow(b, roots[t] as number, 0, psi, 0);
  }
  const used = b.used;
  return isolationForestModel({
    kind: "isolation_forest",
    d,
    psi,
    roots,
    feature: Array.from(b.feature.subarray(0, used)),
    threshold: Array.from(b.threshold.subarray(0, used)),
    left: Array.from(b.left.subarray(0, used)),
    value: Array.from(b.value.subarray(0, used)),
    params: { n_trees: nTrees, max_samples: psi, max_features: maxFeatures },
  });
}

interface Builder {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  value: Float64Array;
  used: number;
  X: Rows;
  rows: Int32Array;
  feats: Int32Array;
  order: Int32Array;
  heightLimit: number;
  rng: Rng;
}

/** Grows node `node` over rows[lo, hi) at `depth`; children are allocated as a consecutive pair. */
function grow(b: Builder, node: number, lo: number, hi: number, depth: number): void {
  const size = hi - lo;
  const { data, d } = b.X;
  const leaf = (): void => {
    b.feature[node] = -1;
    b.value[node] = Math.fround(depth + averagePathLength(size));
  };
  if (size <= 1 || depth >= b.heightLimit) {
    leaf();
    return;
  }
  // Features are tried in random order until one is not constant here (as scikit-learn's splitter).
  b.order.set(b.feats);
  b.rng.shuffle(b.order);
  for (let t = 0; t < b.order.length; t++) {
    const f = b.order[t] as number;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    for (let r = lo; r < hi; r++) {
      const v = data[(b.rows[r] as number) * d + f] as number;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (!(mx > mn)) continue;
    let thr = Math.fround(mn + b.rng.next() * (mx - mn));
    if (!(thr > mn)) thr = mx; // rounding must not leave the left side empty forever
    let mid = lo;
    for (let r = lo; r < hi; r++) {
      const row = b.rows[r] as number;
      if ((data[row * d + f] as number) < thr) {
        b.rows[r] = b.rows[mid] as number;
        b.rows[mid++] = row;
      }
    }
    if (mid === lo || mid === hi) continue;
    const left = b.used;
    b.used += 2;
    b.feature[node] = f;
    b.threshold[node] = thr;
    b.left[node] = left;
    grow(b, left, lo, mid, depth + 1);
    grow(b, left + 1, mid, hi, depth + 1);
    return;
  }
  leaf();
}

/** Score = 2^(−E[h(x)] / c(ψ)) in (0, 1]; about 0.5 is unremarkable, near 1 is isolated quickly. */
export function isolationForestModel(json: IsolationForestJSON): AnomalyDetector {
  const feature = Int32Array.from(json.feature);
  const threshold = Float64Array.from(json.threshold);
  const left = Int32Array.from(json.left);
  const value = Float64Array.from(json.value);
  const roots = Int32Array.from(json.roots);
  const { d } = json;
  const norm = averagePathLength(json.psi);
  return {
    kind: "isolation_forest",
    d,
    score(X, n) {
      checkDetectorWidth(X, n, d, "isolation_forest");
      const out = new Float64Array(n);
      const nt = roots.length;
      for (let i = 0; i < n; i++) {
        const o = i * d;
        let total = 0;
        for (let t = 0; t < nt; t++) {
          let node = roots[t] as number;
          for (;;) {
            const f = feature[node] as number;
            if (f < 0) break;
            node = (left[node] as number) + ((X[o + f] as number) < (threshold[node] as number) ? 0 : 1);
          }
          total += value[node] as number;
        }
        out[i] = 2 ** -(total / nt / norm);
      }
      return out;
    },
    toJSON: () => structuredClone(json),
  };
}
