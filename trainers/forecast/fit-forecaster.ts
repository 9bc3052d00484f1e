/** One entry point per direction: a ForecastSpec + series → fitted Forecaster, and ForecasterJSON → Forecaster. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { parseEstimatorParams } from "../param.js";
import { ArimaOrderSchema, fitArima, reviveArima } from "./arima.js";
import { fitAutoArima } from "./arima-search.js";
import { DecompositionParamsSchema, fitDecomposition, reviveDecomposition } from "./decomposition.js";
import { EtsParamsSchema, fitEts, reviveEts } from "./ets.js";
import {
  type CoreModel,
  type ForecastFitContext,
  type Forecaster,
  type ForecasterJSON,
  ForecasterJsonSchema,
  ForecastModelSchema,
  type FutureExog,
  wrapCore,
} from "./forecaster.js";
import { fitGbdtForecaster, GbdtForecastParamsSchema, reviveGbdtForecaster } from "./gbdt-forecaster.js";
import { fitNaive, reviveNaive } from "./naive.js";
import { applyTransform, resolveTransform } from "./transforms.js";

/** A candidate before fitting: model family, its parameters, and the transform kind (λ is fitted). */
export const ForecastSpecSchema = z.object({
  model: ForecastModelSchema,
  params: z.record(z.string(), z.unknown()).describe("family parameters (see each family's schema)"),
  transform: z.enum(["none", "log", "boxcox"]).describe("applied before fitting; boxcox picks λ by Guerrero"),
});
export type ForecastSpec = z.infer<typeof ForecastSpecSchema>;

const EnsembleParamsSchema = z.object({ members: z.array(ForecastSpecSchema).min(1) });

function fitCore(spec: ForecastSpec, z: Float64Array, ctx: ForecastFitContext): CoreModel {
  const m = ctx.seasonLength;
  switch (spec.model) {
    case "naive":
    case "seasonal_naive":
    case "drift":
      return fitNaive(spec.model, z, m);
    case "ets":
      return fitEts(z, parseEstimatorParams("ets", EtsParamsSchema, spec.params), m);
    case "arima":
      return fitArima(z, parseEstimatorParams("arima", ArimaOrderSchema, spec.params), m);
    case "auto_arima":
      return fitAutoArima(z, m);
    case "decomposition":
      return fitDecomposition(
        z,
        parseEstimatorParams("decomposition", DecompositionParamsSchema, spec.params),
        m,
      );
    case "gbdt":
      return fitGbdtForecaster(z, parseEstimatorParams("gbdt", GbdtForecastParamsSchema, spec.params), ctx);
    case "ensemble":
      throw new AlchemistError("INTERNAL", "ensemble is fitted by fitForecaster, not as a core model.", {});
  }
}

function reviveCore(json: ForecasterJSON): CoreModel {
  switch (json.model) {
    case "naive":
    case "seasonal_naive":
    case "drift":
      return reviveNaive(json.state);
    case "ets":
      return reviveEts(json.state);
    case "arima":
    case "auto_arima":
      return reviveArima(json.state);
    case "decomposition":
      return reviveDecomposition(json.state);
    case "gbdt":
      return reviveGbdtForecaster(json.state);
    case "ensemble":
      return ensembleCore(parseEnsembleState(json.state).members.map(reviveForecaster));
  }
}

function parseEnsembleState(state: unknown): { members: unknown[] } {
  const parsed = z.object({ members: z.array(z.unknown()).min(1) }).safeParse(state);
  if (!parsed.success)
    throw new AlchemistError("INVALID_MODEL_STATE", "ensemble: the state has no members.", {});
  return parsed.data;
}

/** The simple average of the members' forecasts, on the original scale. */
function ensembleCore(members: Forecaster[]): CoreModel {
  return {
    label: `mean(${members.map((f) => f.label).join(" + ")})`,
    forecast(h, futureExog?: FutureExog) {
      const out = new Float64Array(h);
      for (const f of members) {
        const fc = f.forecast(h, f.exogNames.length > 0 ? futureExog : undefined);
        for (let i = 0; i < h; i++) out[i] = out[i]! + fc[i]! / members.length;
      }
      return out;
    },
    state: () => ({ members: members.map((f) => f.toJSON()) }),
  };
}

/**
 * Fits `spec` on the original-scale series `y`: resolves the transform (Box–Cox λ by Guerrero on
 * `y`), fits the family on the transformed series and wraps it so forecasts come back on y's scale.
 * Only GBDT reads exogenous columns; other families ignore `ctx.exog`.
 */
export function fitForecaster(spec: ForecastSpec, y: Float64Array, ctx: ForecastFitContext): Forecaster {
  const meta = {
    model: spec.model,
    params: spec.params,
    seasonLength: ctx.seasonLength,
    nObs: y.length,
    calendar: ctx.calendar ?? null,
  };
  if (spec.model === "ensemble") {
    const { members } = parseEstimatorParams("ensemble", EnsembleParamsSchema, spec.params);
    const fitted = members.map((m) => fitForecaster(m, y, ctx));
    const exogNames = fitted.find((f) => f.exogNames.length > 0)?.exogNames ?? [];
    return wrapCore({ ...meta, transform: { kind: "none" }, exogNames }, ensembleCore(fitted));
  }
  const transform = resolveTransform(spec.transform, y, ctx.seasonLength);
  const z = applyTransform(transform, y);
  const exogNames = spec.model === "gbdt" ? (ctx.exog?.names ?? []) : [];
  const { exog: _exog, ...withoutExog } = ctx;
  return wrapCore(
    { ...meta, transform, exogNames },
    fitCore(spec, z, spec.model === "gbdt" ? ctx : withoutExog),
  );
}

/** Rebuilds a forecaster from its JSON (validated; INVALID_MODEL_STATE when it does not parse). */
export function reviveForecaster(json: unknown): Forecaster {
  const parsed = ForecasterJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Not a serialised forecaster: ${parsed.error.message}`,
      {},
    );
  }
  const j = parsed.data;
  return wrapCore(
    {
      model: j.model,
      params: j.params,
      transform: j.transform,
      seasonLength: j.seasonLength,
      nObs: j.nObs,
      calendar: j.calendar,
      exogNames: j.exogNames,
    },
    reviveCore(j),
  );
}
