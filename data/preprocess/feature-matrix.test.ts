import { describe, expect, it } from "vitest";
import {
  createFeatureMatrix,
  featureColumn,
  featureIndex,
  takeFeatureRows,
  toRowMajor,
} from "./feature-matrix.js";

describe("FeatureMatrix", () => {
  // 3 rows × 2 features, column-major: f0 = [1, 2, 3], f1 = [4, NaN, 6].
  const X = createFeatureMatrix(3, ["f0", "f1"], [null, 4], Float64Array.from([1, 2, 3, 4, Number.NaN, 6]));

  it("exposes feature columns as views", () => {
    const f1 = featureColumn(X, 1);
    expect(Array.from(f1)).toEqual([4, Number.NaN, 6]);
    expect(f1.buffer).toBe(X.data.buffer);
    expect(featureIndex(X, "f1")).toBe(1);
    expect(featureIndex(X, "nope")).toBe(-1);
    expect(X.categorical).toEqual([null, 4]);
  });

  it("copies to row-major order", () => {
    expect(Array.from(toRowMajor(X))).toEqual([1, 4, 2, Number.NaN, 3, 6]);
  });

  it("takes rows in the given order, repeats allowed", () => {
    const Y = takeFeatureRows(X, [2, 0, 2]);
    expect(Y.nRows).toBe(3);
    expect(Array.from(Y.data)).toEqual([3, 1, 3, 6, 4, 6]);
    expect(Y.featureNames).toEqual(["f0", "f1"]);
  });

  it("allocates zeros and checks shapes", () => {
    const Z = createFeatureMatrix(2, ["a"]);
    expect(Array.from(Z.data)).toEqual([0, 0]);
    expect(Z.categorical).toEqual([null]);
    expect(() => createFeatureMatrix(2, ["a"], [null], new Float64Array(3))).toThrow(
      expect.objectContaining({ code: "LENGTH_MISMATCH", details: { parameter: "data" } }),
    );
    expect(() => featureColumn(X, 2)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => takeFeatureRows(X, [3])).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});
