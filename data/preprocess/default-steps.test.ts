import { describe, expect, it } from "vitest";
import { type Column, createFrame } from "../frame.js";
import { defaultSteps } from "./default-steps.js";
import { fitPreprocessor } from "./fit-preprocessor.js";

describe("defaultSteps", () => {
  const frame = createFrame([
    { kind: "numeric", name: "x", values: Float64Array.from([1, Number.NaN, 3, 4]) },
    { kind: "categorical", name: "c", levels: ["a", "b"], codes: Int32Array.from([0, -1, 1, 0]) },
    {
      kind: "datetime",
      name: "d",
      values: Float64Array.from([0, 86_400_000 * 40, Number.NaN, 86_400_000 * 400]),
    },
    { kind: "categorical", name: "y", levels: ["n", "p"], codes: Int32Array.from([0, 1, 0, 1]) },
  ] satisfies Column[]);

  it("orders datetime parts, imputation, own-level categoricals and one-hot", () => {
    expect(defaultSteps(frame, { target: "y" }).map((s) => s.type)).toEqual([
      "datetime_features",
      "impute",
      "impute",
      "encode",
    ]);
  });

  it("yields a matrix without missing values", () => {
    const { train } = fitPreprocessor(defaultSteps(frame, { target: "y" }), frame, { target: "y", seed: 0 });
    expect(train.X.data.every((v) => !Number.isNaN(v))).toBe(true);
    expect(train.X.featureNames).toContain("x__missing");
    expect(train.X.featureNames).toContain("c=__missing__");
    expect(train.X.featureNames).toContain("d__year__missing");
  });
});
