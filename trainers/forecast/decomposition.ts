/**
 * Seasonal adjustment + a non-seasonal model: the season of a classical decomposition (fixed
 * indices) or of a robust STL (evolving; its last cycle is carried forward) is removed, the adjusted
 * series is forecast by drift, SES, damped Holt, theta or ARIMA(1,1,0) with drift, and the season
 * is put back (statsmodels' STLForecast recipe).
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { fitArima, reviveArima } from "./arima.js";
import { fitEts, reviveEts } from "./ets.js";
import type { CoreModel } from "./forecaster.js";
import { parseState } from "./forecaster.js";
import { fitNaive, reviveNaive } from "./naive.js";
import { seasonalIndices } from "./seasonality.js";
import { stl } from "./stl.js";

export const DecompositionParamsSchema = z.object({
  extraction: z
    .enum(["classical", "stl"])
    .default("classical")
    .describe("classical moving-average decomposition (fixed season) or robust STL (evolving season)"),
  season: z.enum(["add", "mul"]).describe("remove the season by subtraction or division (classical only)"),
  method: z
    .enum(["drift", "ses", "holt_damped", "theta", "arima_drift"])
    .describe("model of the seasonally adjusted series"),
});
export type DecompositionParams = z.input<typeof DecompositionParamsSchema>;

const ThetaStateSchema = z.object({ alpha: z.number(), level: z.number(), slope: z.number(), n: z.number() });

const DecompositionStateSchema = z.object({
  extraction: DecompositionParamsSchema.shape.extraction,
  season: DecompositionParamsSchema.shape.season,
  method: DecompositionParamsSchema.shape.method,
  /** Seasonal indices of the next m periods, the first for the period right after the series. */
  indices: z.array(z.number()),
  inner: z.unknown(),
});
type DecompositionState = z.infer<typeof DecompositionStateSchema>;

/**
 * The theta method (Assimakopoulos & Nikolopoulos 2000) as SES with drift equal to half the
 * least-squares slope (Hyndman & Billah 2003).
 */
function fitTheta(z: Float64Array): CoreModel {
  const ses = fitEts(z, { trend: "none", season: "none" }, 1);
  const s = ses.state() as { alpha: number; level: number };
  const n = z.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += i;
    sy += z[i]!;
    sxx += i * i;
    sxy += i * z[i]!;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return thetaCore({ alpha: s.alpha, level: s.level, slope, n });
}

function thetaCore(s: z.infer<typeof ThetaStateSchema>): CoreModel {
  return {
    label: "theta",
    forecast(h) {
      const out = new Float64Array(h);
      const a = s.alpha;
      for (let k = 1; k <= h; k++)
        out[k - 1] = s.level + (s.slope / 2) * (k - 1 + 1 / a - (1 - a) ** s.n / a);
      return out;
    },
    state: () => s,
  };
}

function fitInner(method: DecompositionParams["method"], adj: Float64Array): CoreModel {
  switch (method) {
    case "drift":
      return fitNaive("drift", adj, 1);
    case "ses":
      return fitEts(adj, { trend: "none", season: "none" }, 1);
    case "holt_damped":
      return fitEts(adj, { trend: "damped", season: "none" }, 1);
    case "theta":
      return fitTheta(adj);
    case "arima_drift":
      return fitArima(adj, { p: 1, d: 1, q: 0, P: 0, D: 0, Q: 0, constant: true }, 1);
  }
}

function reviveInner(method: DecompositionParams["method"], state: unknown): CoreModel {
  switch (method) {
    case "drift":
      return reviveNaive(state);
    case "ses":
    case "holt_damped":
      return reviveEts(state);
    case "theta":
      return thetaCore(parseState("theta", ThetaStateSchema, state));
    case "arima_drift":
      return reviveArima(state);
  }
}

function core(s: DecompositionState, inner: CoreModel): CoreModel {
  const m = s.indices.length;
  return {
    label: `${s.extraction === "stl" ? "stl" : `decomp(${s.season})`}+${inner.label}`,
    forecast(h) {
      const out = inner.forecast(h);
      for (let k = 0; k < h; k++) {
        const si = s.indices[k % m]!;
        out[k] = s.season === "mul" ? out[k]! * si : out[k]! + si;
      }
      return out;
    },
    state: () => ({ ...s, inner: inner.state() }),
  };
}

/** Fits the seasonal adjustment and the inner model; needs a season ≥ 2 and at least two seasons. */
export function fitDecomposition(
  z: Float64Array,
  params: DecompositionParams,
  seasonLength: number,
): CoreModel {
  const p = DecompositionParamsSchema.parse(params);
  const m = seasonLength;
  const n = z.length;
  if (m < 2 || n < 2 * m + 2) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `decomposition needs a season ≥ 2 and at least ${2 * m + 2} points.`,
      {
        parameter: "seasonLength",
      },
    );
  }
  const mul = p.season === "mul";
  if (mul && p.extraction === "stl") {
    throw new AlchemistError(
      "INVALID_PARAMS",
      "STL decomposes additively; use a log transform for a multiplicative season.",
      {
        parameter: "season",
      },
    );
  }
  if (mul && z.some((v) => !(v > 0))) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "A multiplicative decomposition needs a strictly positive series.",
      {
        parameter: "season",
      },
    );
  }
  const adj = new Float64Array(n);
  const indices: number[] = [];
  if (p.extraction === "stl") {
    const { seasonal } = stl(z, m, { robustPasses: 15 });
    for (let t = 0; t < n; t++) adj[t] = z[t]! - seasonal[t]!;
    for (let j = 0; j < m; j++) indices.push(seasonal[n - m + j]!);
  } else {
    const idx = seasonalIndices(z, m, mul);
    for (let t = 0; t < n; t++) adj[t] = mul ? z[t]! / idx[t % m]! : z[t]! - idx[t % m]!;
    for (let j = 0; j < m; j++) indices.push(idx[(n + j) % m]!);
  }
  const inner = fitInner(p.method, adj);
  return core({ extraction: p.extraction, season: p.season, method: p.method, indices, inner: null }, inner);
}

/** Rebuilds a decomposition forecaster from its state. */
export function reviveDecomposition(state: unknown): CoreModel {
  const s = parseState("decomposition", DecompositionStateSchema, state);
  return core(s, reviveInner(s.method, s.inner));
}
