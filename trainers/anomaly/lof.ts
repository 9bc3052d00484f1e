/**
 * Local outlier factor (Breunig et al. 2000) in novelty mode: densities are fitted on a reference
 * sample (at most `maxRows` rows, since every score needs a k-NN query against it) and new rows are
 * scored against that sample.
 */
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { checkDeadline, type Rows, sampleIndices, takeRows } from "../cluster/index.js";
import { buildNeighborIndex, kNeighbors, type NeighborIndex } from "../neighbors/index.js";
import type { AnomalyDetector, LofJSON } from "./anomaly-json.js";
import { checkDetectorWidth } from "./check-width.js";

export interface LofOptions {
  /** Neighbours (scikit-learn: 20). */
  readonly k?: number;
  /** Reference rows kept (sampled without replacement beyond this). */
  readonly maxRows?: number;
  readonly seed: number;
  readonly deadline?: number;
}

/** Guards 1/0 where k neighbours coincide (duplicated rows), as scikit-learn's 1e-10. */
const REACH_EPS = 1e-10;
const QUERY_CHUNK = 512;

export interface LofDetector extends AnomalyDetector {
  /** Rows of the fit input kept as the reference sample. */
  readonly referenceRows: Int32Array;
  /**
   * Scores where query `q` is reference row `self[q]` (−1: not a reference row): that row is left
   * out of its own neighbours, as for training rows in LOF proper.
   */
  scoreWithSelf(X: Float64Array, n: number, self: Int32Array): Float64Array;
}

export function fitLof(X: Rows, opts: LofOptions): LofDetector {
  const referenceRows = sampleIndices(X.n, opts.maxRows ?? 5000, createRng(opts.seed).int);
  const R = referenceRows.length === X.n ? X : takeRows(X, referenceRows);
  const k = Math.min(opts.k ?? 20, R.n - 1);
  if (!Number.isInteger(k) || k < 1) {
    throw new AlchemistError("INVALID_PARAMS", `LOF needs k ≥ 1 and more than k rows (got k = ${k}).`, {
      parameter: "k",
    });
  }
  const index = buildNeighborIndex(R.data, R.n, R.d, k + 1, "auto", "euclidean", 40);
  const self = Int32Array.from({ length: R.n }, (_, i) => i);
  const kDistance = new Float64Array(R.n);
  const nbIdx = new Int32Array(R.n * k);
  const nbDist = new Float64Array(R.n * k);
  neighbours(index, R.data, R.n, k, self, nbIdx, nbDist, opts.deadline);
  for (let i = 0; i < R.n; i++) kDistance[i] = nbDist[i * k + k - 1] as number;
  const lrd = new Float64Array(R.n);
  for (let i = 0; i < R.n; i++) lrd[i] = localDensity(nbIdx, nbDist, i, k, kDistance);
  return lofModel(
    {
      kind: "lof",
      d: R.d,
      k,
      reference: Array.from(R.data),
      kDistance: Array.from(kDistance),
      lrd: Array.from(lrd),
      params: { k, max_rows: opts.maxRows ?? 5000 },
    },
    referenceRows,
  );
}

/** k neighbours of each query excluding `self[q]`, written at q·k of idx/dist (nearest first). */
function neighbours(
  index: NeighborIndex,
  Q: Float64Array,
  nq: number,
  k: number,
  self: Int32Array | null,
  idx: Int32Array,
  dist: Float64Array,
  deadline: number | undefined,
): void {
  const d = index.d;
  const kq = self === null ? k : Math.min(k + 1, index.n);
  for (let s = 0; s < nq; s += QUERY_CHUNK) {
    checkDeadline(deadline, "LOF");
    const e = Math.min(nq, s + QUERY_CHUNK);
    const r = kNeighbors(index, Q.subarray(s * d, e * d), e - s, kq);
    for (let q = s; q < e; q++) {
      const me = self === null ? -1 : (self[q] as number);
      let w = 0;
      for (let t = 0; t < kq && w < k; t++) {
        const j = r.idx[(q - s) * kq + t] as number;
        if (j === me) continue;
        idx[q * k + w] = j;
        dist[q * k + w] = r.dist[(q - s) * kq + t] as number;
        w++;
      }
    }
  }
}

/** 1 / mean reachability distance of query q to its neighbours. */
function localDensity(
  idx: Int32Array,
  dist: Float64Array,
  q: number,
  k: number,
  kDistance: Float64Array,
): number {
  let s = 0;
  for (let t = 0; t < k; t++) {
    const j = idx[q * k + t] as number;
    const dj = dist[q * k + t] as number;
    const kd = kDistance[j] as number;
    s += Math.max(dj, kd);
  }
  return 1 / (s / k + REACH_EPS);
}

/** LOF = mean neighbour density / own density: about 1 inside a cluster, large when isolated. */
export function lofModel(json: LofJSON, referenceRows: Int32Array = new Int32Array(0)): LofDetector {
  const { d, k } = json;
  const reference = Float64Array.from(json.reference);
  const kDistance = Float64Array.from(json.kDistance);
  const lrd = Float64Array.from(json.lrd);
  const m = kDistance.length;
  const index = buildNeighborIndex(reference, m, d, k + 1, "auto", "euclidean", 40);
  const scoreWithSelf = (X: Float64Array, n: number, self: Int32Array | null): Float64Array => {
    checkDetectorWidth(X, n, d, "lof");
    const idx = new Int32Array(n * k);
    const dist = new Float64Array(n * k);
    neighbours(index, X, n, k, self, idx, dist, undefined);
    const out = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      const own = localDensity(idx, dist, q, k, kDistance);
      let s = 0;
      for (let t = 0; t < k; t++) s += lrd[idx[q * k + t] as number] as number;
      out[q] = s / k / own;
    }
    return out;
  };
  return {
    kind: "lof",
    d,
    referenceRows,
    score: (X, n) => scoreWithSelf(X, n, null),
    scoreWithSelf: (X, n, self) => scoreWithSelf(X, n, self),
    toJSON: () => structuredClone(json),
  };
}
