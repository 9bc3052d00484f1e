import { describe, expect, it } from "vitest";
import { type Column, createFrame } from "../frame.js";
import { type FeatureMatrix, featureColumn, featureIndex } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import type { StepInput } from "./step-schema.js";

function cat(name: string, v: (string | null)[], levels?: string[]): Column {
  const lv = levels ?? [...new Set(v.filter((x): x is string => x !== null))];
  return {
    kind: "categorical",
    name,
    levels: lv,
    codes: Int32Array.from(v, (x) => (x === null ? -1 : lv.indexOf(x))),
  };
}
const col = (X: FeatureMatrix, name: string) => {
  const j = featureIndex(X, name);
  if (j < 0) throw new Error(`no feature ${name} in ${X.featureNames.join(",")}`);
  return Array.from(featureColumn(X, j));
};
const fitSteps = (steps: StepInput[], columns: Column[]) =>
  fitPreprocessor(steps, createFrame(columns), { seed: 0 });

describe("encode one_hot", () => {
  const colors = cat("color", ["red", "blue", "red", "green", "blue", "red", "purple"]);

  it("groups rare levels into __other__ (as sklearn 1.2.1 OneHotEncoder(min_frequency=2, handle_unknown='infrequent_if_exist'))", () => {
    const { preprocessor, train } = fitSteps(
      [{ type: "encode", method: "one_hot", min_frequency: 2 }],
      [colors],
    );
    // sklearn: ['x0_blue' 'x0_red' 'x0_infrequent_sklearn']
    expect(train.X.featureNames).toEqual(["color=blue", "color=red", "color=__other__"]);
    expect(col(train.X, "color=__other__")).toEqual([0, 0, 0, 1, 0, 0, 1]);
    // sklearn transform of [green, yellow (unseen), red, blue]: [[0,0,1],[0,0,1],[0,1,0],[1,0,0]]
    const X = preprocessor.transform(createFrame([cat("color", ["green", "yellow", "red", "blue"])]));
    expect(Array.from(X.data)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0]);
  });

  it("caps levels per column by frequency (ties lexical); missing values are all zeros", () => {
    const { train } = fitSteps(
      [{ type: "encode", max_levels: 2 }],
      [cat("c", ["b", "a", "c", "c", "a", null, "d"])],
    );
    // a: 2, c: 2 kept; b, d → other.
    expect(train.X.featureNames).toEqual(["c=a", "c=c", "c=__other__"]);
    expect(col(train.X, "c=__other__")).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect([0, 1, 2].map((j) => train.X.data[j * 7 + 5])).toEqual([0, 0, 0]);
  });

  it("unseen levels give all zeros when nothing was grouped", () => {
    const { preprocessor } = fitSteps([{ type: "encode" }], [cat("c", ["x", "y"])]);
    const X = preprocessor.transform(createFrame([cat("c", ["z", "y"])]));
    expect(X.featureNames).toEqual(["c=x", "c=y"]);
    expect(Array.from(X.data)).toEqual([0, 0, 0, 1]);
  });

  it("levels listed by the column but absent from the fit rows are unseen, not features", () => {
    const { train } = fitSteps([{ type: "encode" }], [cat("c", ["x", "x"], ["x", "only-in-test"])]);
    expect(train.X.featureNames).toEqual(["c=x"]);
  });
});

describe("encode native and ordinal", () => {
  it("native: codes over kept levels, flagged categorical; unseen → __other__ code or NaN", () => {
    const c = cat("c", ["b", "a", "b", "z", "a", "b"]);
    const grouped = fitSteps([{ type: "encode", method: "native", min_frequency: 2 }], [c]);
    expect(grouped.train.X.featureNames).toEqual(["c"]);
    expect(grouped.train.X.categorical).toEqual([3]); // a, b, __other__
    expect(col(grouped.train.X, "c")).toEqual([1, 0, 1, 2, 0, 1]);
    const X = grouped.preprocessor.transform(createFrame([cat("c", ["new", null, "a"])]));
    expect(col(X, "c")).toEqual([2, Number.NaN, 0]);

    const plain = fitSteps([{ type: "encode", method: "native" }], [c]);
    expect(plain.train.X.categorical).toEqual([3]); // a, b, z
    expect(col(plain.preprocessor.transform(createFrame([cat("c", ["new", "z"])])), "c")).toEqual([
      Number.NaN,
      2,
    ]);
  });

  it("ordinal: declared order, unseen and missing → NaN", () => {
    const size = cat("size", ["M", "S", "L", "M", null]);
    const { preprocessor, train } = fitSteps(
      [{ type: "encode", method: "ordinal", order: { size: ["S", "M", "L", "XL"] } }],
      [size],
    );
    expect(col(train.X, "size")).toEqual([1, 0, 2, 1, Number.NaN]);
    expect(col(preprocessor.transform(createFrame([cat("size", ["XL", "XXL"])])), "size")).toEqual([
      3,
      Number.NaN,
    ]);
  });

  it("ordinal: lexical order without a declaration, the column's order when it is ordered", () => {
    const lexical = fitSteps([{ type: "encode", method: "ordinal" }], [cat("g", ["b", "c", "a"])]);
    expect(col(lexical.train.X, "g")).toEqual([1, 2, 0]);
    const ordered: Column = {
      ...(cat("g", ["lo", "hi", "mid"], ["lo", "mid", "hi"]) as Column),
      ordered: true,
    } as Column;
    const declared = fitSteps([{ type: "encode", method: "ordinal" }], [ordered]);
    expect(col(declared.train.X, "g")).toEqual([0, 2, 1]);
  });

  it("ordinal: errors name the column and parameter", () => {
    const size = cat("size", ["M", "S"]);
    expect(() => fitSteps([{ type: "encode", method: "ordinal", order: { size: ["S"] } }], [size])).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ column: "size", parameter: "order" }),
      }),
    );
    expect(() =>
      fitSteps([{ type: "encode", method: "ordinal", order: { sise: ["S", "M"] } }], [size]),
    ).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ column: "sise", parameter: "order" }),
      }),
    );
  });

  it("refuses to encode a numeric column", () => {
    const n: Column = { kind: "numeric", name: "n", values: Float64Array.from([1, 2]) };
    expect(() => fitSteps([{ type: "encode", columns: ["n"] }], [n])).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC", details: { column: "n", parameter: "columns" } }),
    );
  });
});
