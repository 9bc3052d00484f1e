/** searchForecast: rolling-origin CV over the candidate forecasters within a time budget, then refit. */
import { AlchemistError } from "../../core/errors.js";
import {
  calendarSeason,
  detectSeasonLength,
  type Forecaster,
  fitForecaster,
  type ForecastFitContext,
  type ForecastSpec,
  isPositive,
} from "../../trainers/forecast/index.js";
import { forecastCandidates } from "./candidates.js";
import { bestCombination } from "./combine.js";
import { planRollingOrigin } from "./cv-plan.js";
import { crossValidate, makeFolds } from "./cv-folds.js";
import {
  ForecastOptionsSchema,
  type ForecastLeaderboardEntry,
  type ForecastSearchInput,
  type ForecastSearchResult,
  type ForecastTrial,
} from "./forecast-input.js";
import { futureTimes, prepareSeries } from "./prepare-series.js";

interface Scored {
  spec: ForecastSpec;
  /** The candidate's own season length; null: the search's. */
  seasonLength: number | null;
  cvScore: number;
  foldScores: number[];
  foldForecasts: Float64Array[];
  seconds: number;
}

/**
 * Guessed seconds per fit of a family never timed yet (the first trial of each family calibrates
 * it). The benchmarks cost microseconds, so even a tiny budget gets a ranked forecast.
 */
const FIRST_FIT_GUESS: Record<string, number> = {
  naive: 0,
  drift: 0,
  seasonal_naive: 0,
  gbdt: 1,
  auto_arima: 1,
};

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AlchemistError("FIT_CANCELLED", "The forecast search was cancelled.", {});
}

/**
 * Searches forecasters for `input.y` and forecasts `horizon` steps after its end.
 *
 * The season length is the given one or the ACF's (with the calendar period, e.g. 12 for monthly
 * timestamps, preferred when it shows a peak). Candidates (benchmarks → ETS → decomposition →
 * ARIMA → auto-ARIMA → GBDT) are cross-validated on rolling origins (see `planRollingOrigin`) in
 * that order while the clock allows: a candidate starts only when its estimated cost (its family's
 * measured seconds per fit × folds) plus the refit reserve fits before the deadline. The ranking is
 * the mean fold score; the average of the best k ≤ 5 replaces the best single model when its CV
 * score is lower. The winner is refitted on the whole series (the next one when a refit fails).
 * Aborting `signal` throws FIT_CANCELLED. Same input and seed ⇒ the same result, unless the
 * budget cuts the candidate list at a different place.
 */
export async function searchForecast(input: ForecastSearchInput): Promise<ForecastSearchResult> {
  const t0 = performance.now();
  const parsed = ForecastOptionsSchema.safeParse({
    horizon: input.horizon,
    seasonLength: input.seasonLength,
    metric: input.metric,
    budgetMs: input.budgetMs,
    seed: input.seed,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Forecast options: ${issue?.path.join(".")}: ${issue?.message}`,
      {
        parameter: String(issue?.path[0] ?? "options"),
      },
    );
  }
  const opts = parsed.data;
  const deadline = t0 + opts.budgetMs;
  const s = prepareSeries(input.y, input.times, input.exog, opts.horizon);
  const notes = [...s.notes];
  const n = s.y.length;

  let seasonLength: number;
  let seasonSource: ForecastSearchResult["seasonSource"];
  if (opts.seasonLength !== undefined) {
    seasonLength = opts.seasonLength;
    seasonSource = "given";
    notes.push(`Season length ${seasonLength} as given.`);
  } else {
    const preferred = s.calendar !== undefined ? calendarSeason(s.calendar.step) : undefined;
    const det = detectSeasonLength(s.y, preferred);
    seasonLength = det.seasonLength;
    seasonSource = seasonLength > 1 ? "acf" : "none";
    notes.push(`Season length ${seasonLength}: ${det.reason}.`);
  }
  if (seasonLength > 1 && n <= seasonLength) {
    notes.push(
      `The series (${n} points) is not longer than a season (${seasonLength}); forecasting it as non-seasonal.`,
    );
    seasonLength = 1;
  }
  const plan = planRollingOrigin(n, opts.horizon, seasonLength);
  notes.push(
    `Rolling-origin CV: ${plan.origins.length} origin(s) at ${plan.origins.join(", ")}, each forecasting ${plan.horizon} step(s)` +
      (plan.horizon < opts.horizon
        ? ` (the horizon ${opts.horizon} capped so that the folds fit the series).`
        : "."),
  );
  const folds = makeFolds(s, plan, seasonLength, opts.seed);
  const candidates = forecastCandidates({
    seasonLength,
    minTrain: plan.minTrain,
    positive: isPositive(s.y),
    hasExog: s.exog !== undefined,
  });

  const perFit = new Map<string, number>();
  const scored: Scored[] = [];
  const tried: ForecastTrial[] = [];
  let failed = 0;
  /** Cross-validates one candidate; false when its estimated cost does not fit the time left. */
  const attempt = (spec: ForecastSpec, own: number | null, origin?: string): boolean => {
    checkAborted(input.signal);
    const guess = perFit.get(spec.model) ?? FIRST_FIT_GUESS[spec.model] ?? 0.2;
    const reserve = refitReserve(scored, perFit);
    if (performance.now() + 1000 * (guess * folds.length + reserve) > deadline) return false;
    const m = own ?? seasonLength;
    const start = performance.now();
    const base = {
      index: tried.length,
      spec,
      ...(own !== null ? { seasonLength: own } : {}),
      ...(origin !== undefined ? { origin } : {}),
    };
    let trial: ForecastTrial;
    try {
      // A candidate's own season length changes its fits, never the scale MASE divides by.
      const cvFolds = own === null ? folds : folds.map((f) => ({ ...f, ctx: { ...f.ctx, seasonLength: m } }));
      const cv = crossValidate(spec, cvFolds, opts.metric, seasonLength);
      const seconds = (performance.now() - start) / 1000;
      scored.push({
        spec,
        seasonLength: own,
        cvScore: cv.cvScore,
        foldScores: cv.foldScores,
        foldForecasts: cv.foldForecasts,
        seconds,
      });
      trial = {
        ...base,
        label: cv.label,
        cvScore: cv.cvScore,
        foldScores: cv.foldScores,
        seconds,
        status: "ok",
      };
    } catch (e) {
      failed++;
      const seconds = (performance.now() - start) / 1000;
      const error = e instanceof Error ? e.message : String(e);
      trial = {
        ...base,
        label: spec.model,
        cvScore: Number.NaN,
        foldScores: [],
        seconds,
        status: "failed",
        error,
      };
    }
    perFit.set(spec.model, Math.max(perFit.get(spec.model) ?? 0, trial.seconds / folds.length));
    tried.push(trial);
    input.onTrial?.(trial);
    return true;
  };
  let skipped = 0;
  for (const spec of candidates) if (!attempt(spec, null)) skipped++;
  if (skipped > 0) notes.push(`${skipped} candidate(s) skipped: the time budget would not cover them.`);
  if (input.propose !== undefined && scored.length > 0) {
    const ran = await explore(input.propose, tried, scored, attempt);
    if (ran > 0) notes.push(`${ran} candidate(s) came from the proposer after the sweep.`);
  }
  if (failed > 0)
    notes.push(`${failed} candidate(s) failed on some fold (see the trials) and were left out.`);
  scored.sort((a, b) => a.cvScore - b.cvScore);
  if (scored.length === 0) {
    throw new AlchemistError(
      "NO_SUCCESSFUL_TRIAL",
      "No forecasting candidate finished within the budget.",
      {},
    );
  }

  const leaderboard: ForecastLeaderboardEntry[] = scored.map((c) => ({
    rank: 0,
    model: c.spec.model,
    params: c.spec.params,
    transform: c.spec.transform,
    cvScore: c.cvScore,
    seconds: c.seconds,
  }));
  // Members of a mean share one refit context, so candidates with their own season length stay out.
  const pool = scored.filter((c) => c.seasonLength === null);
  const combo = pool.length > 0 ? bestCombination(pool, folds, opts.metric, seasonLength) : null;
  const order = scored.map((c) => ({ spec: c.spec, seasonLength: c.seasonLength }));
  if (combo !== null && combo.cvScore < scored[0]!.cvScore) {
    const members = pool.slice(0, combo.k).map((c) => c.spec);
    const spec: ForecastSpec = { model: "ensemble", params: { members }, transform: "none" };
    order.unshift({ spec, seasonLength: null });
    leaderboard.push({
      rank: 0,
      model: "ensemble",
      params: spec.params,
      transform: "none",
      cvScore: combo.cvScore,
      seconds: 0,
    });
    notes.push(
      `The mean of the top ${combo.k} candidates beats the best single one in CV (${fmt(combo.cvScore)} vs ${fmt(scored[0]!.cvScore)}).`,
    );
  }
  leaderboard.sort((a, b) => a.cvScore - b.cvScore);
  leaderboard.forEach((row, i) => {
    row.rank = i + 1;
  });

  checkAborted(input.signal);
  const ctx: ForecastFitContext = {
    seasonLength,
    seed: opts.seed,
    ...(s.calendar !== undefined ? { calendar: s.calendar } : {}),
    ...(s.exog !== undefined ? { exog: { names: s.exog.names, columns: s.exog.columns } } : {}),
  };
  const { fitted, forecast } = refitFirst(order, s.y, ctx, opts.horizon, s.exog?.future, notes);
  return {
    leaderboard,
    best: fitted.toJSON(),
    bestLabel: fitted.label,
    bestTransform: fitted.transform,
    forecast,
    ...(s.calendar !== undefined ? { forecastTimes: futureTimes(s.calendar, n, opts.horizon) } : {}),
    seasonLength,
    seasonSource,
    metric: opts.metric,
    cv: { horizon: plan.horizon, origins: plan.origins },
    trials: scored.length + failed,
    notes,
  };
}

/** Proposals in a row that do not lower the best CV score before the explore phase ends. */
export const EXPLORE_PATIENCE = 4;
const MAX_PROPOSALS = 30;

/**
 * The explore phase: one proposal at a time, cross-validated by `attempt`, until the proposer has
 * nothing new, a proposal does not fit the time left, EXPLORE_PATIENCE proposals in a row leave the
 * best score where it was, or MAX_PROPOSALS. Returns how many ran.
 */
async function explore(
  propose: NonNullable<ForecastSearchInput["propose"]>,
  tried: readonly ForecastTrial[],
  scored: readonly Scored[],
  attempt: (spec: ForecastSpec, own: number | null, origin: string) => boolean,
): Promise<number> {
  const best = () => scored.reduce((m, c) => Math.min(m, c.cvScore), Number.POSITIVE_INFINITY);
  let ran = 0;
  let stale = 0;
  for (let asked = 0; asked < MAX_PROPOSALS && stale < EXPLORE_PATIENCE; asked++) {
    const next = await propose(tried);
    if (next === null) break;
    const before = best();
    if (!attempt(next.spec, next.seasonLength, next.origin)) break;
    ran++;
    stale = best() < before ? 0 : stale + 1;
  }
  return ran;
}

/** Seconds to keep for the final refit: the per-fit time of the best five so far (an ensemble's members). */
function refitReserve(scored: readonly Scored[], perFit: ReadonlyMap<string, number>): number {
  const top = [...scored].sort((a, b) => a.cvScore - b.cvScore).slice(0, 5);
  return top.reduce((sum, c) => sum + (perFit.get(c.spec.model) ?? 0.2), 0) * 1.5;
}

function refitFirst(
  order: readonly { spec: ForecastSpec; seasonLength: number | null }[],
  y: Float64Array,
  ctx: ForecastFitContext,
  horizon: number,
  futureExog: Float64Array[] | undefined,
  notes: string[],
): { fitted: Forecaster; forecast: Float64Array } {
  for (const { spec, seasonLength } of order) {
    try {
      const fitted = fitForecaster(spec, y, seasonLength === null ? ctx : { ...ctx, seasonLength });
      const forecast = fitted.forecast(horizon, fitted.exogNames.length > 0 ? futureExog : undefined);
      return { fitted, forecast };
    } catch (e) {
      notes.push(
        `Refitting ${spec.model} on the whole series failed (${e instanceof Error ? e.message : String(e)}); trying the next.`,
      );
    }
  }
  throw new AlchemistError(
    "REFIT_FAILED",
    "No forecasting candidate could be refitted on the whole series.",
    {},
  );
}

function fmt(v: number): string {
  return v.toPrecision(4);
}
