/**
 * Boosting losses: the optimal constant (baseline raw score), gradients and hessians, the mean
 * loss (early stopping), and the leaf refits of the robust regression losses.
 *
 * Raw scores, gradients and hessians are class-major: output k of row i is at `k * n + i`.
 * Binary classification uses one output (the logit), K > 2 classes use K (softmax).
 */
import { EXP_CONSTANTS, type WasmKernels } from "./wasm-kernels.js";

export const LOSSES = ["log_loss", "squared_error", "absolute_error", "huber"] as const;
export type LossName = (typeof LOSSES)[number];

/** Probabilities are clipped to [EPS, 1 - EPS] for the baseline (numpy's float64 eps). */
const EPS = 2.220446049250313e-16;

/** 2^j for j in -1100..1099 (exact), at index j + 1100. */
const POW2 = Float64Array.from({ length: 2200 }, (_, i) => 2 ** (i - 1100));

/**
 * exp for the gradients: range reduction by ln 2, a degree-13 polynomial (Estrin), scaling by 2^k in
 * two exact steps; within 2 ulp of Math.exp for normal results. The WebAssembly kernels run the same
 * operations in the same order, so both give bit-identical gradients (and models).
 */
export function gbdtExp(x: number): number {
  const E = EXP_CONSTANTS;
  const c = E.c;
  const k0 = Math.floor(x * E.log2e + 0.5);
  // biome-ignore lint/complexity/useMathMinMax: the same compare-and-select as the WebAssembly kernel
  const kf = k0 < E.kmin ? E.kmin : k0 > E.kmax ? E.kmax : k0;
  const r = x - kf * E.ln2hi - kf * E.ln2lo;
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const q0 = c[0]! + c[1]! * r + (c[2]! + c[3]! * r) * r2;
  const q1 = c[4]! + c[5]! * r + (c[6]! + c[7]! * r) * r2;
  const q2 = c[8]! + c[9]! * r + (c[10]! + c[11]! * r) * r2;
  const s0 = q0 + q1 * r4;
  const s1 = q2 + (c[12]! + c[13]! * r) * r4;
  const p = s0 + s1 * r8;
  const k = kf | 0;
  const k1 = k >> 1;
  const y = p * POW2[k1 + 1100]! * POW2[k - k1 + 1100]!;
  return x > E.overflow ? Number.POSITIVE_INFINITY : x < E.underflow ? 0 : y;
}

function inMemory(kernels: WasmKernels, ...arrays: Float64Array[]): boolean {
  const buf = kernels.memory.buffer;
  for (const a of arrays) if (a.buffer !== buf) return false;
  return true;
}

/** Raw outputs per row: K for softmax over K > 2 classes, else 1. */
export function outputsFor(loss: LossName, nClasses: number): number {
  return loss === "log_loss" && nClasses > 2 ? nClasses : 1;
}

/** Whether every hessian equals 1 (no sample weights and a loss with unit hessian). */
export function hasConstantHessian(loss: LossName, w: Float64Array | null): boolean {
  return loss !== "log_loss" && w === null;
}

/** The raw score(s) of the best constant model. */
export function baseline(
  loss: LossName,
  y: Float64Array,
  w: Float64Array | null,
  nClasses: number,
): Float64Array {
  const n = y.length;
  const nOut = outputsFor(loss, nClasses);
  const out = new Float64Array(nOut);
  if (loss === "log_loss") {
    const counts = new Float64Array(Math.max(2, nClasses));
    let total = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i]!;
      counts[y[i]!] = counts[y[i]!]! + wi;
      total += wi;
    }
    if (nOut === 1) {
      const p = clip(total > 0 ? counts[1]! / total : 0.5);
      out[0] = Math.log(p / (1 - p));
    } else {
      for (let k = 0; k < nOut; k++) out[k] = Math.log(clip(total > 0 ? counts[k]! / total : 1 / nOut));
    }
    return out;
  }
  if (loss === "squared_error") {
    let s = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i]!;
      s += wi * y[i]!;
      sw += wi;
    }
    out[0] = sw > 0 ? s / sw : 0;
    return out;
  }
  out[0] = weightedMedian(y.slice(), w === null ? null : w.slice(), n);
  return out;
}

function clip(p: number): number {
  return p < EPS ? EPS : Math.min(p, 1 - EPS);
}

/**
 * Gradients and hessians of every output at the current raw scores (`h` untouched when hessians
 * are constant). `rowMax`/`rowSum` are scratch arrays of length n (softmax only). `delta`: Huber's
 * threshold for this round.
 */
export function gradients(
  loss: LossName,
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | null,
  nOut: number,
  g: Float64Array,
  h: Float64Array,
  rowMax: Float64Array,
  rowSum: Float64Array,
  delta: number,
  kernels: WasmKernels | null = null,
): void {
  const n = y.length;
  switch (loss) {
    case "log_loss":
      if (nOut === 1) {
        // The sigmoids in WebAssembly when the arrays live in its memory (identical values).
        const wasm = kernels !== null && inMemory(kernels, raw, g);
        if (wasm) kernels.sigmoid(n, raw.byteOffset, g.byteOffset);
        for (let i = 0; i < n; i++) {
          const p = wasm ? g[i]! : 1 / (1 + gbdtExp(-raw[i]!));
          const wi = w === null ? 1 : w[i]!;
          g[i] = wi * (p - y[i]!);
          h[i] = wi * p * (1 - p);
        }
      } else {
        softmaxInto(raw, n, nOut, g, rowMax, rowSum, kernels);
        for (let k = 0; k < nOut; k++) {
          const o = k * n;
          for (let i = 0; i < n; i++) {
            const p = g[o + i]!;
            const wi = w === null ? 1 : w[i]!;
            g[o + i] = wi * (p - (y[i] === k ? 1 : 0));
            h[o + i] = wi * p * (1 - p);
          }
        }
      }
      return;
    case "squared_error":
      for (let i = 0; i < n; i++) g[i] = (w === null ? 1 : w[i]!) * (raw[i]! - y[i]!);
      break;
    case "absolute_error":
      for (let i = 0; i < n; i++) {
        const d = raw[i]! - y[i]!;
        g[i] = (w === null ? 1 : w[i]!) * (d > 0 ? 1 : d < 0 ? -1 : 0);
      }
      break;
    case "huber":
      for (let i = 0; i < n; i++) {
        const d = raw[i]! - y[i]!;
        g[i] = (w === null ? 1 : w[i]!) * (d > delta ? delta : Math.max(d, -delta));
      }
      break;
  }
  if (w !== null) h.set(w.subarray(0, n));
}

/** Class-major softmax of `raw` (n rows × nOut) into `p` (exponentials by `gbdtExp`). */
export function softmaxInto(
  raw: Float64Array,
  n: number,
  nOut: number,
  p: Float64Array,
  rowMax: Float64Array,
  rowSum: Float64Array,
  kernels: WasmKernels | null = null,
): void {
  rowMax.set(raw.subarray(0, n));
  for (let k = 1; k < nOut; k++) {
    const o = k * n;
    for (let i = 0; i < n; i++) if (raw[o + i]! > rowMax[i]!) rowMax[i] = raw[o + i]!;
  }
  const wasm = kernels !== null && inMemory(kernels, raw, p, rowMax);
  rowSum.fill(0, 0, n);
  for (let k = 0; k < nOut; k++) {
    const o = k * n;
    if (wasm) kernels.expSub(n, raw.byteOffset + 8 * o, rowMax.byteOffset, p.byteOffset + 8 * o);
    else for (let i = 0; i < n; i++) p[o + i] = gbdtExp(raw[o + i]! - rowMax[i]!);
    for (let i = 0; i < n; i++) rowSum[i] = rowSum[i]! + p[o + i]!;
  }
  for (let k = 0; k < nOut; k++) {
    const o = k * n;
    for (let i = 0; i < n; i++) p[o + i] = p[o + i]! / rowSum[i]!;
  }
}

/** Weighted mean loss at the raw scores (log loss, squared error, absolute error, Huber with `delta`). */
export function meanLoss(
  loss: LossName,
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | null,
  nOut: number,
  delta: number,
): number {
  const n = y.length;
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i]!;
    let l: number;
    if (loss === "log_loss") {
      if (nOut === 1) {
        const z = raw[i]!;
        // log(1 + e^z) - y z, computed without overflow.
        l = (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
      } else {
        let m = raw[i]!;
        for (let k = 1; k < nOut; k++) if (raw[k * n + i]! > m) m = raw[k * n + i]!;
        let se = 0;
        for (let k = 0; k < nOut; k++) se += Math.exp(raw[k * n + i]! - m);
        l = m + Math.log(se) - raw[y[i]! * n + i]!;
      }
    } else {
      const d = y[i]! - raw[i]!;
      const a = Math.abs(d);
      if (loss === "squared_error") l = 0.5 * d * d;
      else if (loss === "absolute_error") l = a;
      else l = a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
    }
    s += wi * l;
    sw += wi;
  }
  return sw > 0 ? s / sw : 0;
}

/**
 * Huber's threshold: the weighted `alpha`-quantile of |y - raw| (as scikit-learn's gradient
 * boosting). `scratch` holds at least n values.
 */
export function huberDelta(
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | null,
  alpha: number,
  scratch: Float64Array,
  wScratch: Float64Array,
): number {
  const n = y.length;
  for (let i = 0; i < n; i++) scratch[i] = Math.abs(y[i]! - raw[i]!);
  if (w === null) return percentileSorted(scratch.subarray(0, n).sort(), alpha);
  wScratch.set(w.subarray(0, n));
  return weightedPercentile(scratch, wScratch, n, alpha);
}

/** Linear-interpolated percentile of an ascending array (numpy's default). */
function percentileSorted(s: Float64Array, q: number): number {
  const n = s.length;
  if (n === 0) return 0;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * Median of `v[0..n)` (mean of the two middle values), or the weighted median (the first value
 * whose cumulative weight reaches half the total) when `w` is given. Reorders `v` and `w`.
 */
export function weightedMedian(v: Float64Array, w: Float64Array | null, n: number): number {
  if (n === 0) return 0;
  if (w === null) {
    const s = v.subarray(0, n).sort();
    const m = n >> 1;
    return n % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) * 0.5;
  }
  return weightedPercentile(v, w, n, 0.5);
}

/** Weighted percentile (inverted CDF, as scikit-learn's `_weighted_percentile`). Reorders v and w. */
function weightedPercentile(v: Float64Array, w: Float64Array, n: number, q: number): number {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => v[a]! - v[b]! || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i]!;
  const target = q * total;
  let c = 0;
  for (let k = 0; k < n; k++) {
    c += w[order[k]!]!;
    if (c >= target) return v[order[k]!]!;
  }
  return v[order[n - 1]!]!;
}

/**
 * The refit value of one leaf for absolute error (median residual) or Huber (median residual plus
 * the mean clipped deviation from it), before shrinkage. `rows[start..end)` are the leaf's rows;
 * residuals are `y - raw`; `vs`/`ws` are scratch of at least `end - start` values.
 */
export function robustLeafValue(
  loss: "absolute_error" | "huber",
  rows: Int32Array,
  start: number,
  end: number,
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | null,
  delta: number,
  vs: Float64Array,
  ws: Float64Array,
): number {
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const r = rows[start + k]!;
    vs[k] = y[r]! - raw[r]!;
    if (w !== null) ws[k] = w[r]!;
  }
  const med = weightedMedian(vs, w === null ? null : ws, m);
  if (loss === "absolute_error") return med;
  let s = 0;
  let sw = 0;
  for (let k = 0; k < m; k++) {
    const r = rows[start + k]!;
    const d = y[r]! - raw[r]! - med;
    const wi = w === null ? 1 : w[r]!;
    s += wi * (d > delta ? delta : Math.max(d, -delta));
    sw += wi;
  }
  return sw > 0 ? med + s / sw : med;
}
