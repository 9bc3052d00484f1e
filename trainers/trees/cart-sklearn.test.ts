import { describe, expect, it } from "vitest";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { decisionTreeClassifier, decisionTreeRegressor } from "./decision-tree.js";

/** Row-major rows → FeatureMatrix. */
function matrix(rows: readonly (readonly number[])[]): FeatureMatrix {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as readonly number[];
    for (let j = 0; j < p; j++) data[j * n + i] = r[j] as number;
  }
  return createFeatureMatrix(
    n,
    Array.from({ length: p }, (_, j) => `f${j}`),
    undefined,
    data,
  );
}

// A 30-row problem with scikit-learn 1.2.1's answers (DecisionTreeClassifier(max_depth=3),
// DecisionTreeRegressor(max_depth=3, min_samples_leaf=2)). The classifier has a tie between two
// features at its second node, which scikit-learn breaks either way depending on random_state:
// both of its trees are listed, and each of ours must be one of them.
const REF_X = [
  [1.79, 0.44, 0.1],
  [-1.86, -0.28, -0.35],
  [-0.08, -0.63, -0.04],
  [-0.48, -1.31, 0.88],
  [0.88, 1.71, 0.05],
  [-0.4, -0.55, -1.55],
  [0.98, -1.1, -1.19],
  [-0.21, 1.49, 0.24],
  [-1.02, -0.71, 0.63],
  [-0.16, -0.77, -0.23],
  [0.75, 1.98, -1.24],
  [-0.63, -0.8, -2.42],
  [-0.92, -1.02, 1.12],
  [-0.13, -1.62, 0.65],
  [-0.36, -1.74, -0.6],
  [-0.59, -0.87, 0.03],
  [-2.25, -0.27, 1.01],
  [0.85, 1.11, 1.12],
  [1.49, -1.12, 0.85],
  [-1.86, -0.6, -1.91],
  [1.05, 1.33, -0.2],
  [1.77, -0.67, 0.15],
  [0.15, -1.06, 0.44],
  [1.94, -1.02, 0.9],
  [-0.15, 1.77, 0.48],
  [0.68, 0.64, 0.25],
  [-1.4, 1.39, -1.37],
  [0.24, 0.61, -0.84],
  [0.15, 1.17, -0.02],
  [-0.89, -2.92, -0.97],
];
const REF_YC = [1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 2, 2, 0, 1, 1, 0, 2, 1, 1, 0, 1, 1, 0];
const REF_YR = [
  3.21, -3.95, -0.84, -2.56, -1.34, -1.14, 0.95, -2.9, -2.63, -0.27, -2.16, -2.29, -2.9, -2.72, -3.38, -1.89,
  -4.73, 0.25, 1.92, -3.99, 0.18, 3.03, -0.95, 3.06, -3.64, 1.1, -4.48, 0.25, -1.32, -9.9,
];
const REF_XT = [
  [-0.68, 0.43, -0.75],
  [-1.74, 0.23, 0.29],
  [-0.08, 0.28, -0.65],
  [-0.74, -0.17, 1.91],
  [0.81, -0.52, 0.56],
  [-0.48, -0.46, 0.86],
  [-0.53, -1.68, -0.91],
  [0.09, 0.13, 1.24],
];
const REF_CLASSIFIERS: readonly { proba: number[][]; imp: number[] }[] = [
  {
    proba: [
      [0.0, 1.0, 0.0],
      [0.0, 1.0, 0.0],
      [0.0, 1.0, 0.0],
      [0.0, 0.0, 1.0],
      [0.0, 1.0, 0.0],
      [0.0, 1.0, 0.0],
      [1.0, 0.0, 0.0],
      [0.0, 0.0, 1.0],
    ],
    imp: [0.309614340033, 0.293409378961, 0.396976281007],
  },
  {
    proba: [
      [0.0, 1.0, 0.0],
      [0.0, 1.0, 0.0],
      [0.0, 1.0, 0.0],
      [0.0, 0.0, 1.0],
      [0.0, 0.0, 1.0],
      [0.0, 1.0, 0.0],
      [1.0, 0.0, 0.0],
      [0.0, 0.0, 1.0],
    ],
    imp: [0.197356509144, 0.293409378961, 0.509234111896],
  },
];
const REF_REG = [-2.294, -4.2875, -0.0475, -2.294, -0.0475, -2.294, -2.294, -0.0475];
const REF_IMP_R = [0.837174559502, 0.162825440498, 0.0];

describe("CART against scikit-learn", () => {
  it("classifier: the same tree as scikit-learn (either way of breaking its tie)", () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 6; seed++) {
      const m = decisionTreeClassifier.fit(
        matrix(REF_X),
        Float64Array.from(REF_YC),
        decisionTreeClassifier.params.parse({ max_depth: 3 }),
        {
          seed,
          nClasses: 3,
        },
      );
      const proba = m.predictProba?.(matrix(REF_XT)) as Float64Array;
      const imp = m.featureImportance?.() as Float64Array;
      const which = REF_CLASSIFIERS.findIndex(
        (ref) =>
          ref.proba.flat().every((v, i) => Math.abs((proba[i] as number) - v) < 1e-10) &&
          ref.imp.every((v, j) => Math.abs((imp[j] as number) - v) < 1e-10),
      );
      expect(which).toBeGreaterThanOrEqual(0);
      seen.add(which);
    }
    expect(seen.size).toBe(2);
  });

  it("regressor: same predictions and importances", () => {
    const m = decisionTreeRegressor.fit(
      matrix(REF_X),
      Float64Array.from(REF_YR),
      decisionTreeRegressor.params.parse({ max_depth: 3, min_samples_leaf: 2 }),
      { seed: 1 },
    );
    const p = m.predict(matrix(REF_XT));
    for (const [i, v] of REF_REG.entries()) expect(p[i]).toBeCloseTo(v, 10);
    const imp = m.featureImportance?.() as Float64Array;
    for (const [j, v] of REF_IMP_R.entries()) expect(imp[j]).toBeCloseTo(v, 10);
  });
});
