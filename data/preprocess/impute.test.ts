import { describe, expect, it } from "vitest";
import { type Column, createFrame } from "../frame.js";
import { type FeatureMatrix, featureColumn, featureIndex } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import type { StepInput } from "./step-schema.js";

const NaN_ = Number.NaN;
const num = (name: string, v: number[]): Column => ({ kind: "numeric", name, values: Float64Array.from(v) });
function cat(name: string, v: (string | null)[]): Column {
  const levels = [...new Set(v.filter((x): x is string => x !== null))];
  return {
    kind: "categorical",
    name,
    levels,
    codes: Int32Array.from(v, (x) => (x === null ? -1 : levels.indexOf(x))),
  };
}
const col = (X: FeatureMatrix, name: string) => {
  const j = featureIndex(X, name);
  if (j < 0) throw new Error(`no feature ${name} in ${X.featureNames.join(",")}`);
  return Array.from(featureColumn(X, j));
};
const fitSteps = (steps: StepInput[], columns: Column[]) =>
  fitPreprocessor(steps, createFrame(columns), { seed: 0 });

describe("impute (numbers from scikit-learn 1.2.1 SimpleImputer on a = [1, NaN, 3, 4, NaN, 10])", () => {
  const a = num("a", [1, NaN_, 3, 4, NaN_, 10]);
  const newRows = createFrame([num("a", [NaN_, 2])]);

  it.each([
    ["mean", 4.5],
    ["median", 3.5],
    ["most_frequent", 1], // all values once: the smallest
  ] as const)("%s fills with %d and adds an indicator", (strategy, fill) => {
    const { preprocessor, train } = fitSteps([{ type: "impute", strategy, add_indicator: true }], [a]);
    expect(train.X.featureNames).toEqual(["a", "a__missing"]);
    expect(col(train.X, "a")).toEqual([1, fill, 3, 4, fill, 10]);
    expect(col(train.X, "a__missing")).toEqual([0, 1, 0, 0, 1, 0]);
    const X = preprocessor.transform(newRows);
    expect(col(X, "a")).toEqual([fill, 2]);
    expect(col(X, "a__missing")).toEqual([1, 0]);
  });

  it("most_frequent takes the smallest of tied modes (sklearn: [2, NaN, 2, 5, 5, 1] → 2)", () => {
    const { train } = fitSteps(
      [{ type: "impute", strategy: "most_frequent" }],
      [num("b", [2, NaN_, 2, 5, 5, 1])],
    );
    expect(col(train.X, "b")).toEqual([2, 2, 2, 5, 5, 1]);
  });

  it("constant uses fill_value; no indicator for a column without missing values at fit time", () => {
    const { preprocessor, train } = fitSteps(
      [{ type: "impute", strategy: "constant", fill_value: -1, add_indicator: true }],
      [a, num("full", [1, 2, 3, 4, 5, 6])],
    );
    expect(train.X.featureNames).toEqual(["a", "a__missing", "full"]);
    expect(col(train.X, "a")).toEqual([1, -1, 3, 4, -1, 10]);
    // A later missing value in `full` is still filled (every selected column has a fill).
    const X = preprocessor.transform(createFrame([num("a", [1]), num("full", [NaN_])]));
    expect(col(X, "full")).toEqual([-1]);
  });

  it("an all-missing column falls back to fill_value", () => {
    const { train } = fitSteps(
      [{ type: "impute", strategy: "median", fill_value: 7 }],
      [num("e", [NaN_, NaN_])],
    );
    expect(col(train.X, "e")).toEqual([7, 7]);
  });

  it("categorical most_frequent (sklearn: 'x') and constant own level", () => {
    const c = cat("c", ["x", null, "y", "x", null, "z"]);
    const mf = fitSteps(
      [
        { type: "impute", strategy: "most_frequent", columns: "categorical" },
        { type: "encode", method: "one_hot" },
      ],
      [c],
    );
    expect(mf.train.X.featureNames).toEqual(["c=x", "c=y", "c=z"]);
    expect(col(mf.train.X, "c=x")).toEqual([1, 1, 0, 1, 1, 0]);
    const own = fitSteps(
      [
        { type: "impute", strategy: "constant", columns: "categorical", add_indicator: true },
        { type: "encode", method: "one_hot" },
      ],
      [c],
    );
    expect(own.train.X.featureNames).toEqual(["c=__missing__", "c=x", "c=y", "c=z", "c__missing"]);
    expect(col(own.train.X, "c=__missing__")).toEqual([0, 1, 0, 0, 1, 0]);
    // New rows whose level list lacks the fill level still get it.
    const X = own.preprocessor.transform(createFrame([cat("c", [null, "y"])]));
    expect(col(X, "c=__missing__")).toEqual([1, 0]);
    expect(col(X, "c=y")).toEqual([0, 1]);
  });

  it("refuses mean/median for a categorical column, naming it and the parameter", () => {
    expect(() =>
      fitSteps([{ type: "impute", strategy: "mean", columns: ["c"] }], [cat("c", ["a", null])]),
    ).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ column: "c", parameter: "strategy" }),
      }),
    );
  });

  it("booleans are numeric 0/1 and are imputed with the numeric group", () => {
    const b: Column = { kind: "boolean", name: "flag", values: Uint8Array.from([1, 255, 1, 0]) };
    const { train } = fitSteps([{ type: "impute", strategy: "most_frequent" }], [b]);
    expect(col(train.X, "flag")).toEqual([1, 1, 1, 0]);
  });
});
