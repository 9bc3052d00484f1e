import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix } from "../../data/preprocess/index.js";
import { constantClassifier } from "./constant-classifier.js";

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AlchemistError ? e.code : "not an AlchemistError";
  }
  return undefined;
}

/** Anything goes: NaN, ±Infinity and a categorical column. */
const X = createFeatureMatrix(
  4,
  ["a", "b"],
  [null, 3],
  Float64Array.from([Number.NaN, Infinity, -Infinity, 1, 0, 2, 1, 0]),
);
const y = Float64Array.from([2, 0, 2, 2]);

describe("constant_classifier", () => {
  it("predicts the class shares and the majority, whatever the features hold", () => {
    const m = constantClassifier.fit(X, y, constantClassifier.params.parse({}), { seed: 0, nClasses: 4 });
    expect(Array.from(m.predict(X))).toEqual([2, 2, 2, 2]);
    expect(Array.from(m.predictProba?.(X) ?? []).slice(0, 4)).toEqual([0.25, 0, 0.75, 0]);
    expect(m.predictProba?.(X).length).toBe(16);
  });

  it("weights rows, breaks ties to the lower class, and round-trips through JSON", () => {
    const m = constantClassifier.fit(
      X,
      y,
      {},
      { seed: 0, nClasses: 3, sampleWeight: Float64Array.from([1, 2, 0.5, 0.5]) },
    );
    expect(Array.from(m.predictProba?.(X) ?? []).slice(0, 3)).toEqual([0.5, 0, 0.5]);
    expect(Array.from(m.predict(X))).toEqual([0, 0, 0, 0]);
    const back = constantClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba?.(X)).toEqual(m.predictProba?.(X));
    expect(back.predict(X)).toEqual(m.predict(X));
  });

  it("still checks targets, feature counts and states", () => {
    expect(
      thrownCode(() =>
        constantClassifier.fit(X, Float64Array.from([0, 1, 5, 0]), {}, { seed: 0, nClasses: 2 }),
      ),
    ).toBe("INVALID_TARGET");
    expect(thrownCode(() => constantClassifier.fit(X, y, {}, { seed: 0 }))).toBe("INVALID_ARGUMENT");
    const m = constantClassifier.fit(X, y, {}, { seed: 0, nClasses: 3 });
    expect(thrownCode(() => m.predict(createFeatureMatrix(1, ["a"])))).toBe("FEATURE_MISMATCH");
    expect(thrownCode(() => constantClassifier.fromJSON({ ...m.toJSON(), nClasses: 4 }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(thrownCode(() => constantClassifier.fromJSON({ ...m.toJSON(), params: { strategy: "x" } }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(constantClassifier.params.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
