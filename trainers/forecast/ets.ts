/**
 * Exponential smoothing with additive errors (simple, Holt, damped Holt, Holt-Winters additive and
 * multiplicative): error-correction recursions of Hyndman et al. (2008), parameters and initial
 * level/trend fitted by minimising the one-step SSE with Nelder–Mead.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { CoreModel } from "./forecaster.js";
import { parseState } from "./forecaster.js";
import { fromInterval, nelderMead, toInterval } from "./nelder-mead.js";
import { seasonalIndices } from "./seasonality.js";

export const EtsParamsSchema = z.object({
  trend: z.enum(["none", "add", "damped"]).describe("no trend, additive (Holt), or damped additive trend"),
  season: z.enum(["none", "add", "mul"]).describe("no season, additive or multiplicative season"),
});
export type EtsParams = z.infer<typeof EtsParamsSchema>;

const EtsStateSchema = z.object({
  trend: EtsParamsSchema.shape.trend,
  season: EtsParamsSchema.shape.season,
  alpha: z.number(),
  beta: z.number(),
  gamma: z.number(),
  phi: z.number(),
  level: z.number(),
  slope: z.number(),
  /** Seasonal components for the next m periods, the first for the period right after the series. */
  seasonal: z.array(z.number()),
  sse: z.number(),
});
type EtsState = z.infer<typeof EtsStateSchema>;

/** ETS(A, N/A/Ad, N/A/M) in the usual letters. */
export function etsLabel(p: EtsParams): string {
  const t = p.trend === "none" ? "N" : p.trend === "add" ? "A" : "Ad";
  const s = p.season === "none" ? "N" : p.season === "add" ? "A" : "M";
  return `ets(A,${t},${s})`;
}

function core(s: EtsState): CoreModel {
  const m = s.seasonal.length;
  return {
    label: etsLabel(s),
    forecast(h) {
      const out = new Float64Array(h);
      let damp = 0;
      let pk = 1;
      for (let k = 1; k <= h; k++) {
        pk *= s.phi;
        damp += s.trend === "none" ? 0 : pk;
        const base = s.level + damp * s.slope;
        const si = m > 0 ? s.seasonal[(k - 1) % m]! : s.season === "mul" ? 1 : 0;
        out[k - 1] = s.season === "mul" ? base * si : s.season === "add" ? base + si : base;
      }
      return out;
    },
    state: () => s,
  };
}

interface Filter {
  sse: number;
  level: number;
  slope: number;
}

/** Runs the recursions over `y`; `season` (length m, ring indexed by t mod m) is updated in place. */
function filter(
  y: Float64Array,
  p: EtsParams,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  l0: number,
  b0: number,
  season: Float64Array,
): Filter {
  const m = season.length;
  const mul = p.season === "mul";
  const hasSeason = p.season !== "none";
  const hasTrend = p.trend !== "none";
  let l = l0;
  let b = hasTrend ? b0 : 0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const base = l + phi * b;
    const si = hasSeason ? season[t % m]! : mul ? 1 : 0;
    if (mul && (base <= 0 || si <= 0)) return { sse: Number.POSITIVE_INFINITY, level: l, slope: b };
    const yhat = mul ? base * si : base + si;
    const e = y[t]! - yhat;
    sse += e * e;
    if (mul) {
      l = base + (alpha * e) / si;
      if (hasTrend) b = phi * b + (beta * e) / si;
      season[t % m] = si + (gamma * e) / base;
    } else {
      l = base + alpha * e;
      if (hasTrend) b = phi * b + beta * e;
      if (hasSeason) season[t % m] = si + gamma * e;
    }
  }
  return { sse, level: l, slope: b };
}

/** Least-squares line through `v`: [intercept at index 0, slope]. */
function line(v: Float64Array): [number, number] {
  const n = v.length;
  if (n < 2) return [v[0] ?? 0, 0];
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += i;
    sy += v[i]!;
    sxx += i * i;
    sxy += i * v[i]!;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return [(sy - slope * sx) / n, slope];
}

/**
 * Fits ETS with additive errors on `y`. Seasonal models need at least two full seasons; the initial
 * season comes from a classical decomposition of the first (up to three) seasons and stays fixed
 * while α, β, γ, φ and the initial level and slope are optimised (β < α, γ < 1 − α, φ ∈ [0.8, 0.98]).
 */
export function fitEts(y: Float64Array, params: EtsParams, seasonLength: number): CoreModel {
  const n = y.length;
  const m = params.season === "none" ? 0 : seasonLength;
  if (params.season !== "none" && (seasonLength < 2 || n < 2 * seasonLength + 2)) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `${etsLabel(params)} needs at least two seasons plus two points (${2 * seasonLength + 2}); the series has ${n}.`,
      { parameter: "season" },
    );
  }
  if (n < 4) throw new AlchemistError("NOT_ENOUGH_ROWS", `${etsLabel(params)} needs at least 4 points.`, {});
  if (params.season === "mul") {
    for (let i = 0; i < n; i++) {
      if (!(y[i]! > 0)) {
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          "A multiplicative season needs a strictly positive series.",
          {
            parameter: "season",
            row: i,
          },
        );
      }
    }
  }
  const mul = params.season === "mul";
  const init = m > 0 ? seasonalIndices(y.subarray(0, Math.min(n, 3 * m)), m, mul) : new Float64Array(0);
  const head = y.slice(0, m > 0 ? 2 * m : Math.min(n, 10));
  for (let i = 0; i < head.length && m > 0; i++)
    head[i] = mul ? head[i]! / init[i % m]! : head[i]! - init[i % m]!;
  const [a0, slope0] = line(head);
  let scale = 0;
  for (let i = 1; i < n; i++) scale += Math.abs(y[i]! - y[i - 1]!);
  scale = Math.max(scale / (n - 1), 1e-8 * (Math.abs(a0) + 1));
  const hasTrend = params.trend !== "none";
  const damped = params.trend === "damped";
  const hasSeason = m > 0;
  const season = new Float64Array(Math.max(m, 1));

  const unpack = (x: Float64Array) => {
    let k = 0;
    const alpha = toInterval(x[k++]!, 1e-4, 0.9999);
    const beta = hasTrend ? alpha * toInterval(x[k++]!, 1e-4, 0.9999) : 0;
    const gamma = hasSeason ? (1 - alpha) * toInterval(x[k++]!, 1e-4, 0.9999) : 0;
    const phi = damped ? toInterval(x[k++]!, 0.8, 0.98) : 1;
    const l0 = (hasTrend ? a0 - slope0 : a0) + x[k++]! * scale;
    const b0 = hasTrend ? slope0 + x[k++]! * scale * 0.1 : 0;
    return { alpha, beta, gamma, phi, l0, b0 };
  };
  const run = (x: Float64Array): Filter => {
    const u = unpack(x);
    if (hasSeason) season.set(init);
    return filter(
      y,
      params,
      u.alpha,
      u.beta,
      u.gamma,
      u.phi,
      u.l0,
      u.b0,
      hasSeason ? season : new Float64Array(0),
    );
  };
  const x0: number[] = [fromInterval(0.3, 1e-4, 0.9999)];
  if (hasTrend) x0.push(fromInterval(0.1, 1e-4, 0.9999));
  if (hasSeason) x0.push(fromInterval(0.1, 1e-4, 0.9999));
  if (damped) x0.push(fromInterval(0.95, 0.8, 0.98));
  x0.push(0);
  if (hasTrend) x0.push(0);
  const objective = (x: Float64Array) => run(x).sse;
  let best = nelderMead(objective, Float64Array.from(x0), { step: 0.5, tol: 1e-10 });
  // A restart from the optimum escapes the premature collapse Nelder–Mead is known for.
  best = nelderMead(objective, best.x, { step: 0.25, tol: 1e-10 });
  if (!Number.isFinite(best.value)) {
    throw new AlchemistError("FIT_FAILED", `${etsLabel(params)}: no parameters give a finite fit.`, {});
  }
  const u = unpack(best.x);
  const final = run(best.x);
  const seasonal: number[] = [];
  for (let j = 0; j < m; j++) seasonal.push(season[(n + j) % m]!);
  return core({
    trend: params.trend,
    season: params.season,
    alpha: u.alpha,
    beta: u.beta,
    gamma: u.gamma,
    phi: u.phi,
    level: final.level,
    slope: final.slope,
    seasonal,
    sse: final.sse,
  });
}

/** Rebuilds an ETS forecaster from its state. */
export function reviveEts(state: unknown): CoreModel {
  return core(parseState("ets", EtsStateSchema, state));
}

/** The fitted smoothing parameters of an ETS core model's state (tests and reports). */
export function etsParameters(state: unknown): { alpha: number; beta: number; gamma: number; phi: number } {
  const s = parseState("ets", EtsStateSchema, state);
  return { alpha: s.alpha, beta: s.beta, gamma: s.gamma, phi: s.phi };
}
