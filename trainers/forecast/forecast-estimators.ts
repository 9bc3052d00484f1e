/**
 * The forecasters as MODEL_REGISTRY entries. X's rows are the time-ordered observations of the
 * series y (its columns, possibly none, exogenous regressors that only gbdt_forecast reads);
 * predict(Xf) forecasts Xf.nRows steps after the end of the fitted series.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { type FeatureMatrix, featureColumn } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorFamily, EstimatorSpec, EstimatorTags, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, enumParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { checkWidthOnly, expectState, parseTaskJSON, rowsOnly, TASK_STATE_VERSION } from "../task-adapter.js";
import { type ForecastSpec, fitForecaster, reviveForecaster } from "./fit-forecaster.js";
import type { ForecastModel, Forecaster } from "./forecaster.js";
import { detectSeasonLength } from "./seasonality.js";

/** What every forecaster takes besides its family's parameters. */
const COMMON = {
  transform: enumParam({
    values: ["none", "log", "boxcox"],
    default: "none",
    description:
      "Applied to the series before fitting and inverted on the forecasts: log or Box–Cox (λ by Guerrero) stabilise a variance that grows with the level; both need a strictly positive series",
  }),
  season_length: intParam({
    default: 0,
    min: 0,
    max: 366,
    search: false,
    description:
      "Observations per season (12 for monthly data with a yearly cycle); 0 = detected from the autocorrelation of the differenced series, 1 = not seasonal",
  }),
};

const NoParams = z.strictObject({ ...COMMON });

const EtsParams = z.strictObject({
  ...COMMON,
  trend: enumParam({
    values: ["none", "add", "damped"],
    default: "damped",
    description: "none: a level only; add: Holt's linear trend; damped: a trend that flattens out",
  }),
  season: enumParam({
    values: ["none", "add", "mul"],
    default: "add",
    description:
      "none, additive or multiplicative season; treated as none when the series has no season or is shorter than two seasons + 2",
  }),
});

const order = (p: { default: number; max: number; description: string }) =>
  intParam({ default: p.default, min: 0, max: p.max, description: p.description });

const ArimaParams = z.strictObject({
  ...COMMON,
  p: order({ default: 0, max: 5, description: "Non-seasonal autoregressive order" }),
  d: order({ default: 1, max: 2, description: "Non-seasonal differences" }),
  q: order({ default: 1, max: 5, description: "Non-seasonal moving-average order" }),
  P: order({ default: 0, max: 2, description: "Seasonal autoregressive order (0 when not seasonal)" }),
  D: order({ default: 1, max: 1, description: "Seasonal differences (0 when not seasonal)" }),
  Q: order({ default: 1, max: 2, description: "Seasonal moving-average order (0 when not seasonal)" }),
  constant: boolParam({
    default: false,
    description: "A mean (no differencing) or drift (one difference in all) term",
  }),
});

const StlParams = z.strictObject({
  ...COMMON,
  method: enumParam({
    values: ["theta", "holt_damped", "arima_drift", "drift", "ses"],
    default: "theta",
    description:
      "Model of the seasonally adjusted series: theta, damped Holt, ARIMA(1,1,0) with drift, drift, or simple exponential smoothing",
  }),
});

const GbdtParams = z.strictObject({
  ...COMMON,
  differencing: enumParam({
    values: ["none", "first", "seasonal"],
    default: "first",
    description:
      "What the trees learn: the level (trees cannot extrapolate it), its first differences, or its seasonal differences",
  }),
  lags: intParam({
    default: 0,
    min: 0,
    max: 60,
    searchMax: 24,
    description: "Lagged values used as features; 0 = max(season length, 3)",
  }),
  max_iter: intParam({
    default: 200,
    min: 10,
    max: 2000,
    searchMin: 50,
    searchMax: 500,
    log: true,
    description: "Boosting rounds",
  }),
  learning_rate: floatParam({
    default: 0.05,
    min: 0.005,
    max: 1,
    searchMax: 0.3,
    log: true,
    description: "Shrinkage of each tree",
  }),
  max_leaf_nodes: intParam({ default: 15, min: 2, max: 64, description: "Leaves per tree at most" }),
  min_samples_leaf: intParam({ default: 5, min: 1, max: 100, description: "Rows per leaf at least" }),
});

/** Ignores X: any values, NaN included, are fine (only the row count and width are checked). */
const SERIES_TAGS: EstimatorTags = {
  handlesMissing: true,
  handlesCategorical: false,
  needsScaling: false,
  sampleWeights: false,
  probabilities: false,
};

/** The season length the search would use: the given one, or the ACF's; 1 when not longer than a season. */
export function resolveSeasonLength(y: Float64Array, given: number): number {
  const m = given > 0 ? given : detectSeasonLength(y).seasonLength;
  return m > 1 && y.length <= m ? 1 : m;
}

/** Seasonal models need two whole seasons plus two points (the search's rule). */
function seasonal(m: number, n: number): boolean {
  return m > 1 && n >= 2 * m + 2;
}

function checkSeries(name: string, X: FeatureMatrix, y: Float64Array): void {
  if (y.length === 0) throw new AlchemistError("NOT_ENOUGH_ROWS", `${name}: the series is empty.`, {});
  if (y.length !== X.nRows) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `${name}: ${X.nRows} feature rows but the series has ${y.length} values.`,
      {},
    );
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (Number.isFinite(v)) continue;
    if (Number.isNaN(v)) {
      throw new AlchemistError(
        "MISSING_VALUES",
        `${name}: the series is missing in row ${i}; forecasting needs a complete series (fill or drop the gap).`,
        { column: "target", row: i },
      );
    }
    throw new AlchemistError("NON_FINITE_VALUES", `${name}: the series is ${v} in row ${i}.`, {
      column: "target",
      row: i,
    });
  }
}

function forecastModel(
  name: string,
  f: Forecaster,
  nFeatures: number,
  readsX: boolean,
  params: Record<string, unknown>,
): FittedModel {
  const model: FittedModel = Object.freeze({
    estimator: name,
    nFeatures,
    predict(X: FeatureMatrix): Float64Array {
      if (readsX) checkPredictInput(model, X, false);
      else checkWidthOnly(model, X);
      if (X.nRows === 0) return new Float64Array(0);
      const future =
        f.exogNames.length > 0 ? Array.from({ length: X.nCols }, (_, j) => featureColumn(X, j)) : undefined;
      return f.forecast(X.nRows, future);
    },
    toJSON: (): ModelJSON => ({
      estimator: name,
      version: TASK_STATE_VERSION,
      params: { ...params },
      nFeatures,
      state: f.toJSON(),
    }),
  });
  return model;
}

/** One forecaster: its declaration plus the ForecastSpec its params make for a series of n points. */
function forecaster<P extends z.ZodObject>(def: {
  name: string;
  family: EstimatorFamily;
  model: ForecastModel;
  description: string;
  params: P;
  /** Reads X's columns as exogenous regressors (so refuses missing values in them). */
  readsX?: boolean;
  spec(p: z.output<P>, seasonLength: number, n: number): Omit<ForecastSpec, "transform">;
}): EstimatorSpec<P> {
  const readsX = def.readsX === true;
  const spec: EstimatorSpec<P> = {
    name: def.name,
    family: def.family,
    tasks: ["forecast"],
    description: def.description,
    tags: readsX ? { ...SERIES_TAGS, handlesMissing: false } : SERIES_TAGS,
    params: def.params,
    fit(X, y, params, ctx) {
      checkSeries(def.name, X, y);
      checkFitInput(spec, readsX ? X : rowsOnly(X), y, ctx);
      const p = parseEstimatorParams(def.name, def.params, params);
      const common = p as { transform: ForecastSpec["transform"]; season_length: number };
      const m = resolveSeasonLength(y, common.season_length);
      const exog =
        readsX && X.nCols > 0
          ? {
              names: X.featureNames,
              columns: Array.from({ length: X.nCols }, (_, j) => Float64Array.from(featureColumn(X, j))),
            }
          : undefined;
      const f = fitForecaster({ ...def.spec(p, m, y.length), transform: common.transform }, y, {
        seasonLength: m,
        seed: ctx.seed,
        ...(exog !== undefined ? { exog } : {}),
      });
      return forecastModel(def.name, f, X.nCols, readsX, p);
    },
    fromJSON(json) {
      const { params, nFeatures, state } = parseTaskJSON(json, def.name, def.params);
      const f = reviveForecaster(state);
      expectState(f.model === def.model, def.name, `the state is a ${f.model} forecaster`);
      return forecastModel(def.name, f, nFeatures, readsX, params);
    },
  };
  return spec;
}

const benchmark = (name: string, model: "naive" | "seasonal_naive" | "drift", description: string) =>
  forecaster({
    name,
    family: "baseline",
    model,
    description,
    params: NoParams,
    spec: () => ({ model, params: {} }),
  });

export const naiveForecaster = benchmark(
  "naive_forecast",
  "naive",
  "Naive forecast: repeats the last value; the benchmark every forecaster must beat.",
);

export const seasonalNaiveForecaster = benchmark(
  "seasonal_naive_forecast",
  "seasonal_naive",
  "Seasonal naive forecast: repeats the last season (the last value when not seasonal).",
);

export const driftForecaster = benchmark(
  "drift_forecast",
  "drift",
  "Drift forecast: extends the straight line from the first to the last value.",
);

export const etsForecaster = forecaster({
  name: "ets",
  family: "smoothing",
  model: "ets",
  description:
    "Exponential smoothing (simple, Holt, damped, Holt-Winters additive or multiplicative): weights recent observations most; strong on short seasonal series.",
  params: EtsParams,
  spec: (p, m, n) => ({
    model: "ets",
    params: { trend: p.trend, season: seasonal(m, n) ? p.season : "none" },
  }),
});

export const arimaForecaster = forecaster({
  name: "arima",
  family: "arima",
  model: "arima",
  description:
    "(Seasonal) ARIMA of a given order, fitted by conditional least squares; the default (0,1,1)(0,1,1) is the airline model.",
  params: ArimaParams,
  spec: (p, m, n) => {
    const s = seasonal(m, n);
    return {
      model: "arima",
      params: {
        p: p.p,
        d: p.d,
        q: p.q,
        P: s ? p.P : 0,
        D: s ? p.D : 0,
        Q: s ? p.Q : 0,
        constant: p.constant,
      },
    };
  },
});

export const autoArimaForecaster = forecaster({
  name: "auto_arima",
  family: "arima",
  model: "auto_arima",
  description:
    "Automatic ARIMA: differences chosen by KPSS and seasonal strength, then the order with the lowest AIC over a small grid.",
  params: NoParams,
  spec: () => ({ model: "auto_arima", params: {} }),
});

export const stlForecaster = forecaster({
  name: "stl_forecast",
  family: "decomposition",
  model: "decomposition",
  description:
    "STL forecast: a robust STL season is removed, the adjusted series forecast by a non-seasonal model and the last season put back; needs two whole seasons.",
  params: StlParams,
  spec: (p) => ({ model: "decomposition", params: { extraction: "stl", season: "add", method: p.method } }),
});

export const gbdtForecaster = forecaster({
  name: "gbdt_forecast",
  family: "boosting",
  model: "gbdt",
  description:
    "Gradient boosting on lags, season position and exogenous columns, forecasting recursively; the only forecaster that uses X's columns (their future values come with predict).",
  params: GbdtParams,
  readsX: true,
  spec: (p) => ({
    model: "gbdt",
    params: {
      differencing: p.differencing,
      ...(p.lags > 0 ? { lags: p.lags } : {}),
      max_iter: p.max_iter,
      learning_rate: p.learning_rate,
      max_leaf_nodes: p.max_leaf_nodes,
      min_samples_leaf: p.min_samples_leaf,
    },
  }),
});

/** The forecasting entries of MODEL_REGISTRY. */
export const FORECAST_ESTIMATORS: readonly EstimatorSpec[] = [
  naiveForecaster,
  seasonalNaiveForecaster,
  driftForecaster,
  etsForecaster,
  arimaForecaster,
  autoArimaForecaster,
  stlForecaster,
  gbdtForecaster,
];
