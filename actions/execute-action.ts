/** executeAction: the only way a spec changes. Pure: validates, applies, re-validates, returns a new frozen state. */
import { AlchemistError } from "../core/errors.js";
import { parsePipelineSpec } from "../data/preprocess/index.js";
import {
  type ActionContext,
  type ActionState,
  type RunSettings,
  RunSettingsSchema,
} from "./action-schema.js";
import { ACTION_SPACE, type ActionSpace } from "./action-space.js";
import { validateAction } from "./validate-action.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A validated, deep-frozen state (e.g. the starting one); settings omitted take their defaults. */
export function createActionState(spec: unknown, settings: Partial<RunSettings> = {}): ActionState {
  return deepFreeze({ spec: parsePipelineSpec(spec), settings: RunSettingsSchema.parse(settings) });
}

/**
 * Applies `action` (an Action, or raw input: it is validated) to `state` and returns the next
 * state; `state` is never touched. The action is validated first against `ctx` with `state.spec`
 * as its spec (INVALID_ACTION), the new spec is re-parsed with parsePipelineSpec (INVALID_SPEC) and
 * the settings with RunSettingsSchema, and the result is deep-frozen and shares nothing mutable
 * with the input.
 */
export function executeAction(
  state: ActionState,
  action: unknown,
  ctx: ActionContext,
  space: ActionSpace = ACTION_SPACE,
): ActionState {
  const here: ActionContext = { ...ctx, spec: state.spec };
  const checked = validateAction(action, here, space);
  if (!checked.ok) throw checked.error;
  const def = space.get(checked.action.action);
  if (def === undefined)
    throw new AlchemistError("INTERNAL", `No definition for '${checked.action.action}'.`);
  const draft = def.apply(state, checked.action, here);
  // The clone makes sure nothing of the input (e.g. nested param values) survives by reference,
  // so freezing the result never freezes something the caller still owns.
  const spec = parsePipelineSpec(structuredClone(draft.spec));
  const settings = RunSettingsSchema.parse({ ...draft.settings });
  return deepFreeze({ spec, settings });
}

/** Applies several actions in order (each validated against the state the previous one produced). */
export function executeActions(
  state: ActionState,
  actions: readonly unknown[],
  ctx: ActionContext,
  space: ActionSpace = ACTION_SPACE,
): ActionState {
  let s = state;
  for (const a of actions) s = executeAction(s, a, ctx, space);
  return s;
}
