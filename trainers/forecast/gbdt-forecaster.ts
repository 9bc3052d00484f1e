/**
 * Gradient boosting on lag, season-position, calendar and exogenous features, forecasting
 * recursively (each step's prediction becomes the next step's lag). Trees cannot extrapolate a
 * level they never saw, so by default the model learns the first (or seasonal) differences and the
 * forecast is integrated back.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix } from "../../data/preprocess/index.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { histGradientBoostingRegressor } from "../gbdt/index.js";
import { CalendarIndexSchema, calendarFeature, calendarFeatureNames } from "./calendar.js";
import type { CoreModel, ForecastFitContext, FutureExog } from "./forecaster.js";
import { parseState } from "./forecaster.js";

export const GbdtForecastParamsSchema = z.object({
  differencing: z
    .enum(["none", "first", "seasonal"])
    .default("first")
    .describe("what the trees learn: the level, its first differences, or its seasonal differences"),
  lags: z
    .number()
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe("lagged values used as features; default max(season, 3)"),
  max_iter: z.number().int().min(10).max(2000).default(200).describe("boosting rounds"),
  learning_rate: z.number().min(0.005).max(1).default(0.05).describe("shrinkage"),
  max_leaf_nodes: z.number().int().min(2).max(64).default(15).describe("leaves per tree at most"),
  min_samples_leaf: z.number().int().min(1).max(100).default(5).describe("rows per leaf at least"),
});
export type GbdtForecastParams = z.input<typeof GbdtForecastParamsSchema>;

const GbdtStateSchema = z.object({
  differencing: z.enum(["none", "first", "seasonal"]),
  lags: z.number().int().min(1),
  seasonLength: z.number().int().min(1),
  /** Row index (in the original series) of the first forecast. */
  nObs: z.number().int().min(1),
  calendar: CalendarIndexSchema.nullable(),
  nExog: z.number().int().min(0),
  /** Last `differencing lag` values of each exogenous column. */
  exogTail: z.array(z.array(z.number())),
  /** Last values of the series (for integrating differences) and of the modelled series, oldest first. */
  zTail: z.array(z.number()),
  wTail: z.array(z.number()),
  model: z.unknown(),
});
type GbdtState = z.infer<typeof GbdtStateSchema>;

type Shape = Pick<GbdtState, "differencing" | "lags" | "seasonLength" | "calendar" | "nExog">;

function featureNames(s: Shape): string[] {
  const names: string[] = [];
  for (let l = 1; l <= s.lags; l++) names.push(`lag_${l}`);
  if (s.seasonLength > 1) names.push("season_position");
  if (s.calendar !== null) names.push(...calendarFeatureNames(s.calendar.step));
  for (let j = 0; j < s.nExog; j++) {
    names.push(`exog_${j}`);
    // A differenced target moves with the exogenous change, not its level.
    if (diffLag(s) > 0) names.push(`exog_${j}_change`);
  }
  return names;
}

/** Writes the features of original row `t` (exogAt(j, b): column j at row t − b) (whose modelled value follows `w[wEnd − 1]`) into `out`. */
function rowFeatures(
  s: Shape,
  w: Float64Array,
  wEnd: number,
  t: number,
  exogAt: (j: number, back: number) => number,
  out: Float64Array,
): void {
  let k = 0;
  for (let l = 1; l <= s.lags; l++) out[k++] = w[wEnd - l]!;
  if (s.seasonLength > 1) out[k++] = t % s.seasonLength;
  if (s.calendar !== null)
    for (const name of calendarFeatureNames(s.calendar.step)) out[k++] = calendarFeature(s.calendar, name, t);
  const dl = diffLag(s);
  for (let j = 0; j < s.nExog; j++) {
    out[k++] = exogAt(j, 0);
    if (dl > 0) out[k++] = exogAt(j, 0) - exogAt(j, dl);
  }
}

function diffLag(s: Pick<Shape, "differencing" | "seasonLength">): number {
  return s.differencing === "none" ? 0 : s.differencing === "first" ? 1 : s.seasonLength;
}

function core(s: GbdtState, model: FittedModel): CoreModel {
  const names = featureNames(s);
  const dl = diffLag(s);
  return {
    label: `gbdt(${s.differencing},lags=${s.lags}${s.nExog > 0 ? `,exog=${s.nExog}` : ""})`,
    forecast(h, futureExog?: FutureExog) {
      if (
        s.nExog > 0 &&
        (futureExog === undefined || futureExog.length !== s.nExog || futureExog.some((c) => c.length < h))
      ) {
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `gbdt: forecasting ${h} steps needs ${s.nExog} future exogenous columns of ≥ ${h} values.`,
          {
            parameter: "futureExog",
          },
        );
      }
      const w = new Float64Array(s.wTail.length + h);
      w.set(s.wTail);
      const z = new Float64Array(s.zTail.length + h);
      z.set(s.zTail);
      // Each exogenous column as its training tail followed by the future values.
      const exog = (futureExog ?? []).map((c, j) => {
        const tail = s.exogTail[j] ?? [];
        const all = new Float64Array(tail.length + h);
        all.set(tail);
        all.set(c.subarray(0, h), tail.length);
        return all;
      });
      const x = new Float64Array(names.length);
      const X = createFeatureMatrix(1, names, undefined, x);
      for (let k = 0; k < h; k++) {
        rowFeatures(s, w, s.wTail.length + k, s.nObs + k, (j, b) => exog[j]![dl + k - b]!, x);
        const v = model.predict(X)[0]!;
        w[s.wTail.length + k] = v;
        const zi = s.zTail.length + k;
        z[zi] = dl === 0 ? v : z[zi - dl]! + v;
      }
      return z.slice(s.zTail.length);
    },
    state: () => ({ ...s, model: model.toJSON() }),
  };
}

/** Fits the trees on the (transformed) series `z`; exogenous columns come from `ctx.exog`. */
export function fitGbdtForecaster(
  z: Float64Array,
  params: GbdtForecastParams,
  ctx: ForecastFitContext,
): CoreModel {
  const p = GbdtForecastParamsSchema.parse(params);
  const m = ctx.seasonLength;
  const differencing = p.differencing === "seasonal" && m < 2 ? "first" : p.differencing;
  const lags = p.lags ?? Math.max(m, 3);
  const nExog = ctx.exog?.columns.length ?? 0;
  const shape = { differencing, lags, seasonLength: m, calendar: ctx.calendar ?? null, nExog };
  const dl = diffLag(shape);
  const n = z.length;
  const w = new Float64Array(n - dl);
  for (let i = 0; i < w.length; i++) w[i] = dl === 0 ? z[i]! : z[i + dl]! - z[i]!;
  const nRows = w.length - lags;
  if (nRows < 12) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `gbdt with ${lags} lags needs at least ${lags + dl + 12} points; the series has ${n}.`,
      {},
    );
  }
  const names = featureNames(shape);
  const X = createFeatureMatrix(nRows, names);
  const y = new Float64Array(nRows);
  const row = new Float64Array(names.length);
  for (let r = 0; r < nRows; r++) {
    const wi = r + lags;
    const t = wi + dl;
    rowFeatures(shape, w, wi, t, (j, b) => ctx.exog!.columns[j]![t - b]!, row);
    for (let c = 0; c < names.length; c++) X.data[c * nRows + r] = row[c]!;
    y[r] = w[wi]!;
  }
  const est = histGradientBoostingRegressor;
  const hp = est.params.parse({
    max_iter: p.max_iter,
    learning_rate: p.learning_rate,
    max_leaf_nodes: p.max_leaf_nodes,
    min_samples_leaf: p.min_samples_leaf,
    early_stopping: "off",
  });
  const model = est.fit(X, y, hp, { seed: ctx.seed });
  return core(
    {
      ...shape,
      nObs: n,
      zTail: Array.from(z.subarray(n - Math.max(dl, 1))),
      wTail: Array.from(w.subarray(w.length - lags)),
      exogTail: (ctx.exog?.columns ?? []).map((c) => Array.from(c.subarray(n - dl))),
      model: null,
    },
    model,
  );
}

/** Rebuilds a GBDT forecaster from its state. */
export function reviveGbdtForecaster(state: unknown): CoreModel {
  const s = parseState("gbdt", GbdtStateSchema, state);
  const model = histGradientBoostingRegressor.fromJSON(s.model as ModelJSON);
  return core(s, model);
}
