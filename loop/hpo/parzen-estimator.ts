/**
 * Univariate Parzen estimators of TPE (Bergstra et al. 2011) with Optuna's default rules: one
 * truncated-normal kernel per observation plus a wide prior kernel, bandwidths from neighbour
 * gaps clipped by the "magic clip"; categories as smoothed counts plus a uniform prior.
 */
import type { Rng } from "../../core/rng.js";
import { logDensity, logMass, sampleTruncatedNormal } from "./truncated-normal.js";

/**
 * Optuna's default observation weights: equal below 25 observations; beyond, the oldest n − 25
 * ramp linearly from 1/n up to 1 and the 25 most recent weigh 1. `n` observations in trial order.
 */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n < 25) return w;
  const ramp = n - 25;
  for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + (i * (1 - 1 / n)) / (ramp - 1);
  return w;
}

/** A mixture of truncated normals over [low − step/2, high + step/2] in model space. */
export interface NumericParzen {
  readonly low: number;
  readonly high: number;
  /** 1: kernels give the mass of [x − ½, x + ½] (plain ints); 0: densities. */
  readonly step: 0 | 1;
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** Normalised mixture weights, for sampling. */
  readonly weights: Float64Array;
  /** log weight − log of the kernel's mass inside the bounds, per kernel. */
  readonly logScale: Float64Array;
}

/**
 * Builds the estimator from model-space observations `xs` with weights `ws` (trial order) and the
 * prior kernel (centre of the range, sigma = the range) of weight `priorWeight`. Bandwidth of an
 * observation: the larger gap to its sorted neighbours (the prior's centre included; the range
 * ends count as neighbours except for the outermost points), clipped to
 * [range / min(100, 1 + kernels), range], kernels counting the prior.
 */
export function buildNumericParzen(
  xs: Float64Array,
  ws: Float64Array,
  low: number,
  high: number,
  step: 0 | 1,
  priorWeight: number,
): NumericParzen {
  const n = xs.length;
  const k = n + 1;
  const range = high - low + step;
  const mus = new Float64Array(k);
  const sigmas = new Float64Array(k);
  mus.set(xs);
  mus[n] = 0.5 * (low + high);

  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => mus[a]! - mus[b]! || a - b);
  const at = (j: number): number => (j < 0 ? low - step / 2 : j >= k ? high + step / 2 : mus[order[j]!]!);
  for (let j = 0; j < k; j++) {
    let gap = Math.max(at(j) - at(j - 1), at(j + 1) - at(j));
    if (k >= 2 && j === 0) gap = at(1) - at(0);
    if (k >= 2 && j === k - 1) gap = at(k - 1) - at(k - 2);
    sigmas[order[j]!] = gap;
  }
  const minSigma = range / Math.min(100, 1 + k);
  for (let i = 0; i < n; i++) sigmas[i] = Math.min(range, Math.max(minSigma, sigmas[i]!));
  sigmas[n] = range;

  const weights = new Float64Array(k);
  let total = priorWeight;
  for (let i = 0; i < n; i++) total += ws[i]!;
  for (let i = 0; i < n; i++) weights[i] = ws[i]! / total;
  weights[n] = priorWeight / total;

  const logScale = new Float64Array(k);
  const lo = low - step / 2;
  const hi = high + step / 2;
  for (let i = 0; i < k; i++) {
    const mu = mus[i]!;
    const s = sigmas[i]!;
    logScale[i] = Math.log(weights[i]!) - logMass((lo - mu) / s, (hi - mu) / s);
  }
  return { low, high, step, mus, sigmas, weights, logScale };
}

/** A model-space draw: pick a kernel by weight, draw from it (continuous; callers round ints). */
export function sampleNumeric(p: NumericParzen, rng: Rng): number {
  const i = pickIndex(p.weights, rng);
  return sampleTruncatedNormal(rng, p.mus[i]!, p.sigmas[i]!, p.low - p.step / 2, p.high + p.step / 2);
}

/** log density (step 0) or log mass of the unit cell around x (step 1) of the mixture at x. */
export function logPdfNumeric(p: NumericParzen, x: number): number {
  const half = p.step / 2;
  if (x < p.low - half || x > p.high + half) return Number.NEGATIVE_INFINITY;
  // Online log-sum-exp: a running maximum and the sum scaled to it, no scratch array.
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < p.mus.length; i++) {
    const mu = p.mus[i]!;
    const s = p.sigmas[i]!;
    const lk =
      p.step === 0
        ? logDensity((x - mu) / s) - Math.log(s) + p.logScale[i]!
        : logMass((x - half - mu) / s, (x + half - mu) / s) + p.logScale[i]!;
    if (lk === Number.NEGATIVE_INFINITY) continue;
    if (lk > max) {
      sum = sum * Math.exp(max - lk) + 1;
      max = lk;
    } else {
      sum += Math.exp(lk - max);
    }
  }
  return max + Math.log(sum);
}

/**
 * Category probabilities of the mixture: each observation's kernel is its category with weight 1
 * plus priorWeight / kernels on every category, renormalised; the prior kernel is uniform.
 */
export function buildCategoricalParzen(
  xs: Int32Array,
  ws: Float64Array,
  nChoices: number,
  priorWeight: number,
): Float64Array {
  const n = xs.length;
  const smoothing = priorWeight / (n + 1);
  const rowSum = nChoices * smoothing + 1;
  let total = priorWeight;
  for (let i = 0; i < n; i++) total += ws[i]!;
  const probs = new Float64Array(nChoices).fill(priorWeight / total / nChoices);
  for (let i = 0; i < n; i++) {
    const w = ws[i]! / total;
    for (let c = 0; c < nChoices; c++) probs[c]! += (w * smoothing) / rowSum;
    probs[xs[i]!]! += w / rowSum;
  }
  return probs;
}

/** Index drawn with probability proportional to `weights`. */
export function pickIndex(weights: Float64Array, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}
