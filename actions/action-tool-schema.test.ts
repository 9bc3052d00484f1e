import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MODEL_REGISTRY } from "../trainers/registry.js";
import type { AllowedValues } from "./action-definition.js";
import { ACTION_SPACE } from "./action-space.js";
import { actionSchema, ProposalSchema, TrainRequestSchema } from "./action-tool-schema.js";
import { allowedValues, applicableActions } from "./allowed-values.js";
import { mixedState } from "./fixtures/context.js";
import { validateAction } from "./validate-action.js";

interface JsonNode {
  type?: string;
  properties?: Record<string, JsonNode>;
  oneOf?: JsonNode[];
  anyOf?: JsonNode[];
  enum?: unknown[];
  const?: unknown;
}

const variantsOf = (node: JsonNode): JsonNode[] => node.oneOf ?? node.anyOf ?? [];

/** A legal value of each kind, as an LLM would send it. */
function sampleValue(allowed: AllowedValues): { value: unknown; param?: string } {
  switch (allowed.kind) {
    case "enum":
    case "column":
      return { value: allowed.values.at(-1) };
    case "range":
      return { value: allowed.max };
    case "boolean":
      return { value: false };
    case "param": {
      const p = allowed.params[0];
      if (p === undefined) throw new Error("no param");
      const value = p.kind === "enum" ? p.values[0] : p.kind === "boolean" ? true : p.max;
      return { param: p.name, value };
    }
  }
}

describe("tool schemas from the action space", () => {
  const { ctx } = mixedState();

  it("without a context: one variant per action, each with its own value schema", () => {
    const schema = actionSchema();
    expect(schema.safeParse({ action: "cv_folds", value: 5 }).success).toBe(true);
    expect(schema.safeParse({ action: "cv_folds", value: 11 }).success).toBe(false);
    expect(schema.safeParse({ action: "cv_folds", value: "5" }).success).toBe(false);
    expect(schema.safeParse({ action: "scaling", value: "robust" }).success).toBe(true);
    expect(schema.safeParse({ action: "feature_selection", value: "none" }).success).toBe(true);
    expect(schema.safeParse({ action: "set_hyperparameter", param: "anything", value: 1 }).success).toBe(
      true,
    );
    expect(schema.safeParse({ action: "set_hyperparameter", value: 1 }).success).toBe(false);
    expect(schema.safeParse({ action: "teleport", value: 1 }).success).toBe(false);
    expect(schema.safeParse({ action: "change_model", value: [...MODEL_REGISTRY.keys()][0] }).success).toBe(
      true,
    );
    const json = z.toJSONSchema(schema, { io: "input" }) as JsonNode;
    expect(variantsOf(json)).toHaveLength(ACTION_SPACE.definitions.length);
  });

  it("with a context: only applicable actions, values narrowed to it", () => {
    const schema = actionSchema(ctx);
    const json = z.toJSONSchema(schema, { io: "input" }) as JsonNode;
    const variants = variantsOf(json);
    expect(variants.map((v) => v.properties?.action?.const)).toEqual(
      applicableActions(ctx).map((d) => d.name),
    );
    for (const v of variants) expect(Object.keys(v.properties ?? {}).length).toBeGreaterThanOrEqual(2);
    const change = variants.find((v) => v.properties?.action?.const === "change_model");
    const models = allowedValues(ACTION_SPACE.get("change_model") as never, ctx);
    expect(change?.properties?.value?.enum).toEqual(models.kind === "enum" ? models.values : null);
    expect(schema.safeParse({ action: "change_model", value: "ridge" }).success).toBe(false);
    expect(schema.safeParse({ action: "set_hyperparameter", param: "alpha", value: 1 }).success).toBe(false);
    expect(schema.safeParse({ action: "set_hyperparameter", param: "C", value: 1 }).success).toBe(true);
    expect(schema.safeParse({ action: "drop_column", value: "churn" }).success).toBe(false);
    const reg = actionSchema(mixedState("regression").ctx);
    expect(reg.safeParse({ action: "rebalance_classes", value: "none" }).success).toBe(false);
  });

  it("what the narrowed schema accepts, validateAction accepts too", () => {
    const schema = actionSchema(ctx);
    for (const def of applicableActions(ctx)) {
      const sample = { action: def.name, ...sampleValue(allowedValues(def, ctx)) };
      expect(schema.safeParse(sample).success, def.name).toBe(true);
      expect(validateAction(sample, ctx).ok, def.name).toBe(true);
    }
  });

  it("ProposalSchema adds a rationale and an expected effect, with bounds", () => {
    const schema = ProposalSchema(ctx);
    const good = {
      action: { action: "scaling", value: "standard" },
      rationale: "logistic regression is penalty based",
      expected_effect: "higher accuracy",
    };
    expect(schema.safeParse(good).success).toBe(true);
    expect(schema.safeParse({ ...good, rationale: "x".repeat(2001) }).success).toBe(false);
    expect(schema.safeParse({ ...good, expected_effect: "x".repeat(501) }).success).toBe(false);
    expect(schema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    for (const s of [ProposalSchema(ctx), ProposalSchema()]) {
      const json = z.toJSONSchema(s, { io: "input" }) as JsonNode;
      expect(json.type).toBe("object");
      expect(Object.keys(json.properties ?? {})).toEqual(["action", "rationale", "expected_effect"]);
    }
  });

  it("TrainRequestSchema takes a spec and an optional list of actions", () => {
    const schema = TrainRequestSchema(ctx);
    const spec = structuredClone(ctx.spec);
    expect(schema.safeParse({ spec }).success).toBe(true);
    expect(schema.safeParse({ spec, actions: [{ action: "cv_folds", value: 4 }] }).success).toBe(true);
    expect(schema.safeParse({ spec, actions: [{ action: "cv_folds", value: 40 }] }).success).toBe(false);
    for (const s of [TrainRequestSchema(ctx), TrainRequestSchema()]) {
      const json = z.toJSONSchema(s, { io: "input" }) as JsonNode;
      expect(Object.keys(json.properties ?? {})).toEqual(["spec", "actions"]);
      expect(Object.keys(json.properties?.spec?.properties ?? {})).toContain("steps");
    }
  });
});
