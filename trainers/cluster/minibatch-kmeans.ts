/** Mini-batch k-means (Sculley 2010): per-centre learning rates 1/count, early stop on smoothed batch inertia. */
import { createRng } from "../../core/rng.js";
import { centroidModel } from "./centroid-model.js";
import { type ClusterFit, checkK } from "./kmeans.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { nearestCentres, type Rows, sampleIndices, sqDist, takeRows } from "./rows.js";

export interface MiniBatchKMeansOptions {
  readonly k: number;
  readonly batchSize?: number;
  /** Passes over the data at most (steps = maxIter · n / batchSize). */
  readonly maxIter?: number;
  /** Seeding restarts, each scored on the init sample (scikit-learn: 3). */
  readonly nInit?: number;
  /** Steps without improvement of the smoothed batch inertia before stopping. */
  readonly patience?: number;
  readonly seed: number;
  readonly deadline?: number;
}

/** Fits mini-batch k-means; memory and time per step are O(batchSize · k · d). */
export function fitMiniBatchKMeans(X: Rows, opts: MiniBatchKMeansOptions): ClusterFit {
  const { data, n, d } = X;
  checkK(opts.k, n, "mini-batch k-means");
  const k = opts.k;
  const batch = Math.min(n, opts.batchSize ?? 1024);
  const maxIter = opts.maxIter ?? 100;
  const nInit = opts.nInit ?? 3;
  const patience = opts.patience ?? 10;
  const rng = createRng(opts.seed);

  // Seeds are drawn and compared on a sample, as scikit-learn's init_size = 3 · batch.
  const initRows = takeRows(X, sampleIndices(n, Math.max(3 * batch, k), rng.int));
  const initLabels = new Int32Array(initRows.n);
  let centres = kmeansPlusPlus(initRows, k, rng);
  let bestInit = nearestCentres(initRows, centres, k, initLabels);
  for (let r = 1; r < nInit; r++) {
    const c = kmeansPlusPlus(initRows, k, rng);
    const inertia = nearestCentres(initRows, c, k, initLabels);
    if (inertia < bestInit) {
      bestInit = inertia;
      centres = c;
    }
  }

  const counts = new Float64Array(k);
  const idx = new Int32Array(batch);
  const steps = Math.max(1, Math.ceil((maxIter * n) / batch));
  let ewa = Number.NaN;
  let bestEwa = Number.POSITIVE_INFINITY;
  let stale = 0;
  let truncated = false;
  const alpha = Math.min(1, (2 * batch) / (n + 1));
  for (let s = 0; s < steps; s++) {
    for (let b = 0; b < batch; b++) idx[b] = rng.int(n);
    let batchInertia = 0;
    for (let b = 0; b < batch; b++) {
      const i = idx[b] as number;
      let bc = 0;
      let bd = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const dist = sqDist(data, i, centres, c, d);
        if (dist < bd) {
          bd = dist;
          bc = c;
        }
      }
      batchInertia += bd;
      const cnt = ++counts[bc]!;
      const eta = 1 / cnt;
      for (let j = 0; j < d; j++) {
        const p = bc * d + j;
        centres[p] = (centres[p] as number) + eta * ((data[i * d + j] as number) - (centres[p] as number));
      }
    }
    batchInertia /= batch;
    ewa = Number.isNaN(ewa) ? batchInertia : ewa * (1 - alpha) + batchInertia * alpha;
    if (ewa < bestEwa) {
      bestEwa = ewa;
      stale = 0;
    } else if (++stale >= patience) break;
    if (opts.deadline !== undefined && Date.now() > opts.deadline) {
      truncated = true;
      break;
    }
  }
  const labels = new Int32Array(n);
  const inertia = nearestCentres(X, centres, k, labels);
  const params = { k, batch_size: batch, max_iter: maxIter, n_init: nInit };
  return { model: centroidModel("minibatch_kmeans", centres, k, d, params), labels, inertia, truncated };
}
