/** The candidate forecasters of a search, cheapest family first. */
import type { ArimaOrder, ForecastSpec, TransformKind } from "../../trainers/forecast/index.js";

/** What the candidate list depends on. */
export interface CandidateContext {
  seasonLength: number;
  /** Shortest training part of a CV fold: seasonal models need two seasons in it. */
  minTrain: number;
  /** Strictly positive series: log, Box–Cox and multiplicative seasons apply. */
  positive: boolean;
  /** Exogenous columns with future values: GBDT on the level joins the candidates. */
  hasExog?: boolean;
}

const FIXED_ORDERS: readonly Omit<ArimaOrder, "P" | "D" | "Q">[] = [
  { p: 0, d: 1, q: 1, constant: false },
  { p: 1, d: 1, q: 0, constant: false },
  { p: 1, d: 1, q: 1, constant: false },
  { p: 1, d: 0, q: 0, constant: true },
];

/**
 * Benchmarks (naive, seasonal naive, drift), then per transform (none; log and Box–Cox on positive
 * series): ETS (simple, Holt, damped, Holt-Winters additive / multiplicative / damped), seasonal
 * decomposition + a non-seasonal model, a few classic (S)ARIMA orders and the automatic order
 * search, and last the gradient-boosting models (the slowest). Multiplicative seasons only on the
 * untransformed scale: after a log a multiplicative season is additive.
 */
export function forecastCandidates(ctx: CandidateContext): ForecastSpec[] {
  const m = ctx.seasonLength;
  const seasonal = m > 1 && ctx.minTrain >= 2 * m + 2;
  const out: ForecastSpec[] = [
    { model: "naive", params: {}, transform: "none" },
    { model: "drift", params: {}, transform: "none" },
  ];
  if (m > 1) out.push({ model: "seasonal_naive", params: {}, transform: "none" });
  const transforms: TransformKind[] = ctx.positive ? ["none", "log", "boxcox"] : ["none"];
  for (const transform of transforms) {
    for (const season of seasonal ? (["none", "add", "mul"] as const) : (["none"] as const)) {
      if (season === "mul" && (transform !== "none" || !ctx.positive)) continue;
      for (const trend of ["none", "add", "damped"] as const)
        out.push({ model: "ets", params: { trend, season }, transform });
    }
  }
  if (seasonal) {
    for (const transform of transforms)
      for (const method of ["theta", "holt_damped", "arima_drift", "drift"] as const)
        out.push({ model: "decomposition", params: { extraction: "stl", season: "add", method }, transform });
  }
  for (const transform of transforms) {
    for (const o of FIXED_ORDERS) {
      const D = seasonal ? 1 : 0;
      const seasonalPart = { P: 0, D, Q: D };
      out.push({
        model: "arima",
        params: { ...o, ...seasonalPart, constant: o.constant && o.d + D <= 1 },
        transform,
      });
    }
  }
  for (const transform of transforms) out.push({ model: "auto_arima", params: {}, transform });
  const gbdtTransforms: TransformKind[] = ctx.positive ? ["none", "log"] : ["none"];
  for (const transform of gbdtTransforms) {
    out.push({ model: "gbdt", params: { differencing: "first" }, transform });
    if (seasonal) out.push({ model: "gbdt", params: { differencing: "seasonal" }, transform });
    if (ctx.hasExog) out.push({ model: "gbdt", params: { differencing: "none" }, transform });
  }
  return out;
}
