/** Input and result shapes of the forecasting search. */
import { z } from "zod";
import type { ForecasterJSON, ForecastSpec, TransformSpec } from "../../trainers/forecast/index.js";

export const FORECAST_METRICS = ["mase", "smape", "rmse"] as const;
export const ForecastMetricSchema = z.enum(FORECAST_METRICS).describe("metric the search minimises");
export type ForecastMetric = z.infer<typeof ForecastMetricSchema>;

/** The scalar options of {@link ForecastSearchInput}, checked at the boundary. */
export const ForecastOptionsSchema = z.object({
  horizon: z.number().int().min(1).max(100_000).describe("steps to forecast after the series"),
  seasonLength: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe("season length; detected by ACF when absent"),
  metric: ForecastMetricSchema.default("mase"),
  budgetMs: z.number().positive().describe("wall-clock budget of the whole search, refit included"),
  seed: z.number().int().default(0),
});

/** Exogenous columns: values aligned with `y`, and (optionally) their values over the horizon. */
export interface ForecastExogInput {
  names: readonly string[];
  /** One array per name, each as long as `y`. */
  values: readonly Float64Array[];
  /** One array per name, each at least `horizon` long; without them the columns are ignored (noted). */
  future?: readonly Float64Array[];
}

/** One finished (or failed) candidate of the search, as reported to `onTrial`. */
export interface ForecastTrial {
  index: number;
  spec: ForecastSpec;
  label: string;
  /** Mean of the per-origin scores (NaN when the candidate failed). */
  cvScore: number;
  foldScores: number[];
  seconds: number;
  status: "ok" | "failed";
  error?: string;
  /** Set when the candidate asked for its own season length (else the search's). */
  seasonLength?: number;
  /** The proposer's action; absent for the sweep. */
  origin?: string;
}

/** A candidate the explore phase asks for: the spec, its own season length (null: the search's), what proposed it. */
export interface ForecastProposal {
  spec: ForecastSpec;
  seasonLength: number | null;
  origin: string;
}

export interface ForecastSearchInput {
  /** The target series in time order (unless `times` says otherwise); finite values. */
  y: Float64Array;
  /** Epoch ms per value; sorted here when unsorted; must be distinct and regularly spaced. */
  times?: Float64Array;
  exog?: ForecastExogInput;
  horizon: number;
  seasonLength?: number;
  metric?: ForecastMetric;
  budgetMs: number;
  seed?: number;
  signal?: AbortSignal;
  onTrial?: (trial: ForecastTrial) => void;
  /**
   * The explore phase: asked after the sweep, while the budget lasts, for one more candidate given
   * every one tried so far; null ends the phase.
   */
  propose?: (tried: readonly ForecastTrial[]) => Promise<ForecastProposal | null>;
}

/** One leaderboard row: the candidate, its cross-validated score and the seconds it took. */
export interface ForecastLeaderboardEntry {
  rank: number;
  model: string;
  params: Record<string, unknown>;
  transform: ForecastSpec["transform"];
  cvScore: number;
  seconds: number;
}

export interface ForecastSearchResult {
  leaderboard: ForecastLeaderboardEntry[];
  /** The chosen forecaster refitted on the whole series (revive with `reviveForecaster`). */
  best: ForecasterJSON;
  bestLabel: string;
  bestTransform: TransformSpec;
  /** `horizon` values after the end of the series, on the original scale. */
  forecast: Float64Array;
  /** Timestamps of the forecast rows, when `times` were given. */
  forecastTimes?: Float64Array;
  seasonLength: number;
  seasonSource: "given" | "acf" | "none";
  metric: ForecastMetric;
  /** How the rolling-origin cross-validation was laid out. */
  cv: { horizon: number; origins: number[] };
  trials: number;
  notes: string[];
}
