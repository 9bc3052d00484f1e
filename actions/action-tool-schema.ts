/** Tool schemas generated from the action space: one action, a proposal (propose_action) and a train request. */
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { PipelineSpecSchema } from "../data/preprocess/index.js";
import type { ActionDefinition, AllowedValues } from "./action-definition.js";
import type { ActionContext } from "./action-schema.js";
import { ACTION_SPACE, type ActionSpace } from "./action-space.js";
import { allowedValues, applicableActions } from "./allowed-values.js";

/** Above this many columns a context-narrowed column value stays a plain string (validation still checks it). */
const MAX_COLUMN_ENUM = 1000;

const ANY_VALUE = z
  .union([z.number(), z.string().max(500), z.boolean()])
  .describe("The parameter's value, inside its declared bounds");

/** Without a context: the widest set each domain declares. */
function widest(def: ActionDefinition): AllowedValues {
  const v = def.values;
  switch (v.kind) {
    case "enum":
      return { kind: "enum", values: typeof v.options === "function" ? v.options(undefined) : v.options };
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
      return { kind: "column", values: [] };
    case "param":
      return { kind: "param", estimator: null, params: [] };
  }
}

function enumOf(values: readonly string[]): z.ZodType {
  return z.enum(values as [string, ...string[]]);
}

function variant(def: ActionDefinition, allowed: AllowedValues, narrowed: boolean): z.ZodObject | null {
  const action = z.literal(def.name);
  switch (allowed.kind) {
    case "enum":
      if (allowed.values.length === 0) return null;
      return z.strictObject({ action, value: enumOf(allowed.values).describe("One of the allowed values") });
    case "range": {
      let n = z.number().min(allowed.min).max(allowed.max);
      if (allowed.integer) n = n.int();
      const value = allowed.also.length > 0 ? z.union([n, enumOf(allowed.also)]) : n;
      return z.strictObject({ action, value: value.describe(`From ${allowed.min} to ${allowed.max}`) });
    }
    case "boolean":
      return z.strictObject({ action, value: z.boolean().describe("true = on, false = off") });
    case "column": {
      const useEnum = narrowed && allowed.values.length > 0 && allowed.values.length <= MAX_COLUMN_ENUM;
      const value = useEnum ? enumOf(allowed.values) : z.string().min(1).max(500);
      return z.strictObject({ action, value: value.describe("A column of the data (not the target)") });
    }
    case "param": {
      const names = allowed.params.map((p) => p.name);
      const param = narrowed && names.length > 0 ? enumOf(names) : z.string().min(1).max(100);
      return z.strictObject({
        action,
        param: param.describe(
          `A parameter of the current estimator${allowed.estimator ? ` '${allowed.estimator}'` : ""}`,
        ),
        value: ANY_VALUE,
      });
    }
  }
}

/**
 * The zod schema of one action: a discriminated union on `action`, each variant with its own value
 * schema. With `ctx`, only the actions that apply there, with values narrowed to the context (e.g.
 * change_model's estimator names, set_hyperparameter's parameter names).
 */
export function actionSchema(ctx?: ActionContext, space: ActionSpace = ACTION_SPACE) {
  const defs = ctx === undefined ? space.definitions : applicableActions(ctx, space);
  const variants: z.ZodObject[] = [];
  for (const def of defs) {
    const allowed = ctx === undefined ? widest(def) : allowedValues(def, ctx);
    const v = variant(def, allowed, ctx !== undefined);
    if (v !== null) variants.push(v.describe(def.description));
  }
  if (variants.length === 0) {
    throw new AlchemistError("INTERNAL", "The action space offers no action in this context.", {});
  }
  return z
    .discriminatedUnion("action", variants as [z.ZodObject, ...z.ZodObject[]])
    .describe("One action of the action space and its value");
}

/** The propose_action answer: the action, why it should help, and what it is expected to change. */
export function ProposalSchema(ctx?: ActionContext, space: ActionSpace = ACTION_SPACE) {
  return z.strictObject({
    action: actionSchema(ctx, space),
    rationale: z.string().min(1).max(2000).describe("Why this move, from the profile and the trials so far"),
    expected_effect: z
      .string()
      .min(1)
      .max(500)
      .describe("What the move should change (score, time, robustness), in one sentence"),
  });
}

/** The train tool's input: a spec, and actions applied to it in order before training. */
export function TrainRequestSchema(ctx?: ActionContext, space: ActionSpace = ACTION_SPACE) {
  return z.strictObject({
    spec: PipelineSpecSchema,
    actions: z
      .array(actionSchema(ctx, space))
      .max(50)
      .optional()
      .describe("Actions applied to the spec in order (each validated) before training"),
  });
}
