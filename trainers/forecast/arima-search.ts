/**
 * Automatic SARIMA order selection (after Hyndman & Khandakar 2008, simplified): seasonal
 * differencing when the seasonal strength exceeds 0.64, non-seasonal differencing while a KPSS test
 * rejects level stationarity at 5%, then the (p,q)(P,Q) grid — p, q ≤ 2, P, Q ≤ 1, at most four
 * coefficients — scored by the CSS AIC (one Nelder–Mead pass each; the winner is refitted polished).
 */
import { AlchemistError } from "../../core/errors.js";
import { type ArimaOrder, arimaSummary, difference, fitArima } from "./arima.js";
import type { CoreModel } from "./forecaster.js";
import { seasonalStrength } from "./seasonality.js";

/** KPSS level-stationarity statistic with the short Newey–West lag ⌊3√n/13⌋ (Kwiatkowski et al. 1992). */
export function kpssStatistic(x: Float64Array): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let s = 0;
  let eta = 0;
  let gamma0 = 0;
  for (let i = 0; i < n; i++) {
    const e = x[i]! - mean;
    s += e;
    eta += s * s;
    gamma0 += e * e;
  }
  const lags = Math.floor((3 * Math.sqrt(n)) / 13);
  let lrv = gamma0 / n;
  for (let l = 1; l <= lags; l++) {
    let g = 0;
    for (let i = l; i < n; i++) g += (x[i]! - mean) * (x[i - l]! - mean);
    lrv += (2 * (1 - l / (lags + 1)) * g) / n;
  }
  if (lrv <= 0) return 0;
  return eta / (n * n * lrv);
}

/** 5% critical value of the KPSS level test. */
const KPSS_CRITICAL = 0.463;

/** Differencing orders (d, D) for `z`: D from seasonal strength, then d from repeated KPSS tests (d + D ≤ 2). */
export function chooseDifferencing(z: Float64Array, seasonLength: number): { d: number; D: number } {
  const m = seasonLength;
  const D = m > 1 && z.length >= 3 * m && seasonalStrength(z, m) > 0.64 ? 1 : 0;
  let d = 0;
  let w = difference(z, 0, D, m);
  while (d + D < 2 && w.length > 8 && kpssStatistic(w) > KPSS_CRITICAL) {
    d++;
    w = difference(z, d, D, m);
  }
  return { d, D };
}

/** The order grid tried after the differences are fixed. */
export function orderGrid(d: number, D: number, seasonal: boolean): ArimaOrder[] {
  const out: ArimaOrder[] = [];
  const constants = d + D <= 1 ? [true, false] : [false];
  for (let p = 0; p <= 2; p++)
    for (let q = 0; q <= 2; q++)
      for (let P = 0; P <= (seasonal ? 1 : 0); P++)
        for (let Q = 0; Q <= (seasonal ? 1 : 0); Q++) {
          if (p + q + P + Q > 4) continue;
          for (const constant of constants) out.push({ p, d, q, P, D, Q, constant });
        }
  return out;
}

/**
 * Chooses d and D, fits every order of the grid by CSS, and returns the lowest-AIC fit. Orders
 * that cannot be fitted (too short) are skipped; none fitting is NOT_ENOUGH_ROWS.
 */
export function fitAutoArima(z: Float64Array, seasonLength: number): CoreModel {
  const { d, D } = chooseDifferencing(z, seasonLength);
  let best: ArimaOrder | null = null;
  let bestAic = Number.POSITIVE_INFINITY;
  for (const order of orderGrid(d, D, seasonLength > 1)) {
    let fit: CoreModel;
    try {
      fit = fitArima(z, order, seasonLength, false);
    } catch {
      continue;
    }
    const { aic } = arimaSummary(fit.state());
    if (aic < bestAic) {
      bestAic = aic;
      best = order;
    }
  }
  if (best === null) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `auto_arima: no order could be fitted on ${z.length} points.`,
      {},
    );
  }
  return fitArima(z, best, seasonLength);
}
