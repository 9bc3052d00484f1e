/** Simple-average combinations of the best candidates, scored on the same CV folds. */
import type { ForecastMetric } from "./forecast-input.js";
import { scoreForecast } from "./score-forecast.js";

/** What a combination needs from each ranked candidate: its forecast per CV fold. */
export interface FoldForecasts {
  foldForecasts: Float64Array[];
}

/** The fold data to score a combination against. */
export interface FoldTruth {
  history: Float64Array;
  actual: Float64Array;
}

/**
 * Scores the mean of the top k forecasts for k = 2 … `maxMembers` (candidates ranked best first)
 * and returns the best k with its CV score, or null when fewer than two candidates exist.
 * Averaging forecasts of different families is one of the most reliable gains in forecasting
 * (M3/M4), but it is kept only when CV says so (the caller compares with the best single score).
 */
export function bestCombination(
  ranked: readonly FoldForecasts[],
  folds: readonly FoldTruth[],
  metric: ForecastMetric,
  seasonLength: number,
  maxMembers = 5,
): { k: number; cvScore: number; foldScores: number[] } | null {
  let best: { k: number; cvScore: number; foldScores: number[] } | null = null;
  for (let k = 2; k <= Math.min(maxMembers, ranked.length); k++) {
    const foldScores = folds.map((fold, f) => {
      const avg = new Float64Array(fold.actual.length);
      for (let i = 0; i < k; i++) {
        const fc = ranked[i]!.foldForecasts[f]!;
        for (let t = 0; t < avg.length; t++) avg[t] = avg[t]! + fc[t]! / k;
      }
      return scoreForecast(metric, fold.actual, avg, fold.history, seasonLength);
    });
    const cvScore = foldScores.reduce((a, b) => a + b, 0) / foldScores.length;
    if (best === null || cvScore < best.cvScore) best = { k, cvScore, foldScores };
  }
  return best;
}
