import { describe, expect, it } from "vitest";
import { type Column, createFrame } from "../frame.js";
import { type FeatureMatrix, featureColumn, featureIndex } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import type { StepInput } from "./step-schema.js";

const num = (name: string, v: number[]): Column => ({ kind: "numeric", name, values: Float64Array.from(v) });
const col = (X: FeatureMatrix, name: string) => Array.from(featureColumn(X, featureIndex(X, name)));
const fitSteps = (steps: StepInput[], columns: Column[]) =>
  fitPreprocessor(steps, createFrame(columns), { seed: 0 });

describe("scale (expected values from scikit-learn 1.2.1 scalers fitted on [1, 2, 3, 4, 100, NaN])", () => {
  const x = num("x", [1, 2, 3, 4, 100, Number.NaN]);
  const probe = createFrame([num("x", [0, 2.5, Number.NaN, 200])]);

  it.each([
    ["standard", [-0.5639172174361177, -0.49983571545474065, Number.NaN, 4.562602941074043]],
    ["minmax", [-0.010101010101010102, 0.015151515151515154, Number.NaN, 2.0101010101010104]],
    ["robust", [-1.5, -0.25, Number.NaN, 98.5]],
  ] as const)("%s", (method, expected) => {
    const { preprocessor } = fitSteps([{ type: "scale", method }], [x]);
    const got = col(preprocessor.transform(probe), "x");
    got.forEach((v, i) => {
      const e = expected[i] as number;
      if (Number.isNaN(e)) expect(v).toBeNaN();
      else expect(v).toBeCloseTo(e, 12);
    });
  });

  it("a constant column divides by 1", () => {
    const { train } = fitSteps([{ type: "scale" }], [num("c", [5, 5, 5])]);
    expect(col(train.X, "c")).toEqual([0, 0, 0]);
  });

  it("the numeric group skips binary features; an explicit name scales them", () => {
    const b: Column = { kind: "boolean", name: "b", values: Uint8Array.from([0, 1, 1, 0]) };
    const v = num("v", [0, 2, 4, 6]);
    const group = fitSteps([{ type: "scale" }], [b, v]);
    expect(col(group.train.X, "b")).toEqual([0, 1, 1, 0]);
    expect(col(group.train.X, "v")[0]).toBeCloseTo(-3 / Math.sqrt(5), 12);
    const named = fitSteps([{ type: "scale", method: "minmax", columns: ["b"] }], [b, v]);
    expect(col(named.train.X, "b")).toEqual([0, 1, 1, 0]);
    expect(col(named.train.X, "v")).toEqual([0, 2, 4, 6]);
  });

  it("names an unknown column with suggestions", () => {
    expect(() => fitSteps([{ type: "scale", columns: ["vv"] }], [num("v", [1, 2])])).toThrow(
      expect.objectContaining({
        code: "COLUMN_NOT_FOUND",
        details: expect.objectContaining({ column: "vv", parameter: "columns", suggestions: ["v"] }),
      }),
    );
  });
});

describe("clip_outliers", () => {
  // q1 = 2, q3 = 4 (linear interpolation, as numpy), IQR = 2 → fences [-1, 7].
  const x = num("x", [1, 2, 3, 4, 100]);

  it("iqr fences fitted on the fit rows", () => {
    const { preprocessor, train } = fitSteps([{ type: "clip_outliers" }], [x]);
    expect(col(train.X, "x")).toEqual([1, 2, 3, 4, 7]);
    expect(col(preprocessor.transform(createFrame([num("x", [-50, Number.NaN, 5])])), "x")).toEqual([
      -1,
      Number.NaN,
      5,
    ]);
  });

  it("quantile bounds (numpy: quantile 0.1 = 1.4, 0.9 = 61.6)", () => {
    const { train } = fitSteps(
      [{ type: "clip_outliers", method: "quantile", lower_quantile: 0.1, upper_quantile: 0.9 }],
      [x],
    );
    const got = col(train.X, "x");
    expect(got[0]).toBeCloseTo(1.4, 12);
    expect(got[4]).toBeCloseTo(61.6, 12);
    expect(got.slice(1, 4)).toEqual([2, 3, 4]);
  });
});
