/** DBSCAN on (a sample of) the rows, eps from the knee of the sorted k-distance curve. */
import { createRng } from "../../core/rng.js";
import { buildNeighborIndex, kNeighbors } from "../neighbors/index.js";
import { checkWidth } from "./centroid-model.js";
import type { ClusterModel, DbscanJSON } from "./cluster-json.js";
import type { ClusterFit } from "./kmeans.js";
import { checkDeadline, type Rows, sampleIndices, sqDist, takeRows } from "./rows.js";

export interface DbscanOptions {
  /** Neighbours (the point included) that make a core point; default 2·d clamped to 4..20. */
  readonly minPts?: number;
  /** Neighbourhood radius; default the knee of the sorted (minPts−1)-distance curve. */
  readonly eps?: number;
  /**
   * DBSCAN proper runs on at most this many rows (region queries are O(m²) distance evaluations);
   * the other rows join the cluster of their nearest core point within eps, else noise.
   */
  readonly maxRows?: number;
  readonly seed: number;
  readonly deadline?: number;
}

/** The default minPts for d features. */
export function defaultMinPts(d: number): number {
  return Math.min(20, Math.max(4, 2 * d));
}

/**
 * The knee of the ascending k-distance curve: the point farthest below the chord from the first to
 * the last point (both axes scaled to [0, 1]); beyond it distances climb steeply (noise).
 */
export function kneeEps(X: Rows, minPts: number): number {
  const k = Math.min(minPts, X.n);
  const index = buildNeighborIndex(X.data, X.n, X.d, k, "auto", "euclidean", 40);
  const { dist } = kNeighbors(index, X.data, X.n, k);
  const kd = new Float64Array(X.n);
  for (let i = 0; i < X.n; i++) kd[i] = dist[i * k + k - 1] as number;
  kd.sort();
  const lo = kd[0] as number;
  const hi = kd[X.n - 1] as number;
  if (!(hi > lo)) return hi > 0 ? hi : 1e-12;
  let best = 0;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < X.n; i++) {
    const gap = i / Math.max(1, X.n - 1) - ((kd[i] as number) - lo) / (hi - lo);
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return Math.max(kd[best] as number, 1e-12);
}

/** Fits DBSCAN; labels are 0..k−1 and −1 for noise. */
export function fitDbscan(X: Rows, opts: DbscanOptions): ClusterFit & { eps: number; noise: number } {
  const { n, d } = X;
  const minPts = opts.minPts ?? defaultMinPts(d);
  const rng = createRng(opts.seed);
  const sampleIdx = sampleIndices(n, opts.maxRows ?? 4000, rng.int);
  const S = sampleIdx.length === n ? X : takeRows(X, sampleIdx);
  const eps = opts.eps ?? kneeEps(S, minPts);
  const eps2 = eps * eps;
  const m = S.n;
  const counts = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    if ((i & 255) === 0) checkDeadline(opts.deadline, "DBSCAN");
    for (let j = i; j < m; j++) {
      if (sqDist(S.data, i, S.data, j, d) <= eps2) {
        counts[i]!++;
        if (j !== i) counts[j]!++;
      }
    }
  }
  const labels = new Int32Array(m).fill(-1);
  const queue = new Int32Array(m);
  let k = 0;
  for (let s = 0; s < m; s++) {
    if (labels[s] !== -1 || (counts[s] as number) < minPts) continue;
    checkDeadline(opts.deadline, "DBSCAN");
    labels[s] = k;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const p = queue[head++] as number;
      if ((counts[p] as number) < minPts) continue; // border points do not expand
      for (let j = 0; j < m; j++) {
        if (labels[j] !== -1 || sqDist(S.data, p, S.data, j, d) > eps2) continue;
        labels[j] = k;
        queue[tail++] = j;
      }
    }
    k++;
  }
  let nCores = 0;
  for (let i = 0; i < m; i++) if ((counts[i] as number) >= minPts) nCores++;
  const cores = new Float64Array(nCores * d);
  const coreLabels: number[] = [];
  for (let i = 0, c = 0; i < m; i++) {
    if ((counts[i] as number) < minPts) continue;
    cores.set(S.data.subarray(i * d, i * d + d), c * d);
    coreLabels.push(labels[i] as number);
    c++;
  }
  const model = dbscanModel({
    kind: "dbscan",
    d,
    k,
    eps,
    cores: Array.from(cores),
    coreLabels,
    params: { min_pts: minPts, eps, max_rows: opts.maxRows ?? 4000 },
  });
  let all: Int32Array = labels;
  if (m !== n) {
    all = model.assign(X.data, n);
    for (let r = 0; r < m; r++) all[sampleIdx[r] as number] = labels[r] as number;
  }
  let noise = 0;
  for (let i = 0; i < n; i++) if (all[i] === -1) noise++;
  return { model, labels: all, inertia: Number.NaN, truncated: false, eps, noise };
}

/** New rows join the cluster of their nearest core point when it lies within eps; else −1 (noise). */
export function dbscanModel(json: DbscanJSON): ClusterModel {
  const { d, k, eps } = json;
  const cores = Float64Array.from(json.cores);
  const coreLabels = Int32Array.from(json.coreLabels);
  const nc = coreLabels.length;
  const eps2 = eps * eps;
  return {
    kind: "dbscan",
    k,
    d,
    assign(X, n) {
      checkWidth(X, n, d, "dbscan");
      const out = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i++) {
        let bd = Number.POSITIVE_INFINITY;
        let bl = -1;
        for (let c = 0; c < nc; c++) {
          const dist = sqDist(X, i, cores, c, d);
          if (dist < bd) {
            bd = dist;
            bl = coreLabels[c] as number;
          }
        }
        if (bd <= eps2) out[i] = bl;
      }
      return out;
    },
    toJSON: () => structuredClone(json),
  };
}
