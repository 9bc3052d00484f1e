/** Which actions apply in a context, and the concrete values each one takes there. */
import type { ActionDefinition, AllowedValues } from "./action-definition.js";
import { type ActionContext, featureColumns } from "./action-schema.js";
import { ACTION_SPACE, type ActionSpace } from "./action-space.js";
import { currentEstimator } from "./definitions/model-actions.js";
import { paramDomains } from "./param-domain.js";

/** The concrete values of `def` in `ctx` (possibly empty: then the action does not apply). */
export function allowedValues(def: ActionDefinition, ctx: ActionContext): AllowedValues {
  const v = def.values;
  switch (v.kind) {
    case "enum":
      return { kind: "enum", values: typeof v.options === "function" ? v.options(ctx) : v.options };
    case "range":
      return {
        kind: "range",
        min: v.min,
        max: v.max,
        scale: v.scale,
        integer: v.integer,
        also: v.also ?? [],
      };
    case "boolean":
      return { kind: "boolean", values: [false, true] };
    case "column":
      return {
        kind: "column",
        values: featureColumns(ctx)
          .filter((c) => v.filter === undefined || v.filter(c, ctx))
          .map((c) => c.name),
      };
    case "param": {
      const est = currentEstimator(ctx);
      return { kind: "param", estimator: est?.name ?? null, params: est === null ? [] : paramDomains(est) };
    }
  }
}

/** True when there is no value to pick in this context. */
export function isEmpty(allowed: AllowedValues): boolean {
  switch (allowed.kind) {
    case "enum":
    case "column":
      return allowed.values.length === 0;
    case "param":
      return allowed.params.length === 0;
    default:
      return false;
  }
}

/**
 * Why `def` does not apply in `ctx` (task, estimator family, kinds of data, or no value left), in
 * words an LLM can act on; null when it applies.
 */
export function whyNotApplicable(def: ActionDefinition, ctx: ActionContext): string | null {
  const a = def.appliesTo;
  if (a?.tasks !== undefined && !a.tasks.includes(ctx.task)) {
    return `'${def.name}' does not apply to a ${ctx.task} task (only ${a.tasks.join(", ")}).`;
  }
  if (a?.families !== undefined) {
    const family = currentEstimator(ctx)?.family;
    if (family === undefined || !a.families.includes(family)) {
      return `'${def.name}' does not apply to the current estimator '${ctx.spec.estimator.name}' (only families ${a.families.join(", ")}).`;
    }
  }
  if (a?.columnKinds !== undefined) {
    const kinds = a.columnKinds;
    if (!featureColumns(ctx).some((c) => kinds.includes(c.kind))) {
      return `'${def.name}' does not apply: the data has no ${kinds.join(" or ")} feature column.`;
    }
  }
  if (isEmpty(allowedValues(def, ctx))) {
    return def.values.kind === "param"
      ? `'${def.name}' does not apply: the estimator '${ctx.spec.estimator.name}' has no settable parameter.`
      : `'${def.name}' has no value left to choose in this context.`;
  }
  return null;
}

/** The actions of `space` that apply in `ctx`, in menu order. */
export function applicableActions(ctx: ActionContext, space: ActionSpace = ACTION_SPACE): ActionDefinition[] {
  return space.definitions.filter((d) => whyNotApplicable(d, ctx) === null);
}
