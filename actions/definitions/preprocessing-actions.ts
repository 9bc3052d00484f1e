/** Preprocessing actions: each owns one kind of step and replaces it (ordering rules in step-order.ts). */
import { SUPERVISED_TASKS, TABULAR_TASKS, UNSUPERVISED_TASKS } from "../../data/task.js";
import type { ActionDefinition } from "../action-definition.js";
import { type ActionContext, type ActionState, featureColumns } from "../action-schema.js";
import { type AnyStep, replaceSteps, updateDrops } from "../step-order.js";
import { currentEstimator } from "./model-actions.js";

/** A draft with new steps and the same estimator, seed and settings. */
function withSteps(state: ActionState, steps: AnyStep[]) {
  return { spec: { ...state.spec, steps }, settings: state.settings };
}

function columnsOfKind(ctx: ActionContext, kind: string): string[] {
  return featureColumns(ctx)
    .filter((c) => c.kind === kind)
    .map((c) => c.name);
}

export const imputation: ActionDefinition = {
  name: "imputation",
  description:
    "How missing numeric values are filled (fitted on training rows); missing-value indicators are kept as they were.",
  category: "preprocessing",
  values: {
    kind: "enum",
    options: ["mean", "median", "most_frequent"],
    labels: { median: "robust to outliers", most_frequent: "the mode" },
  },
  appliesTo: { tasks: TABULAR_TASKS, columnKinds: ["numeric", "boolean", "datetime"] },
  apply: (state, action) => {
    const owned = (s: AnyStep) => s.type === "impute" && (s.columns ?? "numeric") === "numeric";
    const previous = state.spec.steps.find(owned);
    const indicator = previous?.type === "impute" ? previous.add_indicator : true;
    return withSteps(
      state,
      replaceSteps(state.spec.steps, owned, {
        type: "impute",
        strategy: action.value as "mean" | "median" | "most_frequent",
        add_indicator: indicator,
        columns: "numeric",
      }),
    );
  },
};

/** target needs a supervised task; native only helps estimators that split on category codes. */
function encodingOptions(ctx: ActionContext | undefined): string[] {
  if (ctx === undefined) return ["one_hot", "ordinal", "target", "native"];
  const out = ["one_hot", "ordinal"];
  if (SUPERVISED_TASKS.includes(ctx.task)) out.push("target");
  if (currentEstimator(ctx)?.tags.handlesCategorical === true) out.push("native");
  return out;
}

export const encoding: ActionDefinition = {
  name: "encoding",
  description: "How categorical columns become numbers.",
  category: "preprocessing",
  values: {
    kind: "enum",
    options: encodingOptions,
    labels: {
      one_hot: "a 0/1 feature per level, at most 20 levels",
      ordinal: "level rank",
      target: "smoothed target mean per level, out-of-fold",
      native: "category codes the estimator splits on natively",
    },
  },
  appliesTo: { tasks: TABULAR_TASKS, columnKinds: ["categorical"] },
  apply: (state, action) =>
    withSteps(
      state,
      replaceSteps(
        state.spec.steps,
        (s) => s.type === "encode" && (s.columns ?? "categorical") === "categorical",
        { type: "encode", method: action.value as "one_hot" | "ordinal" | "target" | "native" },
      ),
    ),
};

export const scaling: ActionDefinition = {
  name: "scaling",
  description:
    "Rescale continuous numeric features (after encoding); matters for distance-, gradient- and penalty-based estimators.",
  category: "preprocessing",
  values: {
    kind: "enum",
    options: ["none", "standard", "minmax", "robust"],
    labels: { standard: "z-score", minmax: "to [0, 1]", robust: "median and IQR" },
  },
  // A forecast models one series: there are no feature columns to rescale.
  appliesTo: { tasks: [...TABULAR_TASKS, ...UNSUPERVISED_TASKS] },
  apply: (state, action) =>
    withSteps(
      state,
      replaceSteps(
        state.spec.steps,
        (s) => s.type === "scale",
        action.value === "none"
          ? null
          : { type: "scale", method: action.value as "standard" | "minmax" | "robust" },
      ),
    ),
};

export const datetimeFeatures: ActionDefinition = {
  name: "datetime_features",
  description:
    "On: datetime columns become calendar parts (year, month, day, weekday, hour, days since epoch); off: datetime columns are dropped.",
  category: "preprocessing",
  values: { kind: "boolean" },
  appliesTo: { tasks: TABULAR_TASKS, columnKinds: ["datetime"] },
  apply: (state, action, ctx) => {
    const dates = columnsOfKind(ctx, "datetime");
    const isOwned = (s: AnyStep) => s.type === "datetime_features";
    if (action.value === true) {
      const has = state.spec.steps.some(isOwned);
      const steps = has
        ? [...state.spec.steps]
        : replaceSteps(state.spec.steps, isOwned, { type: "datetime_features" });
      return withSteps(state, updateDrops(steps, [], dates));
    }
    return withSteps(state, updateDrops(replaceSteps(state.spec.steps, isOwned, null), dates));
  },
};

export const textFeatures: ActionDefinition = {
  name: "text_features",
  description: "How free-text columns become numbers; off drops them.",
  category: "preprocessing",
  values: {
    kind: "enum",
    options: ["hash", "tfidf", "off"],
    labels: { hash: "hashed word counts", tfidf: "TF-IDF over the most frequent words" },
  },
  appliesTo: { tasks: TABULAR_TASKS, columnKinds: ["text"] },
  apply: (state, action, ctx) => {
    const texts = columnsOfKind(ctx, "text");
    const isOwned = (s: AnyStep) => s.type === "text_features";
    if (action.value === "off") {
      return withSteps(state, updateDrops(replaceSteps(state.spec.steps, isOwned, null), texts));
    }
    const steps = replaceSteps(state.spec.steps, isOwned, {
      type: "text_features",
      method: action.value as "hash" | "tfidf",
    });
    return withSteps(state, updateDrops(steps, [], texts));
  },
};

export const clipOutliers: ActionDefinition = {
  name: "clip_outliers",
  description: "Clamp continuous features to fitted IQR fences (q1 − 1.5·IQR, q3 + 1.5·IQR).",
  category: "preprocessing",
  values: { kind: "boolean" },
  appliesTo: { tasks: TABULAR_TASKS, columnKinds: ["numeric", "datetime"] },
  apply: (state, action) => {
    const isOwned = (s: AnyStep) => s.type === "clip_outliers";
    if (action.value === true && state.spec.steps.some(isOwned))
      return withSteps(state, [...state.spec.steps]);
    return withSteps(
      state,
      replaceSteps(state.spec.steps, isOwned, action.value === true ? { type: "clip_outliers" } : null),
    );
  },
};

export const featureSelection: ActionDefinition = {
  name: "feature_selection",
  description:
    "Keep only this fraction of the final features, those scoring best against the target on training rows (ANOVA F or |correlation|); none keeps all.",
  category: "preprocessing",
  values: { kind: "range", min: 0.05, max: 1, scale: "linear", integer: false, also: ["none"] },
  appliesTo: { tasks: TABULAR_TASKS },
  apply: (state, action) =>
    withSteps(
      state,
      replaceSteps(
        state.spec.steps,
        (s) => s.type === "select_features",
        action.value === "none"
          ? null
          : { type: "select_features", method: "univariate", keep_fraction: action.value as number },
      ),
    ),
};
