/** The forecaster contract: fitted, immutable, `forecast(h)` from the end of its series, JSON round trip. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { type CalendarIndex, CalendarIndexSchema } from "./calendar.js";
import { inverseTransform, type TransformSpec, TransformSpecSchema } from "./transforms.js";

export const FORECAST_MODELS = [
  "naive",
  "seasonal_naive",
  "drift",
  "ets",
  "arima",
  "auto_arima",
  "decomposition",
  "gbdt",
  "ensemble",
] as const;
export const ForecastModelSchema = z.enum(FORECAST_MODELS).describe("forecasting model family");
export type ForecastModel = z.infer<typeof ForecastModelSchema>;

export const FORECASTER_FORMAT = "alchemist-forecaster";
export const FORECASTER_VERSION = 1;

/** The serialised form of a fitted forecaster; {@link reviveForecaster} rebuilds it exactly. */
export const ForecasterJsonSchema = z.object({
  format: z.literal(FORECASTER_FORMAT),
  version: z.literal(FORECASTER_VERSION),
  model: ForecastModelSchema,
  label: z.string().describe("human-readable model name with its fitted order / components"),
  params: z.record(z.string(), z.unknown()).describe("the model's configuration as requested"),
  transform: TransformSpecSchema,
  seasonLength: z.number().int().min(1),
  nObs: z.number().int().min(1).describe("length of the series it was fitted on"),
  calendar: CalendarIndexSchema.nullable().describe(
    "time index of the fitted series, when timestamps were given",
  ),
  exogNames: z.array(z.string()).describe("exogenous columns the model reads (in this order)"),
  state: z.unknown().describe("family-specific fitted state"),
});
export type ForecasterJSON = z.infer<typeof ForecasterJsonSchema>;

/** Future values of the exogenous columns: one array per name of `exogNames`, each ≥ h long. */
export type FutureExog = readonly Float64Array[];

/** A fitted forecaster. Immutable; forecasts always start right after the fitted series. */
export interface Forecaster {
  readonly model: ForecastModel;
  readonly label: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly transform: TransformSpec;
  readonly seasonLength: number;
  readonly exogNames: readonly string[];
  /** `h` ≥ 1 values on the original scale. Models with exogenous columns need `futureExog`. */
  forecast(h: number, futureExog?: FutureExog): Float64Array;
  toJSON(): ForecasterJSON;
}

/** What every family's fit receives besides the (transformed) series. */
export interface ForecastFitContext {
  seasonLength: number;
  seed: number;
  /** Time index of the series (GBDT calendar features), when timestamps were given. */
  calendar?: CalendarIndex;
  /** Exogenous columns aligned with the series (GBDT only). */
  exog?: { names: readonly string[]; columns: readonly Float64Array[] };
}

/** A family's fitted model in the transformed space: the part {@link wrapCore} makes a Forecaster. */
export interface CoreModel {
  readonly label: string;
  forecast(h: number, futureExog?: FutureExog): Float64Array;
  /** JSON-safe fitted state (numbers, strings, arrays, plain objects). */
  state(): unknown;
}

/** Fields of a forecaster that are not its core model. */
export interface ForecasterMeta {
  model: ForecastModel;
  params: Record<string, unknown>;
  transform: TransformSpec;
  seasonLength: number;
  nObs: number;
  calendar: CalendarIndex | null;
  exogNames: readonly string[];
}

/** Checks a horizon: a positive integer. */
export function checkHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) {
    throw new AlchemistError("INVALID_ARGUMENT", `The horizon is ${h}; it must be an integer ≥ 1.`, {
      parameter: "horizon",
    });
  }
}

/** Wraps a core model into a Forecaster that maps its forecasts back through the inverse transform. */
export function wrapCore(meta: ForecasterMeta, core: CoreModel): Forecaster {
  return {
    model: meta.model,
    label: meta.transform.kind === "none" ? core.label : `${transformLabel(meta.transform)}·${core.label}`,
    params: meta.params,
    transform: meta.transform,
    seasonLength: meta.seasonLength,
    exogNames: meta.exogNames,
    forecast(h, futureExog) {
      checkHorizon(h);
      const z = core.forecast(h, futureExog);
      const out = inverseTransform(meta.transform, z);
      for (let i = 0; i < out.length; i++) {
        if (!Number.isFinite(out[i]!)) {
          throw new AlchemistError(
            "FIT_FAILED",
            `${core.label}: the forecast is not finite at step ${i + 1}.`,
            {
              parameter: "model",
            },
          );
        }
      }
      return out;
    },
    toJSON: () => ({
      format: FORECASTER_FORMAT,
      version: FORECASTER_VERSION,
      model: meta.model,
      label: core.label,
      params: meta.params,
      transform: meta.transform,
      seasonLength: meta.seasonLength,
      nObs: meta.nObs,
      calendar: meta.calendar,
      exogNames: [...meta.exogNames],
      state: core.state(),
    }),
  };
}

/** Short name of a transform for labels: log, bc(0.25). */
export function transformLabel(t: TransformSpec): string {
  if (t.kind === "boxcox") return `boxcox(${t.lambda})`;
  return t.kind;
}

/** Parses a family's serialised state with its zod schema, or throws INVALID_MODEL_STATE. */
export function parseState<S extends z.ZodType>(model: string, schema: S, state: unknown): z.output<S> {
  const parsed = schema.safeParse(state);
  if (!parsed.success) {
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `${model}: the serialised forecaster state does not parse: ${parsed.error.message}`,
      {},
    );
  }
  return parsed.data;
}
