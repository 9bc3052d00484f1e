import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseStep, STEP_TYPES, StepSchema } from "./step-schema.js";

describe("step schemas", () => {
  it("fill every default", () => {
    expect(parseStep({ type: "encode" })).toEqual({
      type: "encode",
      method: "one_hot",
      columns: "categorical",
      min_frequency: 1,
      max_levels: 20,
      order: {},
      smoothing: 10,
      folds: 5,
      seed: 0,
    });
    for (const type of STEP_TYPES) expect(parseStep({ type }).type).toBe(type);
  });

  it("reject out-of-bounds values, unknown keys and unknown types, naming the parameter", () => {
    expect(() => parseStep({ type: "text_features", n_features: 1 }, 3)).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ parameter: "steps[3].n_features" }),
      }),
    );
    expect(() => parseStep({ type: "scale", methd: "robust" })).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC" }),
    );
    expect(() => parseStep({ type: "normalize" })).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ parameter: "steps[0].type" }),
      }),
    );
    expect(() => parseStep({ type: "impute", columns: [] })).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC" }),
    );
  });

  it("every parameter has a description, and a JSON Schema can be generated for tools", () => {
    const schema = z.toJSONSchema(StepSchema, { io: "input" }) as {
      oneOf?: { properties: Record<string, { description?: string }> }[];
      anyOf?: unknown;
    };
    const variants = (schema.oneOf ?? schema.anyOf) as {
      properties: Record<string, { description?: string }>;
    }[];
    expect(variants).toHaveLength(STEP_TYPES.length);
    for (const v of variants) {
      for (const [key, prop] of Object.entries(v.properties)) {
        if (key !== "type") expect(prop.description, key).toBeTruthy();
      }
    }
  });
});
