/** A forecasting run: the series from the training table, the rolling-origin search, the test block scored once. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import { type Frame, getColumn, hasColumn } from "../data/frame.js";
import { readTable } from "../data/read-table.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import type { ForecastSpec } from "../trainers/forecast/index.js";
import {
  type ForecastMetric,
  FORECAST_METRICS,
  type ForecastSearchInput,
  type ForecastTrial,
  forecastRef,
  forecastSpecOf,
  scoreForecast,
  searchForecast,
} from "./forecast/index.js";
import type { RunConfig } from "./run-config.js";
import type { TaskModelSpec } from "./run-result.js";
import type { TaskExploreRun, TaskOutcome, TaskTrial } from "./task-run.js";
import { createTaskExplorer, type TaskExplorer } from "./task-explore.js";
import { profileFrame } from "../data/profile/index.js";
import { csvField } from "./write-artifacts.js";

function column(frame: Frame, name: string, parameter: string, file: string) {
  if (!hasColumn(frame, name)) {
    const suggestions = closestNames(
      name,
      frame.columns.map((c) => c.name),
    );
    throw new AlchemistError(
      "COLUMN_NOT_FOUND",
      `The ${parameter} column '${name}' is not in ${file}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : ""}`,
      { column: name, parameter, suggestions },
    );
  }
  return getColumn(frame, name);
}

/** The numeric values of a column (a datetime as epoch ms); a typed error naming it otherwise. */
function numbers(frame: Frame, name: string, parameter: string, file: string): Float64Array {
  const c = column(frame, name, parameter, file);
  if (c.kind === "numeric" || c.kind === "datetime") return c.values;
  throw new AlchemistError(
    "INVALID_COLUMN_TYPE",
    `The ${parameter} column '${name}' of ${file} is ${c.kind}; a forecast needs ${parameter === "time" ? "dates" : "numbers"}.`,
    { column: name, parameter, kind: c.kind },
  );
}

/** A candidate as a registry estimator (the transform and an own season length among its params). */
function refOf(t: Pick<ForecastTrial, "spec" | "seasonLength">): {
  name: string;
  params: Record<string, unknown>;
} {
  const ref = forecastRef(t.spec);
  return t.seasonLength === undefined
    ? ref
    : { ...ref, params: { ...ref.params, season_length: t.seasonLength } };
}

function specOf(t: Pick<ForecastTrial, "spec" | "seasonLength">): TaskModelSpec {
  return { task: "forecast", estimator: refOf(t), steps: [] };
}

/** The search's `propose`: the run's proposer acting on the candidates through ACTION_SPACE. */
function proposeWith(explorer: TaskExplorer): NonNullable<ForecastSearchInput["propose"]> {
  return async (tried) => {
    const next = await explorer.propose(
      tried.map((t) => ({
        ...refOf(t),
        estimator: refOf(t).name,
        steps: [],
        score: t.status === "ok" ? t.cvScore : null,
        seconds: t.seconds,
        origin: t.origin,
      })),
    );
    if (next === null) return null;
    return { ...forecastSpecOf(next.spec.estimator.name, next.spec.estimator.params), origin: next.origin };
  };
}

const sameSpec = (a: ForecastSpec, b: ForecastSpec) =>
  a.model === b.model && a.transform === b.transform && JSON.stringify(a.params) === JSON.stringify(b.params);

/** Runs the forecasting search for `config` (task forecast) within `budgetMs`. */
export async function searchForecastRun(
  config: RunConfig,
  budgetMs: number,
  signal: AbortSignal | undefined,
  explore?: TaskExploreRun,
): Promise<TaskOutcome> {
  const notes: string[] = [];
  const train = (await readTable(config.train)).frame;
  const target = config.target;
  if (target === undefined) {
    throw new AlchemistError("INVALID_ARGUMENT", "A forecast needs --target: the column to forecast.", {
      parameter: "target",
    });
  }
  const metric = (config.metric ?? "mase") as ForecastMetric;
  if (!FORECAST_METRICS.includes(metric)) {
    throw new AlchemistError("INVALID_ARGUMENT", `The metric ${metric} does not score a forecast.`, {
      parameter: "metric",
      allowed: [...FORECAST_METRICS],
    });
  }
  const y = numbers(train, target, "target", config.train);
  let timeName = config.time;
  if (timeName === undefined) {
    timeName = train.columns.find((c) => c.kind === "datetime")?.name;
    if (timeName !== undefined) notes.push(`No --time given: '${timeName}' orders the series.`);
  }
  const times = timeName !== undefined ? numbers(train, timeName, "time", config.train) : undefined;
  const test = config.test !== undefined ? (await readTable(config.test)).frame : undefined;
  const horizon = config.horizon ?? test?.nRows;
  if (horizon === undefined) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      "A forecast needs --horizon (or a --test table whose rows it forecasts).",
      {
        parameter: "horizon",
      },
    );
  }
  // Exogenous columns: the other numeric columns, with their future values from the test table.
  const exogNames = train.columns
    .filter((c) => c.kind === "numeric" && c.name !== target && c.name !== timeName)
    .map((c) => c.name);
  const future =
    test !== undefined && exogNames.every((n) => hasColumn(test, n) && getColumn(test, n).kind === "numeric")
      ? exogNames.map((n) => numbers(test, n, "exogenous", config.test as string))
      : undefined;
  const trials: TaskTrial[] = [];
  const onTrial = (t: ForecastTrial) => {
    trials.push({
      seq: trials.length + 1,
      phase: t.origin !== undefined ? "explore" : "baseline",
      spec: specOf(t),
      status: t.status,
      score: t.status === "ok" ? t.cvScore : null,
      foldScores: t.foldScores,
      seconds: t.seconds,
      error: t.error ?? null,
      origin: t.origin !== undefined ? `${t.label}: ${t.origin}` : t.label,
    });
  };
  const specs: ForecastSpec[] = [];
  const explorer =
    explore === undefined
      ? undefined
      : createTaskExplorer({
          ...explore,
          profile: profileFrame(train, {
            task: "forecast",
            target,
            ...(timeName !== undefined ? { timeColumn: timeName } : {}),
          }),
          task: "forecast",
          metric,
          target,
          seed: config.seed,
          signal,
        });
  const result = await searchForecast({
    y,
    ...(times !== undefined ? { times } : {}),
    ...(exogNames.length > 0
      ? {
          exog: {
            names: exogNames,
            values: exogNames.map((n) => numbers(train, n, "exogenous", config.train)),
            ...(future !== undefined ? { future } : {}),
          },
        }
      : {}),
    horizon,
    metric,
    budgetMs,
    seed: config.seed,
    ...(signal !== undefined ? { signal } : {}),
    onTrial: (t) => {
      specs.push(t.spec);
      onTrial(t);
    },
    ...(explorer !== undefined ? { propose: proposeWith(explorer) } : {}),
  });
  const top = result.leaderboard[0];
  let best = 0;
  if (top?.model === "ensemble") {
    trials.push({
      seq: trials.length + 1,
      phase: "baseline",
      spec: specOf({ spec: { model: "ensemble", params: top.params, transform: "none" } }),
      status: "ok",
      score: top.cvScore,
      foldScores: [],
      seconds: 0,
      error: null,
      origin: "mean of the best candidates",
    });
    best = trials.length;
  } else if (top !== undefined) {
    const i = specs.findIndex((s) =>
      sameSpec(s, {
        model: top.model as ForecastSpec["model"],
        params: top.params,
        transform: top.transform,
      }),
    );
    best = i + 1;
  }
  let testScore: number | null = null;
  if (test !== undefined && hasColumn(test, target)) {
    const yTest = numbers(test, target, "target", config.test as string);
    const h = Math.min(yTest.length, result.forecast.length);
    testScore = scoreForecast(
      metric,
      yTest.subarray(0, h),
      result.forecast.subarray(0, h),
      y,
      result.seasonLength,
    );
    if (h < yTest.length) notes.push(`Only the first ${h} test rows were scored: the horizon is ${horizon}.`);
  }
  const lines = [
    timeName !== undefined && result.forecastTimes !== undefined
      ? `${csvField(timeName)},prediction`
      : "prediction",
  ];
  for (let i = 0; i < result.forecast.length; i++) {
    const v = result.forecast[i] as number;
    const t = result.forecastTimes?.[i];
    lines.push(t !== undefined && timeName !== undefined ? `${new Date(t).toISOString()},${v}` : String(v));
  }
  return {
    task: "forecast",
    metric: metric as MetricName,
    target,
    trials,
    best,
    model: result.best,
    cvScore: top?.cvScore ?? Number.NaN,
    testScore,
    predictions: `${lines.join("\n")}\n`,
    stoppedBecause: "search_exhausted",
    decisions: explorer?.decisions ?? [],
    facts: [
      `Season length: ${result.seasonLength} (${result.seasonSource === "acf" ? "detected by ACF" : result.seasonSource})`,
      `Rolling-origin CV: origins at ${result.cv.origins.join(", ")}, ${result.cv.horizon} steps each; forecast horizon ${horizon}`,
    ],
    notes: [...notes, ...result.notes],
  };
}
