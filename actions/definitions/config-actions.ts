/** Config actions: run settings that are not part of any model (cross-validation folds, final ensembling). */
import { TABULAR_TASKS } from "../../data/task.js";
import type { ActionDefinition } from "../action-definition.js";

export const cvFolds: ActionDefinition = {
  name: "cv_folds",
  description:
    "Cross-validation folds every later trial is scored with: more folds, steadier scores, slower trials.",
  category: "config",
  values: { kind: "range", min: 2, max: 10, scale: "linear", integer: true },
  // Forecasts are scored on rolling origins, clustering and anomaly detection by label-free criteria.
  appliesTo: { tasks: TABULAR_TASKS },
  apply: (state, action) => ({
    spec: state.spec,
    settings: { ...state.settings, cv_folds: action.value as number },
  }),
};

export const ensembling: ActionDefinition = {
  name: "ensembling",
  description: "Whether the run ends by ensembling its best trials.",
  category: "config",
  values: { kind: "boolean" },
  appliesTo: { tasks: TABULAR_TASKS },
  apply: (state, action) => ({
    spec: state.spec,
    settings: { ...state.settings, ensemble: action.value as boolean },
  }),
};
