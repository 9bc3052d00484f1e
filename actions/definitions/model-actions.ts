/** Model actions: switch the estimator (values read live from MODEL_REGISTRY) and set one of its parameters. */
import { isClassification } from "../../data/task.js";
import { METRICS } from "../../evaluate/metrics/index.js";
import type { EstimatorSpec } from "../../trainers/estimator.js";
import { estimatorsFor, MODEL_REGISTRY } from "../../trainers/registry.js";
import type { ActionDefinition } from "../action-definition.js";
import type { ActionContext } from "../action-schema.js";

/** The registry entry of the context's current estimator, or null when it is not installed. */
export function currentEstimator(ctx: ActionContext): EstimatorSpec | null {
  return MODEL_REGISTRY.get(ctx.spec.estimator.name) ?? null;
}

/**
 * Estimators that serve the task and, when the metric scores probabilities, can give them. Read at
 * call time, so an estimator added to the registry is offered with no edit here.
 */
export function eligibleEstimators(ctx: ActionContext | undefined): string[] {
  if (ctx === undefined) return [...MODEL_REGISTRY.keys()];
  // An anomaly detector's score, not a class probability, is what ROC AUC ranks there.
  const needsProba = isClassification(ctx.task) && METRICS[ctx.metric].needs === "proba";
  return estimatorsFor(ctx.task)
    .filter((e) => !needsProba || e.tags.probabilities)
    .map((e) => e.name);
}

export const changeModel: ActionDefinition = {
  name: "change_model",
  description:
    "Switch to another estimator; its parameters reset to the registry defaults (picking the current one resets them).",
  category: "model",
  values: { kind: "enum", options: eligibleEstimators },
  apply: (state, action) => ({
    spec: { ...state.spec, estimator: { name: String(action.value), params: {} } },
    settings: state.settings,
  }),
};

export const setHyperparameter: ActionDefinition = {
  name: "set_hyperparameter",
  description:
    "Set one parameter of the current estimator (`param`) to a value inside its declared bounds; the others keep their values.",
  category: "model",
  values: { kind: "param" },
  apply: (state, action) => ({
    spec: {
      ...state.spec,
      estimator: {
        name: state.spec.estimator.name,
        params: { ...state.spec.estimator.params, [action.param as string]: action.value },
      },
    },
    settings: state.settings,
  }),
};
