/**
 * Recipes: what of a pipeline travels to other data — the estimator with its non-default params and
 * each preprocessing choice that differs from the defaults (never column names). `adaptRecipe`
 * rebuilds a recipe on this data's columns through ACTION_SPACE, so every seed is validated like any proposal.
 */
import { z } from "zod";
import {
  type ActionContext,
  type ActionState,
  actionContext,
  createActionState,
  executeAction,
} from "../../actions/index.js";
import type { Frame } from "../../data/frame.js";
import { ENCODE_METHODS, type PipelineSpec, parsePipelineSpec } from "../../data/preprocess/index.js";
import type { Profile } from "../../data/profile/index.js";
import type { Task } from "../../data/task.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { baseSteps, fitsFrame, sizedParams, stepsFor } from "../portfolio.js";

const ParamValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const RecipeSchema = z.object({
  estimator: z.string().min(1),
  params: z.record(z.string(), ParamValue).describe("Params that differ from the registry defaults"),
  /** Null: the default (median); outcomes recorded before defaults were left out may still say "median". */
  imputation: z.enum(["mean", "median", "most_frequent"]).nullable(),
  /** Null: the default (one-hot, where the data has categoricals). */
  encoding: z.enum(ENCODE_METHODS).nullable(),
  /** Null: the estimator's default (standard where it needs scaling, else none); "none": unscaled although it needs scaling. */
  scaling: z.enum(["standard", "minmax", "robust", "none"]).nullable(),
  clip_outliers: z.boolean(),
  feature_selection: z.number().min(0.05).max(1).nullable(),
  text_features: z.enum(["hash", "tfidf"]).nullable(),
  rebalance: z.enum(["class_weight", "oversample"]).nullable(),
});
export type Recipe = z.infer<typeof RecipeSchema>;

/** The registry defaults of an estimator, filled in (empty for an unknown one). */
function defaultsOf(estimator: string): Record<string, unknown> {
  const parsed = MODEL_REGISTRY.get(estimator)?.params.safeParse({});
  return parsed?.success ? (parsed.data as Record<string, unknown>) : {};
}

/** The recipe of an estimator with these params and the data's default preprocessing. */
export function plainRecipe(estimator: string, params: Recipe["params"] = {}): Recipe {
  return {
    estimator,
    params,
    imputation: null,
    encoding: null,
    scaling: null,
    clip_outliers: false,
    feature_selection: null,
    text_features: null,
    rebalance: null,
  };
}

/**
 * The recipe of a spec: what would carry over to another table. A step the data's defaults would
 * put there anyway (median imputation, one-hot encoding or native codes for an estimator that
 * splits on categories, hashed text, the estimator's own scaling)
 * is left out (null), so the same model with default preprocessing is one recipe on every table
 * and its votes do not split by the columns each table happened to have.
 */
export function recipeOf(spec: PipelineSpec): Recipe {
  const defaults = defaultsOf(spec.estimator.name);
  const full = MODEL_REGISTRY.get(spec.estimator.name)?.params.safeParse(spec.estimator.params);
  const values = (full?.success ? full.data : spec.estimator.params) as Record<string, unknown>;
  const params: Recipe["params"] = {};
  for (const key of Object.keys(values).sort()) {
    const v = values[key];
    const ok = v === null || ["string", "number", "boolean"].includes(typeof v);
    if (ok && v !== defaults[key]) params[key] = v as z.infer<typeof ParamValue>;
  }
  const r = plainRecipe(spec.estimator.name, params);
  const tags = MODEL_REGISTRY.get(spec.estimator.name)?.tags;
  const needsScaling = tags?.needsScaling === true;
  const defaultEncoding = tags?.handlesCategorical === true ? "native" : "one_hot";
  let scaled = false;
  for (const s of spec.steps) {
    if (s.type === "impute" && s.columns === "numeric" && s.strategy !== "constant")
      r.imputation = s.strategy === "median" ? null : s.strategy;
    else if (s.type === "encode" && s.columns === "categorical")
      r.encoding = s.method === defaultEncoding ? null : s.method;
    else if (s.type === "scale") {
      scaled = true;
      r.scaling = needsScaling && s.method === "standard" ? null : s.method;
    } else if (s.type === "clip_outliers") r.clip_outliers = true;
    else if (s.type === "select_features") r.feature_selection = s.keep_fraction;
    else if (s.type === "text_features") r.text_features = s.method === "hash" ? null : s.method;
    else if (s.type === "rebalance") r.rebalance = s.method;
  }
  if (needsScaling && !scaled) r.scaling = "none";
  return r;
}

/** Stable text of a recipe: two recipes with the same key are the same pipeline on any data. */
export function recipeKey(r: Recipe): string {
  return JSON.stringify([
    r.estimator,
    Object.entries(r.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    r.imputation,
    r.encoding,
    r.scaling,
    r.clip_outliers,
    r.feature_selection,
    r.text_features,
    r.rebalance,
  ]);
}

/** What a recipe is rebuilt on. */
export interface AdaptTarget {
  frame: Frame;
  target: string;
  task: Task;
  metric: MetricName;
  profile: Profile;
  seed: number;
  leaks: readonly string[];
}

/** Applies an action; a move this data does not allow (no categorical column, …) is skipped. */
function tryAction(state: ActionState, action: unknown, ctx: ActionContext): ActionState {
  try {
    return executeAction(state, action, ctx);
  } catch {
    return state;
  }
}

/**
 * The recipe rebuilt for this data: the baseline's steps, then change_model, the preprocessing
 * choices and set_hyperparameter one action at a time (each validated; one this data refuses is
 * left out), forests sized for the rows. Null when the estimator itself is refused here (another
 * task, no probabilities for the metric) or too costly for this table.
 */
export function adaptRecipe(recipe: Recipe, t: AdaptTarget): PipelineSpec | null {
  const est = MODEL_REGISTRY.get(recipe.estimator);
  if (est === undefined || !est.tasks.includes(t.task) || !fitsFrame(recipe.estimator, t.frame)) return null;
  const steps = stepsFor(recipe.estimator, baseSteps({ frame: t.frame, target: t.target, leaks: t.leaks }));
  // Start from the same estimator, so change_model only has to accept it (task, metric checks).
  const start = parsePipelineSpec({
    version: 1,
    task: t.task,
    target: t.target,
    steps,
    estimator: { name: recipe.estimator, params: {} },
    seed: t.seed,
  });
  let state = createActionState(start);
  const ctx = actionContext(t.profile, start, t.metric);
  try {
    state = executeAction(state, { action: "change_model", value: recipe.estimator }, ctx);
  } catch {
    return null;
  }
  if (recipe.imputation !== null)
    state = tryAction(state, { action: "imputation", value: recipe.imputation }, ctx);
  if (recipe.encoding !== null) state = tryAction(state, { action: "encoding", value: recipe.encoding }, ctx);
  // Null keeps the estimator's own default (stepsFor scaled it where it needs scaling).
  if (recipe.scaling !== null) state = tryAction(state, { action: "scaling", value: recipe.scaling }, ctx);
  if (recipe.text_features !== null)
    state = tryAction(state, { action: "text_features", value: recipe.text_features }, ctx);
  if (recipe.clip_outliers) state = tryAction(state, { action: "clip_outliers", value: true }, ctx);
  if (recipe.feature_selection !== null)
    state = tryAction(state, { action: "feature_selection", value: recipe.feature_selection }, ctx);
  if (recipe.rebalance !== null)
    state = tryAction(state, { action: "rebalance_classes", value: recipe.rebalance }, ctx);
  const sized = sizedParams(recipe.estimator, t.frame.nRows, recipe.params);
  for (const param of Object.keys(sized).sort()) {
    const value = sized[param];
    if (value === undefined || value === defaultsOf(recipe.estimator)[param]) continue;
    state = tryAction(state, { action: "set_hyperparameter", param, value }, ctx);
  }
  return state.spec;
}
