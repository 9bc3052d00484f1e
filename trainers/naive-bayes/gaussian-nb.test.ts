import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { gaussianNb } from "./gaussian-nb.js";

function matrix(rows: number[][]): FeatureMatrix {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) data[j * n + i] = rows[i]?.[j] as number;
  }
  return createFeatureMatrix(
    n,
    Array.from({ length: d }, (_, j) => `x${j}`),
    undefined,
    data,
  );
}

function expectClose(actual: Float64Array | undefined, expected: number[], digits = 10): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((v, t) => {
    expect(actual?.[t]).toBeCloseTo(v, digits);
  });
}

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AlchemistError ? e.code : "not an AlchemistError";
  }
  return undefined;
}

const y = Float64Array.from([0, 0, 1, 1, 2, 2]);
const Q = matrix([
  [0.5, 0.5],
  [2, 1],
  [3, 3],
]);
const train = (
  X: FeatureMatrix,
  params: Record<string, unknown> = {},
  yy = y,
  extra: { sampleWeight?: Float64Array } = {},
) => gaussianNb.fit(X, yy, gaussianNb.params.parse(params), { seed: 0, nClasses: 3, ...extra });

describe("gaussian_nb", () => {
  const X = matrix([
    [0, 0.3],
    [1, -0.2],
    [0.4, 1],
    [1, 1.5],
    [2, 2],
    [3, 1],
  ]);

  it("matches scikit-learn's GaussianNB probabilities", () => {
    expectClose(
      train(X).predictProba?.(Q),
      [
        0.9302065567407263, 0.06968674393939714, 0.00010669931987654085, 4.417478199650816e-5,
        0.0004594778762444227, 0.9994963473417589, 6.430430492298901e-34, 1.9530095877552374e-21, 1.0,
      ],
    );
    expectClose(
      train(X, { var_smoothing: 0.1 }).predictProba?.(Q),
      [
        0.7112749640971796, 0.2880034026772368, 0.000721633225583535, 0.007247993711038167,
        0.03794398657692753, 0.9548080197120343, 1.794205897834502e-14, 5.5019290137468905e-9,
        0.9999999944980535,
      ],
    );
    expect(Array.from(train(X).predict(Q))).toEqual([0, 2, 2]);
  });

  it("matches scikit-learn with zero within-class variances and sample weights", () => {
    const grid = matrix([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    const w = Float64Array.from([1, 2, 1, 0.5, 1, 3]);
    expectClose(
      train(grid, {}, y, { sampleWeight: w }).predictProba?.(Q),
      [0, 0, 1, 0, 0.9783424588900311, 0.02165754110996892, 0, 0, 1],
    );
  });

  it("gives an absent class probability 0 and copes with constant features and one row", () => {
    const m = train(X, {}, Float64Array.from([0, 0, 2, 2, 2, 2]));
    const p = m.predictProba?.(Q) ?? new Float64Array();
    for (let i = 0; i < 3; i++) expect(p[i * 3 + 1]).toBe(0);
    const constant = train(
      matrix([
        [1, 5],
        [1, 5],
        [1, 5],
      ]),
      {},
      Float64Array.from([0, 1, 1]),
    );
    // Every class has the same (tiny) variance: the likelihoods cancel and the priors decide, up to
    // the precision left after subtracting terms of size 1/var_smoothing.
    expectClose(
      constant.predictProba?.(
        matrix([
          [1, 5],
          [2, 7],
        ]),
      ),
      [1 / 3, 2 / 3, 0, 1 / 3, 2 / 3, 0],
      5,
    );
    const one = train(matrix([[1, 2]]), {}, Float64Array.from([2]));
    expect(Array.from(one.predict(Q))).toEqual([2, 2, 2]);
  });

  it("round-trips through JSON bit for bit, non-finite variances included", () => {
    const m = train(X);
    const back = gaussianNb.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba?.(Q)).toEqual(m.predictProba?.(Q));
    // Squares of 1e200 overflow: the variance is Infinity and must survive serialisation.
    const huge = train(matrix([[1e200], [-1e200], [3], [4], [5], [6]]));
    const state = JSON.stringify(huge.toJSON());
    expect(state).toContain('"Infinity"');
    const hugeBack = gaussianNb.fromJSON(JSON.parse(state));
    expect(hugeBack.predictProba?.(matrix([[0], [5]]))).toEqual(huge.predictProba?.(matrix([[0], [5]])));
  });

  it("refuses missing values, bad params and broken states with typed errors", () => {
    expect(thrownCode(() => train(matrix([[Number.NaN], [1], [2], [3], [4], [5]])))).toBe("MISSING_VALUES");
    expect(gaussianNb.params.safeParse({ var_smoothing: -1 }).success).toBe(false);
    expect(thrownCode(() => gaussianNb.fit(X, y, { var_smoothing: 2 }, { seed: 0, nClasses: 3 }))).toBe(
      "INVALID_PARAMS",
    );
    const json = train(X).toJSON();
    expect(thrownCode(() => gaussianNb.fromJSON({ ...json, state: { theta: [] } }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(thrownCode(() => gaussianNb.fromJSON({ ...json, version: 99 }))).toBe("INVALID_MODEL_STATE");
    expect(thrownCode(() => gaussianNb.fromJSON({ ...json, nFeatures: 3 }))).toBe("INVALID_MODEL_STATE");
  });
});
