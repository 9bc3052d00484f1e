/** k-means (Lloyd) with k-means++ seeding and several seeded restarts; keeps the lowest inertia. */
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { centroidModel } from "./centroid-model.js";
import type { ClusterModel } from "./cluster-json.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { nearestCentres, type Rows } from "./rows.js";

export interface KMeansOptions {
  readonly k: number;
  /** Restarts from fresh k-means++ seeds (scikit-learn: 10). */
  readonly nInit?: number;
  readonly maxIter?: number;
  /** Stop when the centres move less than tol × mean feature variance (squared), as scikit-learn. */
  readonly tol?: number;
  readonly seed: number;
  /** Epoch ms: restarts not begun by then are skipped (at least one always completes). */
  readonly deadline?: number;
}

export interface ClusterFit {
  readonly model: ClusterModel;
  /** Cluster of each training row. */
  readonly labels: Int32Array;
  /** Sum of squared distances to the assigned centre (centroid models). */
  readonly inertia: number;
  /** True when the deadline cut restarts or iterations short. */
  readonly truncated: boolean;
}

export function checkK(k: number, n: number, what: string): void {
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new AlchemistError("INVALID_PARAMS", `${what}: k must be an integer in 1..${n} (rows), got ${k}.`, {
      parameter: "k",
    });
  }
}

/** Mean over features of the per-feature variance (the scale scikit-learn's tol is relative to). */
export function meanVariance(X: Rows): number {
  const { data, n, d } = X;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + j] as number;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const t = (data[i * d + j] as number) - m;
      v += t * t;
    }
    total += v / n;
  }
  return total / d;
}

/**
 * Lloyd iterations from `centres` (updated in place); returns the final inertia with `labels` set.
 * An empty cluster takes the row farthest from its centre, so k clusters survive.
 */
export function lloyd(
  X: Rows,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  maxIter: number,
  tolAbs: number,
  deadline: number | undefined,
): { inertia: number; truncated: boolean } {
  const { data, n, d } = X;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const dist = new Float64Array(n);
  let truncated = false;
  for (let it = 0; it < maxIter; it++) {
    nearestCentres(X, centres, k, labels, dist);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      counts[c]!++;
      for (let j = 0; j < d; j++) sums[c * d + j]! += data[i * d + j] as number;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] !== 0) continue;
      let far = 0;
      for (let i = 1; i < n; i++) if ((dist[i] as number) > (dist[far] as number)) far = i;
      dist[far] = 0;
      const from = labels[far] as number;
      counts[from]!--;
      counts[c] = 1;
      for (let j = 0; j < d; j++) {
        const v = data[far * d + j] as number;
        sums[from * d + j]! -= v;
        sums[c * d + j] = v;
      }
      labels[far] = c;
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const cnt = counts[c] as number;
      for (let j = 0; j < d; j++) {
        const v = (sums[c * d + j] as number) / cnt;
        const t = v - (centres[c * d + j] as number);
        shift += t * t;
        centres[c * d + j] = v;
      }
    }
    if (shift <= tolAbs) break;
    if (deadline !== undefined && Date.now() > deadline) {
      truncated = true;
      break;
    }
  }
  // Labels must match the final centres.
  const inertia = nearestCentres(X, centres, k, labels);
  return { inertia, truncated };
}

/** Fits k-means; the same seed gives the same centres. */
export function fitKMeans(X: Rows, opts: KMeansOptions): ClusterFit {
  const { n, d } = X;
  checkK(opts.k, n, "k-means");
  const k = opts.k;
  const nInit = opts.nInit ?? 10;
  const maxIter = opts.maxIter ?? 300;
  const tolAbs = (opts.tol ?? 1e-4) * meanVariance(X);
  const rng = createRng(opts.seed);
  let best: { centres: Float64Array; labels: Int32Array; inertia: number } | null = null;
  let truncated = false;
  for (let r = 0; r < nInit; r++) {
    if (best !== null && opts.deadline !== undefined && Date.now() > opts.deadline) {
      truncated = true;
      break;
    }
    const centres = kmeansPlusPlus(X, k, rng);
    const labels = new Int32Array(n);
    const res = lloyd(X, centres, k, labels, maxIter, tolAbs, opts.deadline);
    truncated ||= res.truncated;
    if (best === null || res.inertia < best.inertia) best = { centres, labels, inertia: res.inertia };
  }
  const b = best as { centres: Float64Array; labels: Int32Array; inertia: number };
  const params = { k, n_init: nInit, max_iter: maxIter, tol: opts.tol ?? 1e-4 };
  return {
    model: centroidModel("kmeans", b.centres, k, d, params),
    labels: b.labels,
    inertia: b.inertia,
    truncated,
  };
}
