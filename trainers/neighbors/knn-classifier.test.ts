import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { knnClassifier } from "./knn-classifier.js";

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
const y = Float64Array.from([0, 0, 1, 1, 2, 2]);
const Q = matrix([
  [0.5, 0.5],
  [2, 1],
  [3, 3],
]);
const train = (params: Record<string, unknown>, Xf = X, yf = y, nClasses = 3) =>
  knnClassifier.fit(Xf, yf, knnClassifier.params.parse(params), { seed: 0, nClasses });

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AlchemistError ? e.code : "not an AlchemistError";
  }
  return undefined;
}

describe("knn_classifier", () => {
  it("matches scikit-learn's vote shares (uniform and distance weights, ties to the lower row)", () => {
    // KNeighborsClassifier(n_neighbors=3[, weights="distance"]) on the same data (sklearn 1.2.1).
    const uniform = train({ n_neighbors: 3 });
    const expected = [2 / 3, 1 / 3, 0, 0, 1 / 3, 2 / 3, 0, 1 / 3, 2 / 3];
    Array.from(uniform.predictProba?.(Q) ?? []).forEach((p, t) => {
      expect(p).toBeCloseTo(expected[t] as number, 12);
    });
    expect(Array.from(uniform.predict(Q))).toEqual([0, 2, 2]);
    const weighted = train({ n_neighbors: 3, weights: "distance" });
    const expectedW = [2 / 3, 1 / 3, 0, 0, 1 / 3, 2 / 3, 0, 0.2265409196609864, 0.7734590803390136];
    Array.from(weighted.predictProba?.(Q) ?? []).forEach((p, t) => {
      expect(p).toBeCloseTo(expectedW[t] as number, 12);
    });
  });

  it("gives every vote to training rows at distance 0 under distance weights", () => {
    const m = train({ n_neighbors: 3, weights: "distance" });
    expect(Array.from(m.predictProba?.(matrix([[3, 1]])) ?? [])).toEqual([0, 0, 1]);
  });

  it("keeps absent classes at probability 0 and caps k at the row count", () => {
    const m = train({ n_neighbors: 50 }, X, Float64Array.from([0, 0, 2, 2, 2, 2]), 4);
    const p = m.predictProba?.(Q) ?? new Float64Array();
    expect(p.length).toBe(12);
    expect(Array.from(p.subarray(0, 4))).toEqual([2 / 6, 0, 4 / 6, 0]);
    expect(Array.from(m.predict(Q))).toEqual([2, 2, 2]);
  });

  it("works on one training row and on duplicate rows", () => {
    const one = train({}, matrix([[1, 2]]), Float64Array.from([1]), 2);
    expect(Array.from(one.predict(Q))).toEqual([1, 1, 1]);
    const dup = train(
      { n_neighbors: 2 },
      matrix([
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
      Float64Array.from([1, 0, 0]),
      2,
    );
    // All three rows tie; the two lowest indices (rows 0 and 1) vote: one each, class 0 wins the tie.
    expect(Array.from(dup.predictProba?.(matrix([[0, 0]])) ?? [])).toEqual([0.5, 0.5]);
    expect(Array.from(dup.predict(matrix([[0, 0]])))).toEqual([0]);
  });

  it("predicts the same with brute force, KD-tree and after a JSON round trip", () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = Math.sin(i * 1.7) * 3;
      const b = Math.cos(i * 0.9) * 2;
      rows.push([a, b, Math.round(a)]);
      labels.push(a + b > 0 ? 1 : a > -1 ? 0 : 2);
    }
    const Xb = matrix(rows);
    const yb = Float64Array.from(labels);
    const queries = matrix(rows.slice(0, 100).map((r) => r.map((v) => v + 0.25)));
    const brute = train({ algorithm: "brute", weights: "distance" }, Xb, yb);
    const tree = train({ algorithm: "kd_tree", weights: "distance" }, Xb, yb);
    expect(tree.predictProba?.(queries)).toEqual(brute.predictProba?.(queries));
    const back = knnClassifier.fromJSON(JSON.parse(JSON.stringify(tree.toJSON())));
    expect(back.predict(queries)).toEqual(tree.predict(queries));
    expect(back.predictProba?.(queries)).toEqual(tree.predictProba?.(queries));
  });

  it("refuses bad input, bad params and bad states with typed errors", () => {
    expect(thrownCode(() => train({}, matrix([[0, Number.NaN]]), Float64Array.from([0])))).toBe(
      "MISSING_VALUES",
    );
    expect(knnClassifier.params.safeParse({ n_neighbors: 0 }).success).toBe(false);
    expect(knnClassifier.params.safeParse({ weights: "gaussian" }).success).toBe(false);
    expect(
      thrownCode(() =>
        knnClassifier.fit(
          X,
          y,
          { ...knnClassifier.params.parse({}), n_neighbors: 0 },
          { seed: 0, nClasses: 3 },
        ),
      ),
    ).toBe("INVALID_PARAMS");
    expect(thrownCode(() => train({}).predict(matrix([[1, 2, 3]])))).toBe("FEATURE_MISMATCH");
    const json = train({}).toJSON();
    const broken = { ...json, state: { ...(json.state as object), X: [1, 2, 3] } };
    expect(thrownCode(() => knnClassifier.fromJSON(broken))).toBe("INVALID_MODEL_STATE");
    expect(thrownCode(() => knnClassifier.fromJSON({ ...json, estimator: "knn_regressor" }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(thrownCode(() => knnClassifier.fromJSON({ ...json, nClasses: 2 }))).toBe("INVALID_MODEL_STATE");
  });
});
