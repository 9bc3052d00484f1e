/** Data actions: which columns and rows count (drop a column, rebalance classes), as steps of the spec. */
import { TABULAR_TASKS } from "../../data/task.js";
import type { ActionDefinition } from "../action-definition.js";
import type { ActionContext } from "../action-schema.js";
import { droppedColumns, replaceSteps, updateDrops } from "../step-order.js";
import { currentEstimator } from "./model-actions.js";

export const dropColumn: ActionDefinition = {
  name: "drop_column",
  description:
    "Stop using one raw column (id-like, leaking, noisy or useless); the data itself is never changed.",
  category: "data",
  values: {
    kind: "column",
    filter: (column, ctx) => !droppedColumns(ctx.spec).has(column.name),
  },
  // The label-free criteria of clustering and anomaly detection compare candidates on one feature set.
  appliesTo: { tasks: TABULAR_TASKS },
  apply: (state, action) => ({
    spec: { ...state.spec, steps: updateDrops(state.spec.steps, [String(action.value)]) },
    settings: state.settings,
  }),
};

/** class_weight only for estimators that honour sample weights. */
function rebalanceOptions(ctx: ActionContext | undefined): string[] {
  if (ctx === undefined) return ["none", "class_weight", "oversample"];
  const weights = currentEstimator(ctx)?.tags.sampleWeights === true;
  return weights ? ["none", "class_weight", "oversample"] : ["none", "oversample"];
}

export const rebalanceClasses: ActionDefinition = {
  name: "rebalance_classes",
  description: "Counter class imbalance on training rows only (never on validation or test rows).",
  category: "data",
  values: {
    kind: "enum",
    options: rebalanceOptions,
    labels: {
      class_weight: "balanced sample weights",
      oversample: "draw rows of smaller classes again",
    },
  },
  appliesTo: { tasks: ["binary", "multiclass"] },
  apply: (state, action) => ({
    spec: {
      ...state.spec,
      steps: replaceSteps(
        state.spec.steps,
        (s) => s.type === "rebalance",
        action.value === "none"
          ? null
          : { type: "rebalance", method: action.value as "class_weight" | "oversample" },
      ),
    },
    settings: state.settings,
  }),
};
