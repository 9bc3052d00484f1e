/** Forecast candidates as MODEL_REGISTRY estimators and back: what ACTION_SPACE and the proposer act on. */
import { AlchemistError } from "../../core/errors.js";
import type { ForecastModel, ForecastSpec } from "../../trainers/forecast/index.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";

const REGISTRY_NAME: Record<Exclude<ForecastModel, "ensemble">, string> = {
  naive: "naive_forecast",
  seasonal_naive: "seasonal_naive_forecast",
  drift: "drift_forecast",
  ets: "ets",
  arima: "arima",
  auto_arima: "auto_arima",
  decomposition: "stl_forecast",
  gbdt: "gbdt_forecast",
};
const MODEL_OF = new Map(
  Object.entries(REGISTRY_NAME).map(([model, name]) => [name, model as ForecastModel]),
);

/** The registry estimator of a candidate: its name and params (`transform` among them unless none). */
export function forecastRef(spec: ForecastSpec): { name: string; params: Record<string, unknown> } {
  if (spec.model === "ensemble") return { name: "ensemble", params: spec.params };
  const { extraction: _e, season: _s, ...rest } = spec.params;
  // STL forecasts always extract an additive STL season; ETS keeps its `season` choice.
  const params = spec.model === "decomposition" ? rest : spec.params;
  return {
    name: REGISTRY_NAME[spec.model],
    params: { ...params, ...(spec.transform !== "none" ? { transform: spec.transform } : {}) },
  };
}

/**
 * The candidate of a registry forecaster with `params` (defaults filled from the registry):
 * the spec and the season length it asks for (null: the run's). UNKNOWN_ESTIMATOR otherwise.
 */
export function forecastSpecOf(
  name: string,
  params: Record<string, unknown>,
): { spec: ForecastSpec; seasonLength: number | null } {
  const model = MODEL_OF.get(name);
  const parsed = MODEL_REGISTRY.get(name)?.params.safeParse(params);
  if (model === undefined || parsed?.success !== true) {
    throw new AlchemistError("UNKNOWN_ESTIMATOR", `'${name}' is not a forecaster with these params.`, {
      parameter: "estimator",
    });
  }
  const { transform, season_length, ...p } = parsed.data as Record<string, unknown>;
  const own =
    model === "decomposition"
      ? { extraction: "stl", season: "add", method: p.method }
      : model === "gbdt"
        ? { ...p, ...(p.lags === 0 ? { lags: undefined } : {}) }
        : p;
  return {
    spec: {
      model,
      params: Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)),
      transform: transform === "log" || transform === "boxcox" ? transform : "none",
    },
    seasonLength: typeof season_length === "number" && season_length > 0 ? season_length : null,
  };
}
