/** Labels of proposer moves: the trial origin the loop records, and the key that remembers moves that did not help. */
import type { Action } from "../../actions/index.js";
import type { AgentTier } from "../contract/agent-types.js";

/** `scaling = standard`, `set_hyperparameter C = 10`. */
export function moveLabel(action: Action): string {
  const param = action.param !== undefined ? ` ${action.param}` : "";
  return `${action.action}${param} = ${String(action.value)}`;
}

/** The origin of a proposed trial: `<action> = <value> (<tier>)`. */
export function moveOrigin(action: Action, tier: AgentTier): string {
  return `${moveLabel(action)} (${tier})`;
}

const ORIGIN = /^(.+) \((?:structured|json|heuristic)\)$/s;

/** The move label of an origin written by `moveOrigin`; null for other origins (portfolio, samplers). */
export function labelOfOrigin(origin: string): string | null {
  return ORIGIN.exec(origin)?.[1] ?? null;
}

/** A move as applied to one estimator: the same move on another estimator is a different experiment. */
export function moveKey(estimator: string, label: string): string {
  return `${estimator}: ${label}`;
}
