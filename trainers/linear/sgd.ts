/**
 * Plain stochastic gradient descent for one linear output, after scikit-learn's `_plain_sgd`: the
 * weight vector kept as `wscale·w` so the L2 shrink is O(1), Tsuruoka's cumulative L1 penalty, the
 * 'optimal' / 'invscaling' / 'constant' schedules, reshuffling every epoch and stopping once the epoch
 * loss has not improved by tol·n for `nIterNoChange` epochs; optionally averaged (ASGD).
 */
import type { Rng } from "../../core/rng.js";
import type { SgdLoss } from "./sgd-losses.js";
import { lossCode, lossDerivative, lossValue } from "./sgd-losses.js";

export const LEARNING_RATES = ["optimal", "invscaling", "constant"] as const;
export type LearningRate = (typeof LEARNING_RATES)[number];
export const SGD_PENALTIES = ["l2", "l1", "elasticnet", "none"] as const;
export type SgdPenalty = (typeof SGD_PENALTIES)[number];

export interface SgdSettings {
  readonly loss: SgdLoss;
  readonly penalty: SgdPenalty;
  readonly alpha: number;
  readonly l1Ratio: number;
  readonly fitIntercept: boolean;
  readonly maxIter: number;
  /** Improvement needed per epoch, times n; negative disables the stopping rule. */
  readonly tol: number;
  readonly nIterNoChange: number;
  readonly learningRate: LearningRate;
  readonly eta0: number;
  readonly powerT: number;
  readonly epsilon: number;
  readonly shuffle: boolean;
  /** Return the average of all iterates (ASGD) instead of the last one. */
  readonly average: boolean;
}

export interface SgdResult {
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly epochs: number;
  /** False when the weights overflowed (learning rate too large for the data). */
  readonly finite: boolean;
}

const MAX_DLOSS = 1e12;

function rowDot(w: Float64Array, x: Float64Array, base: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += (w[j] as number) * (x[base + j] as number);
  return s;
}

function rowAxpy(w: Float64Array, x: Float64Array, base: number, p: number, f: number): void {
  for (let j = 0; j < p; j++) w[j] = (w[j] as number) + f * (x[base + j] as number);
}

/** Tsuruoka et al.'s cumulative L1 penalty: clip each weight towards 0 by what it has not yet paid. */
function l1Penalty(w: Float64Array, q: Float64Array, p: number, wscale: number, u: number): void {
  for (let j = 0; j < p; j++) {
    const z = w[j] as number;
    if (wscale * z > 0) w[j] = Math.max(0, z - (u + (q[j] as number)) / wscale);
    else if (wscale * z < 0) w[j] = Math.min(0, z + (u - (q[j] as number)) / wscale);
    q[j] = (q[j] as number) + wscale * ((w[j] as number) - z);
  }
}

/** avg ← avg + (w·wscale − avg)·mu */
function averageInto(avg: Float64Array, w: Float64Array, p: number, wscale: number, mu: number): void {
  for (let j = 0; j < p; j++)
    avg[j] = (avg[j] as number) + ((w[j] as number) * wscale - (avg[j] as number)) * mu;
}

function allFinite(w: Float64Array): boolean {
  for (let j = 0; j < w.length; j++) if (!Number.isFinite(w[j] as number)) return false;
  return true;
}

/** Fits one output. `x` row-major `n × p`, `y` targets (±1 for classification), `sw` per-row weights. */
export function plainSgd(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  sw: Float64Array,
  s: SgdSettings,
  rng: Rng,
): SgdResult {
  const w = new Float64Array(p);
  let wscale = 1;
  let intercept = 0;
  const code = lossCode(s.loss);
  const epsilon = s.epsilon;
  const l1Ratio = s.penalty === "l2" ? 0 : s.penalty === "l1" ? 1 : s.l1Ratio;
  const shrinks = s.penalty === "l2" || s.penalty === "elasticnet";
  const q = s.penalty === "l1" || s.penalty === "elasticnet" ? new Float64Array(p) : undefined;
  let u = 0;
  const alpha = s.alpha;
  const schedule = s.learningRate === "optimal" ? 0 : s.learningRate === "invscaling" ? 1 : 2;
  const eta0 = s.eta0;
  const powerT = s.powerT;
  const fitIntercept = s.fitIntercept;
  let optimalInit = 0;
  if (schedule === 0) {
    const typw = Math.sqrt(1 / Math.sqrt(alpha));
    const initialEta = typw / Math.max(1, lossDerivative(code, -typw, 1, epsilon));
    optimalInit = 1 / (initialEta * alpha);
  }
  const avgW = s.average ? new Float64Array(p) : undefined;
  let avgB = 0;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let t = 1;
  let bestLoss = Infinity;
  let noImprovement = 0;
  let epoch = 0;
  let finite = true;
  while (epoch < s.maxIter) {
    if (s.shuffle) rng.shuffle(order);
    let sumLoss = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const base = i * p;
      const pred = rowDot(w, x, base, p) * wscale + intercept;
      const eta =
        schedule === 0 ? 1 / (alpha * (optimalInit + t - 1)) : schedule === 1 ? eta0 / t ** powerT : eta0;
      const yi = y[i] as number;
      sumLoss += lossValue(code, pred, yi, epsilon);
      let dloss = lossDerivative(code, pred, yi, epsilon);
      if (dloss < -MAX_DLOSS) dloss = -MAX_DLOSS;
      else if (dloss > MAX_DLOSS) dloss = MAX_DLOSS;
      const update = -eta * dloss * (sw[i] as number);
      if (shrinks) {
        wscale *= Math.max(0, 1 - (1 - l1Ratio) * eta * alpha);
        if (wscale < 1e-9) {
          for (let j = 0; j < p; j++) w[j] = (w[j] as number) * wscale;
          wscale = 1;
        }
      }
      if (update !== 0) {
        rowAxpy(w, x, base, p, update / wscale);
        if (fitIntercept) intercept += update;
      }
      if (q) {
        u += l1Ratio * eta * alpha;
        l1Penalty(w, q, p, wscale, u);
      }
      if (avgW) {
        const mu = 1 / t;
        averageInto(avgW, w, p, wscale, mu);
        avgB += (intercept - avgB) * mu;
      }
      t++;
    }
    epoch++;
    if (!Number.isFinite(intercept) || !Number.isFinite(wscale) || !allFinite(w)) {
      finite = false;
      break;
    }
    if (s.tol >= 0 && sumLoss > bestLoss - s.tol * n) noImprovement++;
    else noImprovement = 0;
    if (sumLoss < bestLoss) bestLoss = sumLoss;
    if (noImprovement >= s.nIterNoChange) break;
  }
  if (avgW) return { coef: avgW, intercept: avgB, epochs: epoch, finite: finite && allFinite(avgW) };
  for (let j = 0; j < p; j++) w[j] = (w[j] as number) * wscale;
  return { coef: w, intercept, epochs: epoch, finite };
}
