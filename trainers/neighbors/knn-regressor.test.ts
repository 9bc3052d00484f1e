import { describe, expect, it } from "vitest";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { knnRegressor } from "./knn-regressor.js";

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

const X = matrix([
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [2, 2],
  [3, 1],
]);
const y = Float64Array.from([0.5, 1.5, 2.0, 3.0, 5.0, 8.0]);
const Q = matrix([
  [0.5, 0.5],
  [2, 1],
  [3, 3],
]);
const train = (params: Record<string, unknown>, Xf = X, yf = y) =>
  knnRegressor.fit(Xf, yf, knnRegressor.params.parse(params), { seed: 0 });

describe("knn_regressor", () => {
  it("matches scikit-learn's KNeighborsRegressor", () => {
    // n_neighbors=2: [1.0, 4.0, 6.5]; n_neighbors=3, weights="distance", p=1: [4/3, 16/3, 5.8].
    expect(Array.from(train({ n_neighbors: 2 }).predict(Q))).toEqual([1, 4, 6.5]);
    const w = train({ n_neighbors: 3, weights: "distance", metric: "manhattan" }).predict(Q);
    [4 / 3, 16 / 3, 5.8].forEach((v, i) => {
      expect(w[i]).toBeCloseTo(v, 12);
    });
  });

  it("averages every row when k exceeds the row count, and handles a constant target", () => {
    expect(train({ n_neighbors: 100 }).predict(Q)[0]).toBeCloseTo(20 / 6, 12);
    expect(Array.from(train({}, X, new Float64Array(6).fill(7)).predict(Q))).toEqual([7, 7, 7]);
  });

  it("is deterministic and survives a JSON round trip bit for bit", () => {
    const m = train({ weights: "distance" });
    expect(train({ weights: "distance" }).predict(Q)).toEqual(m.predict(Q));
    const back = knnRegressor.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predict(Q)).toEqual(m.predict(Q));
    expect(back.toJSON()).toEqual(m.toJSON());
  });
});
