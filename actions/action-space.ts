/** ACTION_SPACE: the closed registry of moves that the prompt, validation, tool schemas and execution all read. */
import { AlchemistError } from "../core/errors.js";
import type { ActionDefinition } from "./action-definition.js";
import { changeModel, setHyperparameter } from "./definitions/model-actions.js";
import { cvFolds, ensembling } from "./definitions/config-actions.js";
import { dropColumn, rebalanceClasses } from "./definitions/data-actions.js";
import {
  clipOutliers,
  datetimeFeatures,
  encoding,
  featureSelection,
  imputation,
  scaling,
  textFeatures,
} from "./definitions/preprocessing-actions.js";

/** An immutable set of action definitions, in menu order. */
export interface ActionSpace {
  readonly definitions: readonly ActionDefinition[];
  readonly names: readonly string[];
  get(name: string): ActionDefinition | undefined;
}

const NAME = /^[a-z][a-z0-9_]{0,99}$/;

/** Builds a space from definitions; names must be unique snake_case (INTERNAL otherwise: a code bug). */
export function createActionSpace(definitions: readonly ActionDefinition[]): ActionSpace {
  const byName = new Map<string, ActionDefinition>();
  for (const d of definitions) {
    if (!NAME.test(d.name)) {
      throw new AlchemistError("INTERNAL", `Action name '${d.name}' is not snake_case.`, {
        parameter: "name",
      });
    }
    if (byName.has(d.name)) {
      throw new AlchemistError("INTERNAL", `Two actions are named '${d.name}'.`, { parameter: "name" });
    }
    if (d.values.kind === "range" && !(d.values.min <= d.values.max)) {
      throw new AlchemistError("INTERNAL", `Action '${d.name}' has an empty range.`, { parameter: "values" });
    }
    byName.set(d.name, Object.freeze({ ...d }));
  }
  const list = Object.freeze([...byName.values()]);
  return Object.freeze({
    definitions: list,
    names: Object.freeze(list.map((d) => d.name)),
    get: (name: string) => byName.get(name),
  });
}

/** The default space: every move the proposer, the tools and the orchestrator may make. */
export const ACTION_SPACE: ActionSpace = createActionSpace([
  changeModel,
  setHyperparameter,
  imputation,
  encoding,
  scaling,
  datetimeFeatures,
  textFeatures,
  clipOutliers,
  featureSelection,
  dropColumn,
  rebalanceClasses,
  cvFolds,
  ensembling,
]);
