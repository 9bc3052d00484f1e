/** loop/forecast: the forecasting search (rolling-origin CV over trainers/forecast) and test-block scoring. */
export { type CandidateContext, forecastCandidates } from "./candidates.js";
export { bestCombination } from "./combine.js";
export { planRollingOrigin, type RollingOriginPlan } from "./cv-plan.js";
export {
  FORECAST_METRICS,
  type ForecastExogInput,
  type ForecastLeaderboardEntry,
  type ForecastMetric,
  ForecastMetricSchema,
  ForecastOptionsSchema,
  type ForecastProposal,
  type ForecastSearchInput,
  type ForecastSearchResult,
  type ForecastTrial,
} from "./forecast-input.js";
export { forecastRef, forecastSpecOf } from "./forecast-ref.js";
export { futureTimes, type PreparedSeries, prepareSeries } from "./prepare-series.js";
export { scoreForecast } from "./score-forecast.js";
export { searchForecast } from "./search-forecast.js";
