/** trainers/forecast: univariate forecasters (benchmarks, ETS, ARIMA, decomposition, GBDT), transforms, seasonality. */
export {
  type ArimaOrder,
  ArimaOrderSchema,
  arimaLabel,
  arimaSummary,
  difference,
  fitArima,
  pacfToCoefs,
} from "./arima.js";
export { chooseDifferencing, fitAutoArima, kpssStatistic, orderGrid } from "./arima-search.js";
export {
  type CalendarIndex,
  CalendarIndexSchema,
  calendarFeature,
  calendarFeatureNames,
  calendarSeason,
  inferStep,
  type TimeStep,
  timeAt,
} from "./calendar.js";
export { type DecompositionParams, DecompositionParamsSchema, fitDecomposition } from "./decomposition.js";
export { type EtsParams, EtsParamsSchema, etsLabel, etsParameters, fitEts } from "./ets.js";
export {
  arimaForecaster,
  autoArimaForecaster,
  driftForecaster,
  etsForecaster,
  FORECAST_ESTIMATORS,
  gbdtForecaster,
  naiveForecaster,
  resolveSeasonLength,
  seasonalNaiveForecaster,
  stlForecaster,
} from "./forecast-estimators.js";
export { fitForecaster, type ForecastSpec, ForecastSpecSchema, reviveForecaster } from "./fit-forecaster.js";
export {
  checkHorizon,
  type CoreModel,
  FORECAST_MODELS,
  type ForecastFitContext,
  type ForecastModel,
  ForecastModelSchema,
  type Forecaster,
  type ForecasterJSON,
  ForecasterJsonSchema,
  type FutureExog,
} from "./forecaster.js";
export { fitGbdtForecaster, type GbdtForecastParams, GbdtForecastParamsSchema } from "./gbdt-forecaster.js";
export { fitNaive } from "./naive.js";
export { type NelderMeadOptions, type NelderMeadResult, nelderMead } from "./nelder-mead.js";
export {
  acf,
  centredMovingAverage,
  detectSeasonLength,
  type SeasonDetection,
  seasonalIndices,
  seasonalStrength,
} from "./seasonality.js";
export {
  applyTransform,
  guerreroLambda,
  inverseTransform,
  isPositive,
  resolveTransform,
  type TransformKind,
  type TransformSpec,
  TransformSpecSchema,
} from "./transforms.js";
