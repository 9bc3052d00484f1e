import { describe, expect, it } from "vitest";
import { parsePipelineSpec, safeParsePipelineSpec } from "./pipeline-spec.js";

const base = { version: 1, task: "binary", target: "churn", estimator: { name: "gbdt" } };

describe("PipelineSpec", () => {
  it("fills defaults of the spec and of its steps", () => {
    const spec = parsePipelineSpec({ ...base, steps: [{ type: "scale" }] });
    expect(spec.seed).toBe(0);
    expect(spec.estimator).toEqual({ name: "gbdt", params: {} });
    expect(spec.steps).toEqual([{ type: "scale", method: "standard", columns: "numeric" }]);
    // A parsed spec is a fixed point (replayable, diffable).
    expect(parsePipelineSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it("names the failing parameter path", () => {
    expect(() =>
      parsePipelineSpec({
        ...base,
        steps: [{ type: "scale" }, { type: "clip_outliers", iqr_multiplier: -1 }],
      }),
    ).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ parameter: "steps[1].iqr_multiplier" }),
      }),
    );
    expect(() => parsePipelineSpec({ ...base, version: 2 })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ parameter: "version" }) }),
    );
    expect(() => parsePipelineSpec({ ...base, estimator: { name: "" } })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ parameter: "estimator.name" }) }),
    );
  });

  it("checks steps against the task", () => {
    const reg = { ...base, task: "regression" };
    expect(safeParsePipelineSpec({ ...reg, steps: [{ type: "rebalance" }] }).ok).toBe(false);
    expect(safeParsePipelineSpec({ ...base, steps: [{ type: "rebalance" }, { type: "rebalance" }] }).ok).toBe(
      false,
    );
    const r = safeParsePipelineSpec({
      ...base,
      task: "clustering",
      steps: [{ type: "encode", method: "target" }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details.parameter).toBe("steps[0].method");
    expect(safeParsePipelineSpec({ ...reg, steps: [{ type: "encode", method: "target" }] }).ok).toBe(true);
  });
});
