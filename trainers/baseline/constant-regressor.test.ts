import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix } from "../../data/preprocess/index.js";
import { constantRegressor, weightedMean, weightedMedian } from "./constant-regressor.js";

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AlchemistError ? e.code : "not an AlchemistError";
  }
  return undefined;
}

const X = createFeatureMatrix(4, ["a"], [null], Float64Array.from([Number.NaN, Infinity, 1, 2]));

describe("constant_regressor", () => {
  it("predicts the mean (default) or the median, whatever the features hold", () => {
    const y = Float64Array.from([1, 2, 3, 10]);
    const mean = constantRegressor.fit(X, y, constantRegressor.params.parse({}), { seed: 0 });
    expect(Array.from(mean.predict(X))).toEqual([4, 4, 4, 4]);
    const median = constantRegressor.fit(X, y, constantRegressor.params.parse({ strategy: "median" }), {
      seed: 0,
    });
    expect(Array.from(median.predict(X))).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it("computes weighted means and medians as scikit-learn does", () => {
    expect(weightedMean(Float64Array.from([1, 3]), Float64Array.from([3, 1]))).toBe(1.5);
    expect(weightedMean(Float64Array.from([1e308, 1e308]), undefined)).toBe(1e308);
    expect(weightedMedian(Float64Array.from([5, 1, 3]), undefined)).toBe(3);
    // _weighted_percentile: first sorted value whose cumulative weight reaches half the total.
    expect(weightedMedian(Float64Array.from([1, 2, 3, 4]), Float64Array.from([1, 1, 1, 1]))).toBe(2);
    expect(weightedMedian(Float64Array.from([1, 2, 3]), Float64Array.from([1, 1, 5]))).toBe(3);
  });

  it("round-trips through JSON and refuses broken states", () => {
    const m = constantRegressor.fit(
      X,
      Float64Array.from([0.1, 0.2, 0.3, 0.7]),
      { strategy: "median" },
      { seed: 0 },
    );
    const back = constantRegressor.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predict(X)).toEqual(m.predict(X));
    expect(thrownCode(() => constantRegressor.fromJSON({ ...m.toJSON(), state: { value: "x" } }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(thrownCode(() => constantRegressor.fromJSON({ ...m.toJSON(), nClasses: 2 }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(
      thrownCode(() =>
        constantRegressor.fit(X, Float64Array.from([0, Number.NaN, 0, 0]), { strategy: "mean" }, { seed: 0 }),
      ),
    ).toBe("INVALID_TARGET");
    expect(constantRegressor.params.safeParse({ strategy: "mode" }).success).toBe(false);
  });
});
