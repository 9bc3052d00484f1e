/** Greedy k-means++ seeding (Arthur & Vassilvitskii, with scikit-learn's 2 + ln k local trials). */
import type { Rng } from "../../core/rng.js";
import { type Rows, sqDist } from "./rows.js";

/** `k` initial centres (k × d, row-major) drawn from the rows of `X` with D² sampling. */
export function kmeansPlusPlus(X: Rows, k: number, rng: Rng): Float64Array {
  const { data, n, d } = X;
  const centres = new Float64Array(k * d);
  const closest = new Float64Array(n);
  const trial = new Float64Array(n);
  const bestTrial = new Float64Array(n);
  const first = rng.int(n);
  centres.set(data.subarray(first * d, first * d + d), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(data, i, centres, 0, d);
    potential += closest[i] as number;
  }
  const localTrials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    let bestPot = Number.POSITIVE_INFINITY;
    let bestIdx = 0;
    for (let t = 0; t < localTrials; t++) {
      const cand = drawProportional(closest, potential, rng.next());
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const dist = sqDist(data, i, data, cand, d);
        const v = Math.min(dist, closest[i] as number);
        trial[i] = v;
        pot += v;
      }
      if (pot < bestPot) {
        bestPot = pot;
        bestIdx = cand;
        bestTrial.set(trial);
      }
    }
    centres.set(data.subarray(bestIdx * d, bestIdx * d + d), c * d);
    closest.set(bestTrial);
    potential = bestPot;
  }
  return centres;
}

/** The row whose cumulative weight first passes u · total (uniform when every weight is 0). */
function drawProportional(w: Float64Array, total: number, u: number): number {
  const n = w.length;
  if (!(total > 0)) return Math.min(n - 1, Math.floor(u * n));
  const target = u * total;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += w[i] as number;
    if (acc > target) return i;
  }
  return n - 1;
}
