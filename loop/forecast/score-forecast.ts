/** Scores a forecast block against the truth with the registry's metric functions. */
import { mase, rmse, smape } from "../../evaluate/metrics/index.js";
import type { ForecastMetric } from "./forecast-input.js";

/**
 * The `metric` of `yPred` against `yTrue` (both the forecast block, same length). MASE scales by
 * the in-sample seasonal-naive error of `history` (the series the forecast was made from) at
 * `seasonLength`, falling back to lag 1 when the history is not longer than a season.
 * Lower is better for all three.
 */
export function scoreForecast(
  metric: ForecastMetric,
  yTrue: Float64Array,
  yPred: Float64Array,
  history: Float64Array,
  seasonLength: number,
): number {
  if (metric === "smape") return smape(yTrue, yPred);
  if (metric === "rmse") return rmse(yTrue, yPred);
  return mase(yTrue, yPred, history, history.length > seasonLength ? seasonLength : 1);
}
