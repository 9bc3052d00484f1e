/** Gaussian mixture by EM (diagonal or full covariance), k-means initialisation, BIC for model choice. */
import { createRng } from "../../core/rng.js";
import { checkWidth } from "./centroid-model.js";
import type { ClusterModel, GaussianMixtureJSON } from "./cluster-json.js";
import { gaussianFactors, logDensities } from "./gaussian-density.js";
import { checkK, fitKMeans } from "./kmeans.js";
import type { Rows } from "./rows.js";

export interface GaussianMixtureOptions {
  readonly k: number;
  readonly covariance: "diag" | "full";
  /** EM restarts, each from its own k-means start; the best log-likelihood wins (scikit-learn: 1). */
  readonly nInit?: number;
  readonly maxIter?: number;
  /** Stop when the mean log-likelihood changes less than this (scikit-learn: 1e-3). */
  readonly tol?: number;
  /** Added to every variance so no component collapses onto a point (scikit-learn: 1e-6). */
  readonly regCovar?: number;
  readonly seed: number;
  readonly deadline?: number;
}

export interface GaussianMixtureFit {
  readonly model: ClusterModel & { readonly json: GaussianMixtureJSON };
  readonly labels: Int32Array;
  /** Mean log-likelihood per row at the end of EM. */
  readonly logLikelihood: number;
  /** Bayesian information criterion: −2 · total log-likelihood + parameters · ln n (lower is better). */
  readonly bic: number;
  readonly truncated: boolean;
}

/** Free parameters of a k-component mixture in d dimensions. */
export function mixtureParameters(k: number, d: number, covariance: "diag" | "full"): number {
  const cov = covariance === "diag" ? k * d : (k * d * (d + 1)) / 2;
  return k - 1 + k * d + cov;
}

/** Fits the mixture; the same seed gives the same model. */
export function fitGaussianMixture(X: Rows, opts: GaussianMixtureOptions): GaussianMixtureFit {
  const { n, d } = X;
  checkK(opts.k, n, "Gaussian mixture");
  const { k, covariance } = opts;
  const nInit = opts.nInit ?? 1;
  const rng = createRng(opts.seed);
  let best: { state: EmState; ll: number } | null = null;
  let truncated = false;
  for (let r = 0; r < nInit; r++) {
    if (best !== null && opts.deadline !== undefined && Date.now() > opts.deadline) {
      truncated = true;
      break;
    }
    const init = fitKMeans(X, { k, nInit: 1, seed: rng.int(2 ** 31), maxIter: 100 });
    const res = runEm(X, init.labels, opts);
    truncated ||= res.truncated;
    if (best === null || res.ll > best.ll) best = { state: res.state, ll: res.ll };
  }
  const b = best as { state: EmState; ll: number };
  const params = {
    k,
    covariance,
    n_init: nInit,
    max_iter: opts.maxIter ?? 100,
    reg_covar: opts.regCovar ?? 1e-6,
  };
  const model = gaussianMixtureModel({
    kind: "gmm",
    covariance,
    d,
    k,
    weights: Array.from(b.state.weights),
    means: Array.from(b.state.means),
    covariances: Array.from(b.state.covariances),
    params,
  });
  return {
    model,
    labels: model.assign(X.data, n),
    logLikelihood: b.ll,
    bic: -2 * b.ll * n + mixtureParameters(k, d, covariance) * Math.log(n),
    truncated,
  };
}

interface EmState {
  weights: Float64Array;
  means: Float64Array;
  covariances: Float64Array;
}

function runEm(
  X: Rows,
  labels: Int32Array,
  opts: GaussianMixtureOptions,
): { state: EmState; ll: number; truncated: boolean } {
  const { n, d } = X;
  const { k, covariance } = opts;
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) resp[i * k + (labels[i] as number)] = 1;
  const state = mStep(X, resp, k, covariance, opts.regCovar ?? 1e-6);
  const logp = new Float64Array(n * k);
  const work = new Float64Array(d);
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-3;
  let prev = Number.NEGATIVE_INFINITY;
  let ll = Number.NEGATIVE_INFINITY;
  let truncated = false;
  for (let it = 0; it < maxIter; it++) {
    ll = eStep(X, state, k, covariance, logp, resp, work);
    const next = mStep(X, resp, k, covariance, opts.regCovar ?? 1e-6);
    state.weights = next.weights;
    state.means = next.means;
    state.covariances = next.covariances;
    if (Math.abs(ll - prev) < tol) break;
    prev = ll;
    if (opts.deadline !== undefined && Date.now() > opts.deadline) {
      truncated = true;
      break;
    }
  }
  ll = eStep(X, state, k, covariance, logp, resp, work);
  return { state, ll, truncated };
}

/** Responsibilities into `resp`; returns the mean log-likelihood. */
function eStep(
  X: Rows,
  s: EmState,
  k: number,
  covariance: "diag" | "full",
  logp: Float64Array,
  resp: Float64Array,
  work: Float64Array,
): number {
  const { n, d } = X;
  logDensities(gaussianFactors(covariance, s.means, s.covariances, k, d), X.data, n, logp, work);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let m = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const v = (logp[i * k + c] as number) + Math.log(s.weights[c] as number);
      logp[i * k + c] = v;
      if (v > m) m = v;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp((logp[i * k + c] as number) - m);
    const lse = m + Math.log(sum);
    total += lse;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp((logp[i * k + c] as number) - lse);
  }
  return total / n;
}

function mStep(X: Rows, resp: Float64Array, k: number, covariance: "diag" | "full", reg: number): EmState {
  const { data, n, d } = X;
  const nk = new Float64Array(k);
  const means = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c] as number;
      if (r === 0) continue;
      nk[c]! += r;
      for (let j = 0; j < d; j++) means[c * d + j]! += r * (data[i * d + j] as number);
    }
  }
  // A tiny floor keeps an emptied component finite, as scikit-learn's 10·eps.
  for (let c = 0; c < k; c++) nk[c]! += 10 * Number.EPSILON;
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j]! /= nk[c] as number;
  const width = covariance === "diag" ? d : d * d;
  const covariances = new Float64Array(k * width);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c] as number;
      if (r === 0) continue;
      const off = c * width;
      for (let a = 0; a < d; a++) {
        const ta = (data[i * d + a] as number) - (means[c * d + a] as number);
        if (covariance === "diag") covariances[off + a]! += r * ta * ta;
        else {
          for (let b = 0; b <= a; b++) {
            covariances[off + a * d + b]! +=
              r * ta * ((data[i * d + b] as number) - (means[c * d + b] as number));
          }
        }
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const off = c * width;
    const w = nk[c] as number;
    if (covariance === "diag") {
      for (let a = 0; a < d; a++) covariances[off + a] = (covariances[off + a] as number) / w + reg;
    } else {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b <= a; b++) {
          const v = (covariances[off + a * d + b] as number) / w + (a === b ? reg : 0);
          covariances[off + a * d + b] = v;
          covariances[off + b * d + a] = v;
        }
      }
    }
  }
  const weights = new Float64Array(k);
  for (let c = 0; c < k; c++) weights[c] = (nk[c] as number) / n;
  return { weights, means, covariances };
}

/** The fitted mixture as a clusterer: a row goes to the component of highest posterior. */
export function gaussianMixtureModel(
  json: GaussianMixtureJSON,
): ClusterModel & { readonly json: GaussianMixtureJSON } {
  const { k, d, covariance } = json;
  const g = gaussianFactors(
    covariance,
    Float64Array.from(json.means),
    Float64Array.from(json.covariances),
    k,
    d,
  );
  const logW = Float64Array.from(json.weights, Math.log);
  return {
    kind: "gmm",
    k,
    d,
    json,
    assign(X, n) {
      checkWidth(X, n, d, "gmm");
      const logp = new Float64Array(n * k);
      logDensities(g, X, n, logp, new Float64Array(d));
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let bc = 0;
        let bv = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) {
          const v = (logp[i * k + c] as number) + (logW[c] as number);
          if (v > bv) {
            bv = v;
            bc = c;
          }
        }
        labels[i] = bc;
      }
      return labels;
    },
    toJSON: () => structuredClone(json),
  };
}
