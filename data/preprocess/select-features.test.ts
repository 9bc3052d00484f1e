import { describe, expect, it } from "vitest";
import { type Column, createFrame, type Frame } from "../frame.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import { preprocessorFromJSON } from "./preprocessor.js";
import { absPearson, anovaF, featureVariance, type SelectFeaturesState } from "./select-features.js";

// Reference values from scikit-learn 1.2.1 (f_classif, |r_regression|, numpy var) on the same rows.
const X = [
  [1, 2, 3, 7, 8, 9, 4],
  [5, 3, 8, 4, 9, 2, 6],
  [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8],
  [3, 3, 3, 3, 3, 3, 3],
];
const CLASSES = [0, 0, 0, 1, 1, 1, 2];
const Y_REG = [1.0, 2.5, 2.0, 4.0, 6.5, 5.0, 3.0];
const SKLEARN_F = [27.42857143, 0.03940887, 0.52173913];
const SKLEARN_R = [0.91772808, 0.14324525, 0.08552499];
const NUMPY_VAR = [8.40816327, 5.63265306, 0.08285714, 0];

function frame(target: Column): Frame {
  return createFrame([
    ...X.map((v, j): Column => ({ kind: "numeric", name: `x${j}`, values: Float64Array.from(v) })),
    target,
  ]);
}
const classFrame = frame({
  kind: "categorical",
  name: "y",
  levels: ["a", "b", "c"],
  codes: Int32Array.from(CLASSES),
});
const regFrame = frame({ kind: "numeric", name: "y", values: Float64Array.from(Y_REG) });

function selectState(json: { fitted: readonly unknown[] }): SelectFeaturesState {
  return json.fitted.find((s) => (s as { type: string }).type === "select_features") as SelectFeaturesState;
}

describe("select_features scores", () => {
  it("match scikit-learn's f_classif, r_regression and numpy's variance", () => {
    const yc = Float64Array.from(CLASSES);
    const yr = Float64Array.from(Y_REG);
    SKLEARN_F.forEach((f, j) => {
      expect(anovaF(Float64Array.from(X[j] as number[]), yc, 3)).toBeCloseTo(f, 6);
    });
    SKLEARN_R.forEach((r, j) => {
      expect(absPearson(Float64Array.from(X[j] as number[]), yr)).toBeCloseTo(r, 6);
    });
    NUMPY_VAR.forEach((v, j) => {
      expect(featureVariance(Float64Array.from(X[j] as number[]))).toBeCloseTo(v, 6);
    });
  });

  it("hand-computed F, perfect separation, missing values and degenerate cases", () => {
    // Class means 2 and 8, grand mean 5: SSB = 54, SSW = 4, F = 54 / (4 / 4).
    const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
    expect(anovaF(Float64Array.from([1, 2, 3, 7, 8, 9]), y, 2)).toBeCloseTo(54, 12);
    // NaN rows are left out: the same F as without them.
    const yn = Float64Array.from([0, 0, 0, 0, 1, 1, 1]);
    expect(anovaF(Float64Array.from([1, Number.NaN, 2, 3, 7, 8, 9]), yn, 2)).toBeCloseTo(54, 12);
    expect(anovaF(Float64Array.from([1, 1, 1, 2, 2, 2]), y, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(anovaF(Float64Array.from([5, 5, 5, 5, 5, 5]), y, 2)).toBe(0);
    expect(absPearson(Float64Array.from([3, 2, 1]), Float64Array.from([1, 2, 3]))).toBeCloseTo(1, 12);
    expect(absPearson(Float64Array.from([4, 4, 4]), Float64Array.from([1, 2, 3]))).toBe(0);
    expect(featureVariance(Float64Array.from([Number.NaN, Number.NaN]))).toBe(0);
  });
});

describe("select_features step", () => {
  it("univariate classification keeps the top ceil(fraction × features) by F", () => {
    const { preprocessor, train } = fitPreprocessor(
      [{ type: "select_features", method: "univariate", keep_fraction: 0.5 }],
      classFrame,
      { target: "y", seed: 0 },
    );
    // x0 (F 27.4) and x2 (F 0.52) beat x1 (0.04) and the constant x3 (0); ceil(0.5 × 4) = 2.
    expect(train.X.featureNames).toEqual(["x0", "x2"]);
    const state = selectState(preprocessor.toJSON());
    expect(state.dropped).toEqual(["x1", "x3"]);
    expect(state.scores[0]?.score).toBeCloseTo(SKLEARN_F[0] as number, 6);
  });

  it("univariate regression ranks by |r|; at least one feature is kept", () => {
    const top = fitPreprocessor(
      [{ type: "select_features", method: "univariate", keep_fraction: 0.05 }],
      regFrame,
      { target: "y", seed: 0 },
    );
    expect(top.train.X.featureNames).toEqual(["x0"]);
    const half = fitPreprocessor([{ type: "select_features", keep_fraction: 0.75 }], regFrame, {
      target: "y",
      seed: 0,
    });
    expect(half.train.X.featureNames).toEqual(["x0", "x1", "x2"]);
  });

  it("ties go to the earlier feature", () => {
    const f = createFrame([
      { kind: "numeric", name: "b", values: Float64Array.from([1, 2, 3, 4]) },
      { kind: "numeric", name: "a", values: Float64Array.from([2, 4, 6, 8]) },
      { kind: "numeric", name: "y", values: Float64Array.from([1, 2, 3, 4]) },
    ]);
    const { train } = fitPreprocessor([{ type: "select_features", keep_fraction: 0.5 }], f, {
      target: "y",
      seed: 0,
    });
    expect(train.X.featureNames).toEqual(["b"]);
  });

  it("variance drops features at or below min_variance, keeping the best when all would go", () => {
    const constant = fitPreprocessor([{ type: "select_features", method: "variance" }], regFrame, {
      target: "y",
      seed: 0,
    });
    expect(constant.train.X.featureNames).toEqual(["x0", "x1", "x2"]);
    const high = fitPreprocessor(
      [{ type: "select_features", method: "variance", min_variance: 1 }],
      regFrame,
      { target: "y", seed: 0 },
    );
    expect(high.train.X.featureNames).toEqual(["x0", "x1"]);
    const all = fitPreprocessor(
      [{ type: "select_features", method: "variance", min_variance: 100 }],
      regFrame,
      { target: "y", seed: 0 },
    );
    expect(all.train.X.featureNames).toEqual(["x0"]);
  });

  it("transform drops the fit-time selection, also after a JSON round trip", () => {
    const { preprocessor } = fitPreprocessor([{ type: "select_features", keep_fraction: 0.25 }], classFrame, {
      target: "y",
      seed: 0,
    });
    // New rows where x1 would separate the classes best: the selection must not be re-decided.
    const fresh = createFrame([
      { kind: "numeric", name: "x0", values: Float64Array.from([5, 5, 5, 5]) },
      { kind: "numeric", name: "x1", values: Float64Array.from([0, 0, 9, 9]) },
      { kind: "numeric", name: "x2", values: Float64Array.from([1, 2, 3, 4]) },
      { kind: "numeric", name: "x3", values: Float64Array.from([1, 1, 1, 1]) },
    ]);
    const restored = preprocessorFromJSON(JSON.parse(JSON.stringify(preprocessor.toJSON())));
    for (const p of [preprocessor, restored]) {
      const out = p.transform(fresh);
      expect(out.featureNames).toEqual(["x0"]);
      expect(Array.from(out.data)).toEqual([5, 5, 5, 5]);
    }
  });

  it("runs after encoding on the encoded features and needs a target for univariate", () => {
    const f = createFrame([
      { kind: "categorical", name: "c", levels: ["p", "q"], codes: Int32Array.from([0, 0, 0, 1, 1, 1]) },
      { kind: "numeric", name: "noise", values: Float64Array.from([1, 2, 1, 2, 1, 2]) },
      { kind: "categorical", name: "y", levels: ["n", "y"], codes: Int32Array.from([0, 0, 0, 1, 1, 1]) },
    ]);
    const { train } = fitPreprocessor(
      [
        { type: "encode", method: "one_hot" },
        { type: "select_features", keep_fraction: 0.3 },
      ],
      f,
      { target: "y", seed: 0 },
    );
    // Both one-hot features separate the classes perfectly (F = +∞): the tie goes to c=p.
    expect(train.X.featureNames).toEqual(["c=p"]);
    expect(() =>
      fitPreprocessor([{ type: "select_features" }], createFrame([f.columns[1] as Column]), { seed: 0 }),
    ).toThrow(expect.objectContaining({ code: "INVALID_SPEC" }));
  });
});
