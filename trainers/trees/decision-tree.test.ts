import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { decisionTreeClassifier, decisionTreeRegressor } from "./decision-tree.js";
import { presortColumns } from "./tree-workspace.js";

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

const cls = (X: FeatureMatrix, y: number[], k: number, params: object = {}, sampleWeight?: Float64Array) =>
  decisionTreeClassifier.fit(X, Float64Array.from(y), decisionTreeClassifier.params.parse(params), {
    seed: 7,
    nClasses: k,
    ...(sampleWeight ? { sampleWeight } : {}),
  });
const reg = (X: FeatureMatrix, y: number[], params: object = {}, sampleWeight?: Float64Array) =>
  decisionTreeRegressor.fit(X, Float64Array.from(y), decisionTreeRegressor.params.parse(params), {
    seed: 7,
    ...(sampleWeight ? { sampleWeight } : {}),
  });

describe("presortColumns", () => {
  it("matches a comparator sort, ties in row order", () => {
    const rng = createRng(1);
    const n = 200;
    const data = new Float64Array(n * 3);
    for (let i = 0; i < data.length; i++) data[i] = Math.round(rng.normal() * 3) / 2;
    data[5] = -0;
    data[6] = 0;
    const order = presortColumns(data, n, 3);
    for (let j = 0; j < 3; j++) {
      const want = Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => (data[j * n + a] as number) - (data[j * n + b] as number) || a - b,
      );
      expect(Array.from(order.subarray(j * n, (j + 1) * n))).toEqual(want);
    }
  });
});

describe("decision trees", () => {
  it("finds the midpoint threshold and leaf means of a step", () => {
    const m = reg(matrix([[1], [2], [3], [10], [11], [12]]), [5, 5, 5, 9, 9, 9], { max_depth: 1 });
    expect(Array.from(m.predict(matrix([[6.4], [6.6], [-100], [100]])))).toEqual([5, 9, 5, 9]);
    const s = m.toJSON().state as { trees: { threshold: number[] } };
    expect(s.trees.threshold[0]).toBe(6.5);
  });

  it("learns XOR at depth 2, and not at depth 1", () => {
    const X = matrix([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = [0, 1, 1, 0, 0, 1, 1, 0];
    expect(Array.from(cls(X, y, 2).predict(X))).toEqual(y);
    const stump = cls(X, y, 2, { max_depth: 1 }).predictProba?.(X) as Float64Array;
    for (const p of stump) expect(p).toBeCloseTo(0.5, 12);
  });

  it("respects min_samples_leaf and max_depth", () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 300 }, () => [rng.normal(), rng.normal()]);
    const y = rows.map((r) => (r[0] as number) * 3 + Math.sin(r[1] as number) + rng.normal());
    const X = matrix(rows);
    const m = reg(X, y, { min_samples_leaf: 17 });
    const leaves = new Map<number, number>();
    for (const v of m.predict(X)) leaves.set(v, (leaves.get(v) ?? 0) + 1);
    for (const c of leaves.values()) expect(c).toBeGreaterThanOrEqual(17);
    const shallow = reg(X, y, { max_depth: 3 });
    expect(new Set(shallow.predict(X)).size).toBeLessThanOrEqual(8);
  });

  it("concentrates importance on the informative feature and normalises it", () => {
    const rng = createRng(4);
    const rows = Array.from({ length: 400 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = rows.map((r) => ((r[1] as number) > 0.2 ? 1 : 0));
    for (const criterion of ["gini", "entropy"] as const) {
      const imp = cls(matrix(rows), y, 2, { criterion }).featureImportance?.() as Float64Array;
      expect(imp[0]! + imp[1]! + imp[2]!).toBeCloseTo(1, 12);
      expect(imp[1]).toBe(1);
    }
  });

  it("makes a single leaf when every feature is constant", () => {
    const X = matrix([
      [1, 2],
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    const m = cls(X, [0, 1, 1, 1], 2);
    expect(Array.from(m.predictProba?.(X) ?? [])).toEqual([0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75]);
    expect(Array.from(m.featureImportance?.() ?? [])).toEqual([0, 0]);
    expect(Array.from(reg(X, [1, 2, 3, 6]).predict(X))).toEqual([3, 3, 3, 3]);
  });

  it("averages duplicate rows with conflicting labels", () => {
    const X = matrix([[0], [0], [1], [1]]);
    const p = cls(X, [0, 1, 1, 1], 2).predictProba?.(matrix([[0], [1]]));
    expect(Array.from(p ?? [])).toEqual([0.5, 0.5, 0, 1]);
  });

  it("fits one and two rows", () => {
    expect(Array.from(reg(matrix([[3]]), [4]).predict(matrix([[0], [9]])))).toEqual([4, 4]);
    expect(Array.from(cls(matrix([[3]]), [1], 2).predictProba?.(matrix([[0]])) ?? [])).toEqual([0, 1]);
    expect(Array.from(reg(matrix([[0], [1]]), [4, 8]).predict(matrix([[0], [1]])))).toEqual([4, 8]);
  });

  it("keeps absent classes at probability zero", () => {
    const X = matrix([[0], [1], [2], [3]]);
    const m = cls(X, [0, 0, 2, 2], 4);
    const p = m.predictProba?.(X) as Float64Array;
    expect(p.length).toBe(16);
    expect(Array.from(p.subarray(0, 4))).toEqual([1, 0, 0, 0]);
    expect(Array.from(p.subarray(12, 16))).toEqual([0, 0, 1, 0]);
    expect(Array.from(m.predict(X))).toEqual([0, 0, 2, 2]);
  });

  it("treats integer weights as repeated rows and ignores zero weights", () => {
    const rng = createRng(5);
    const rows = Array.from({ length: 60 }, () => [
      Math.round(rng.normal() * 10),
      Math.round(rng.normal() * 10),
    ]);
    const y = rows.map((r) => (r[0] as number) - (r[1] as number) + Math.round(rng.normal() * 5));
    const w = Float64Array.from(rows, (_, i) => i % 3);
    const repeated: number[][] = [];
    const yRep: number[] = [];
    rows.forEach((r, i) => {
      for (let k = 0; k < (w[i] as number); k++) {
        repeated.push(r);
        yRep.push(y[i] as number);
      }
    });
    const probe = matrix(rows);
    const weighted = reg(matrix(rows), y, { max_depth: 4 }, w).predict(probe);
    const copies = reg(matrix(repeated), yRep, { max_depth: 4 }).predict(probe);
    for (const [i, v] of weighted.entries()) expect(v).toBeCloseTo(copies[i] as number, 9);
  });

  it("balanced class weights shift a skewed leaf to the minority class", () => {
    const X = matrix([[0], [0], [0], [0], [0], [0], [1], [1]]);
    const y = [0, 0, 0, 0, 0, 1, 1, 1];
    // 5 rows of class 0 and 3 of class 1: balanced weights are 8 / (2 × 5) and 8 / (2 × 3).
    const plain = cls(X, y, 2).predictProba?.(matrix([[0]])) as Float64Array;
    const balanced = cls(X, y, 2, { class_weight: "balanced" }).predictProba?.(matrix([[0]])) as Float64Array;
    expect(plain[1]).toBeCloseTo(1 / 6, 12);
    expect(balanced[1]).toBeCloseTo(8 / 6 / (5 * 0.8 + 8 / 6), 12);
  });

  it("grows with the random splitter and max_features", () => {
    const rng = createRng(6);
    const rows = Array.from({ length: 200 }, () => [rng.normal(), rng.normal(), rng.normal(), rng.normal()]);
    const y = rows.map((r) => ((r[0] as number) + (r[2] as number) > 0 ? 1 : 0));
    const X = matrix(rows);
    for (const params of [
      { splitter: "random" },
      { max_features: "sqrt" },
      { max_features: "fraction", max_features_fraction: 0.5 },
    ]) {
      const p = cls(X, y, 2, params).predict(X);
      expect(p.every((v, i) => v === y[i])).toBe(true);
    }
  });

  it("refuses invalid params through zod", () => {
    for (const bad of [
      { max_depth: -1 },
      { min_samples_split: 1 },
      { min_samples_leaf: 0 },
      { max_features: "half" },
      { criterion: "mse" },
      { max_depth: 2.5 },
    ]) {
      expect(decisionTreeClassifier.params.safeParse(bad).success).toBe(false);
    }
  });

  it("refuses missing values", () => {
    expect(() => reg(matrix([[1], [Number.NaN]]), [1, 2])).toThrow(
      expect.objectContaining({ code: "MISSING_VALUES" }),
    );
  });
});
