/** The rolling-origin folds of a search and the cross-validation of one candidate over them. */
import { fitForecaster, type ForecastFitContext, type ForecastSpec } from "../../trainers/forecast/index.js";
import type { RollingOriginPlan } from "./cv-plan.js";
import type { ForecastMetric } from "./forecast-input.js";
import type { PreparedSeries } from "./prepare-series.js";
import { scoreForecast } from "./score-forecast.js";

/** One fold: the training part, the block it must forecast, and what a fit needs. */
export interface CvFold {
  history: Float64Array;
  actual: Float64Array;
  ctx: ForecastFitContext;
  /** Exogenous values over the forecast block (known-future regressors). */
  futureExog?: Float64Array[];
}

/** Slices the prepared series into the plan's folds (views, no copies). */
export function makeFolds(
  s: PreparedSeries,
  plan: RollingOriginPlan,
  seasonLength: number,
  seed: number,
): CvFold[] {
  return plan.origins.map((o) => {
    const ctx: ForecastFitContext = {
      seasonLength,
      seed,
      ...(s.calendar !== undefined ? { calendar: s.calendar } : {}),
      ...(s.exog !== undefined
        ? { exog: { names: s.exog.names, columns: s.exog.columns.map((c) => c.subarray(0, o)) } }
        : {}),
    };
    return {
      history: s.y.subarray(0, o),
      actual: s.y.subarray(o, o + plan.horizon),
      ctx,
      ...(s.exog !== undefined
        ? { futureExog: s.exog.columns.map((c) => c.subarray(o, o + plan.horizon)) }
        : {}),
    };
  });
}

/** A candidate's cross-validation: per-fold scores and forecasts, and its label from the last fold. */
export interface CandidateCv {
  label: string;
  foldScores: number[];
  foldForecasts: Float64Array[];
  cvScore: number;
}

/** Fits `spec` on every fold and scores its forecasts; throws what the first failing fit throws. */
export function crossValidate(
  spec: ForecastSpec,
  folds: readonly CvFold[],
  metric: ForecastMetric,
  seasonLength: number,
): CandidateCv {
  let label = spec.model as string;
  const foldScores: number[] = [];
  const foldForecasts: Float64Array[] = [];
  for (const fold of folds) {
    const f = fitForecaster(spec, fold.history, fold.ctx);
    label = f.label;
    const fc = f.forecast(fold.actual.length, f.exogNames.length > 0 ? fold.futureExog : undefined);
    foldForecasts.push(fc);
    foldScores.push(scoreForecast(metric, fold.actual, fc, fold.history, seasonLength));
  }
  const cvScore = foldScores.reduce((a, b) => a + b, 0) / foldScores.length;
  return { label, foldScores, foldForecasts, cvScore };
}
