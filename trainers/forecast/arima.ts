/**
 * ARIMA / SARIMA (p,d,q)(P,D,Q)m fitted by conditional sum of squares (CSS): residuals are run
 * forward from zero pre-sample errors, and their SSE is minimised with Nelder–Mead. AR and MA
 * polynomials are parametrised by partial autocorrelations in (−1, 1) (Jones 1980), so every
 * candidate is stationary and invertible without root finding.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { CoreModel } from "./forecaster.js";
import { parseState } from "./forecaster.js";
import { nelderMead } from "./nelder-mead.js";

export const ArimaOrderSchema = z.object({
  p: z.number().int().min(0).max(5).describe("non-seasonal AR order"),
  d: z.number().int().min(0).max(2).describe("non-seasonal differences"),
  q: z.number().int().min(0).max(5).describe("non-seasonal MA order"),
  P: z.number().int().min(0).max(2).describe("seasonal AR order"),
  D: z.number().int().min(0).max(1).describe("seasonal differences"),
  Q: z.number().int().min(0).max(2).describe("seasonal MA order"),
  constant: z.boolean().describe("mean (no differencing) or drift (one difference) term"),
});
export type ArimaOrder = z.infer<typeof ArimaOrderSchema>;

/** Polynomial 1 + Σ c_k B^lag_k stored sparsely: the non-zero lags and their coefficients. */
interface Sparse {
  lags: Int32Array;
  coefs: Float64Array;
}

const ArimaStateSchema = z.object({
  order: ArimaOrderSchema,
  seasonLength: z.number().int().min(1),
  ar: z.array(z.number()),
  sar: z.array(z.number()),
  ma: z.array(z.number()),
  sma: z.array(z.number()),
  mean: z.number(),
  /** Last values of the (transformed) series and of the residuals, oldest first. */
  zTail: z.array(z.number()),
  eTail: z.array(z.number()),
  sigma2: z.number(),
  aic: z.number(),
});
type ArimaState = z.infer<typeof ArimaStateSchema>;

/** "arima(1,1,1)(0,1,1)[12]+c" style label. */
export function arimaLabel(o: ArimaOrder, m: number): string {
  const seasonal = o.P + o.D + o.Q > 0 && m > 1 ? `(${o.P},${o.D},${o.Q})[${m}]` : "";
  return `arima(${o.p},${o.d},${o.q})${seasonal}${o.constant ? "+c" : ""}`;
}

/** Partial autocorrelations → coefficients φ of 1 − Σ φ_i B^i (Durbin–Levinson); |r| < 1 ⇒ stationary. */
export function pacfToCoefs(r: Float64Array): Float64Array {
  const k = r.length;
  const phi = new Float64Array(k);
  const prev = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    prev.set(phi);
    phi[j] = r[j]!;
    for (let i = 0; i < j; i++) phi[i] = prev[i]! - r[j]! * prev[j - 1 - i]!;
  }
  return phi;
}

/** Dense product of polynomials given as coefficient arrays with c[0] = 1. */
function polyMul(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] = out[i + j]! + a[i]! * b[j]!;
  }
  return out;
}

/** 1 + Σ sign·c_i B^(i·step) as a dense array. */
function lagPoly(c: ArrayLike<number>, step: number, sign: number): Float64Array {
  const out = new Float64Array(c.length * step + 1);
  out[0] = 1;
  for (let i = 0; i < c.length; i++) out[(i + 1) * step] = sign * c[i]!;
  return out;
}

function sparse(dense: Float64Array): Sparse {
  const lags: number[] = [];
  const coefs: number[] = [];
  for (let i = 1; i < dense.length; i++) {
    if (dense[i] !== 0) {
      lags.push(i);
      coefs.push(dense[i]!);
    }
  }
  return { lags: Int32Array.from(lags), coefs: Float64Array.from(coefs) };
}

interface Expanded {
  /** Full AR side on z: φ(B)Φ(B^m)(1−B)^d(1−B^m)^D. */
  ar: Sparse;
  ma: Sparse;
  constant: number;
  start: number;
}

function expand(
  o: ArimaOrder,
  m: number,
  ar: Float64Array,
  sar: Float64Array,
  ma: Float64Array,
  sma: Float64Array,
  mean: number,
): Expanded {
  const phi = lagPoly(ar, 1, -1);
  const Phi = lagPoly(sar, m, -1);
  let full = polyMul(phi, Phi);
  for (let i = 0; i < o.d; i++) full = polyMul(full, Float64Array.of(1, -1));
  for (let i = 0; i < o.D; i++) full = polyMul(full, lagPoly([1], m, -1));
  let phi1 = 1;
  for (let i = 1; i < phi.length; i++) phi1 += phi[i]!;
  let Phi1 = 1;
  for (let i = 1; i < Phi.length; i++) Phi1 += Phi[i]!;
  const maPoly = polyMul(lagPoly(ma, 1, 1), lagPoly(sma, m, 1));
  return {
    ar: sparse(full),
    ma: sparse(maPoly),
    constant: o.constant ? mean * phi1 * Phi1 : 0,
    start: full.length - 1,
  };
}

/** CSS residuals of `z` into `e` (zeros before `start`); returns the SSE. */
function residuals(z: Float64Array, x: Expanded, e: Float64Array): number {
  const { ar, ma } = x;
  const nAr = ar.lags.length;
  const nMa = ma.lags.length;
  let sse = 0;
  e.fill(0, 0, Math.min(x.start, e.length));
  for (let t = x.start; t < z.length; t++) {
    let v = z[t]! - x.constant;
    for (let k = 0; k < nAr; k++) v += ar.coefs[k]! * z[t - ar.lags[k]!]!;
    for (let k = 0; k < nMa; k++) {
      const lag = ma.lags[k]!;
      if (t - lag >= 0) v -= ma.coefs[k]! * e[t - lag]!;
    }
    e[t] = v;
    sse += v * v;
  }
  return sse;
}

function core(s: ArimaState): CoreModel {
  const x = expand(
    s.order,
    s.seasonLength,
    Float64Array.from(s.ar),
    Float64Array.from(s.sar),
    Float64Array.from(s.ma),
    Float64Array.from(s.sma),
    s.mean,
  );
  return {
    label: arimaLabel(s.order, s.seasonLength),
    forecast(h) {
      const nz = s.zTail.length;
      const ne = s.eTail.length;
      const z = new Float64Array(nz + h);
      z.set(s.zTail);
      const e = new Float64Array(ne + h);
      e.set(s.eTail);
      for (let k = 0; k < h; k++) {
        const t = nz + k;
        let v = x.constant;
        for (let j = 0; j < x.ar.lags.length; j++) v -= x.ar.coefs[j]! * z[t - x.ar.lags[j]!]!;
        const te = ne + k;
        for (let j = 0; j < x.ma.lags.length; j++) {
          const lag = x.ma.lags[j]!;
          if (te - lag >= 0) v += x.ma.coefs[j]! * e[te - lag]!;
        }
        z[t] = v;
      }
      return z.slice(nz);
    },
    state: () => s,
  };
}

/** Differences `z` d times at lag 1 and D times at lag m. */
export function difference(z: Float64Array, d: number, D: number, m: number): Float64Array {
  let w = z;
  for (let i = 0; i < D; i++) w = w.subarray(m).map((v, t) => v - w[t]!);
  for (let i = 0; i < d; i++) w = w.subarray(1).map((v, t) => v - w[t]!);
  return w;
}

/**
 * Fits one SARIMA order by CSS; `m` is ignored when the order has no seasonal part. `polish`
 * (default true) restarts Nelder–Mead once from its optimum; an order search skips it while
 * screening and polishes only the winner.
 */
export function fitArima(z: Float64Array, order: ArimaOrder, seasonLength: number, polish = true): CoreModel {
  const seasonal = order.P + order.D + order.Q > 0;
  const m = seasonal ? seasonLength : 1;
  if (seasonal && seasonLength < 2) {
    throw new AlchemistError("INVALID_ARGUMENT", "A seasonal ARIMA order needs a season length ≥ 2.", {
      parameter: "seasonLength",
    });
  }
  const nParams = order.p + order.q + order.P + order.Q + (order.constant ? 1 : 0);
  const start = order.p + order.d + m * (order.P + order.D);
  const nEff = z.length - start;
  if (nEff < nParams + 4) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `${arimaLabel(order, m)} needs more than ${start + nParams + 4} points; the series has ${z.length}.`,
      {},
    );
  }
  const w = difference(z, order.d, order.D, m);
  let wMean = 0;
  let wVar = 0;
  for (let i = 0; i < w.length; i++) wMean += w[i]!;
  wMean /= w.length;
  for (let i = 0; i < w.length; i++) wVar += (w[i]! - wMean) ** 2;
  const wSd = Math.sqrt(wVar / w.length) || 1;
  const e = new Float64Array(z.length);
  const ar = new Float64Array(order.p);
  const sar = new Float64Array(order.P);
  const ma = new Float64Array(order.q);
  const sma = new Float64Array(order.Q);
  const unpack = (x: Float64Array): number => {
    let k = 0;
    const fill = (target: Float64Array, sign: number) => {
      const r = new Float64Array(target.length);
      for (let i = 0; i < r.length; i++) r[i] = 0.98 * Math.tanh(x[k++]!);
      const c = pacfToCoefs(r);
      for (let i = 0; i < c.length; i++) target[i] = sign * c[i]!;
    };
    fill(ar, 1);
    fill(sar, 1);
    // The MA polynomial 1 + Σθ B^i is invertible when 1 − Σ(−θ_i) B^i is "stationary".
    fill(ma, -1);
    fill(sma, -1);
    return order.constant ? wMean + x[k]! * wSd : 0;
  };
  const objective = (x: Float64Array): number =>
    residuals(z, expand(order, m, ar, sar, ma, sma, unpack(x)), e);
  const dim = nParams;
  let best: { x: Float64Array; value: number } = {
    x: new Float64Array(dim),
    value: objective(new Float64Array(dim)),
  };
  if (dim > 0) {
    best = nelderMead(objective, new Float64Array(dim), { step: 0.3, tol: 1e-10 });
    if (polish) best = nelderMead(objective, best.x, { step: 0.1, tol: 1e-10 });
  }
  if (!Number.isFinite(best.value))
    throw new AlchemistError("FIT_FAILED", `${arimaLabel(order, m)}: the CSS objective is not finite.`, {});
  const mean = unpack(best.x);
  const x = expand(order, m, ar, sar, ma, sma, mean);
  const sse = residuals(z, x, e);
  const sigma2 = sse / nEff;
  const aic = nEff * Math.log(Math.max(sigma2, 1e-300)) + 2 * (nParams + 1);
  const nz = Math.min(z.length, Math.max(1, x.start));
  const ne = Math.min(z.length, Math.max(1, ...Array.from(x.ma.lags)));
  return core({
    order,
    seasonLength: m,
    ar: Array.from(ar),
    sar: Array.from(sar),
    ma: Array.from(ma),
    sma: Array.from(sma),
    mean,
    zTail: Array.from(z.subarray(z.length - nz)),
    eTail: Array.from(e.subarray(z.length - ne)),
    sigma2,
    aic,
  });
}

/** Rebuilds an ARIMA forecaster from its state. */
export function reviveArima(state: unknown): CoreModel {
  return core(parseState("arima", ArimaStateSchema, state));
}

/** Fitted coefficients and information criterion of an ARIMA core model's state. */
export function arimaSummary(state: unknown): {
  order: ArimaOrder;
  ar: number[];
  sar: number[];
  ma: number[];
  sma: number[];
  mean: number;
  aic: number;
} {
  const s = parseState("arima", ArimaStateSchema, state);
  return { order: s.order, ar: s.ar, sar: s.sar, ma: s.ma, sma: s.sma, mean: s.mean, aic: s.aic };
}
