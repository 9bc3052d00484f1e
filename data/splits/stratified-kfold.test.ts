import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { testFoldIndex } from "./fold.js";
import { stratifiedKFold } from "./stratified-kfold.js";

function caught(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

/** 2 classes in blocks, heavily imbalanced, plus a mid-sized third one interleaved. */
function imbalanced(): Int32Array {
  const y = new Int32Array(203);
  for (let i = 0; i < y.length; i++) y[i] = i % 9 === 0 ? 2 : i >= 180 ? 1 : 0;
  return y;
}

function classCounts(y: Int32Array, rows: Int32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(y[r] as number, (counts.get(y[r] as number) ?? 0) + 1);
  return counts;
}

describe("stratifiedKFold", () => {
  it("gives every fold floor or ceil of each class's share, every row tested once", () => {
    const y = imbalanced();
    const k = 5;
    const { folds, warnings } = stratifiedKFold({ k }, { n: y.length, y, seed: 11 });
    expect(warnings).toEqual([]);
    expect(testFoldIndex(folds, y.length).every((f) => f >= 0)).toBe(true);
    const total = classCounts(y, Int32Array.from(y.keys()));
    for (const fold of folds) {
      expect(fold.train.length + fold.test.length).toBe(y.length);
      expect([Math.floor(y.length / k), Math.ceil(y.length / k)]).toContain(fold.test.length);
      const inFold = classCounts(y, fold.test);
      for (const [cls, m] of total) {
        expect([Math.floor(m / k), Math.ceil(m / k)]).toContain(inFold.get(cls) ?? 0);
      }
      const train = new Set(fold.train);
      expect(fold.test.some((r) => train.has(r))).toBe(false);
    }
  });

  it("keeps the minority class in every fold of an imbalanced target", () => {
    const y = new Int32Array(100);
    for (let i = 0; i < 10; i++) y[i * 10] = 1;
    const { folds } = stratifiedKFold({ k: 5 }, { n: 100, y, seed: 3 });
    for (const f of folds) expect(classCounts(y, f.test).get(1)).toBe(2);
  });

  it("without shuffle assigns each class's rows to folds in row order", () => {
    const y = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const { folds } = stratifiedKFold({ k: 2, shuffle: false }, { n: 8, y, seed: 0 });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 4, 5],
      [2, 3, 6, 7],
    ]);
  });

  it("is deterministic in the seed and varies across seeds", () => {
    const y = imbalanced();
    const run = (seed: number) => stratifiedKFold({ k: 4 }, { n: y.length, y, seed }).folds;
    expect(run(5)).toEqual(run(5));
    expect(run(6)).not.toEqual(run(5));
  });

  it("accepts sparse class codes", () => {
    const y = Int32Array.from([40, 7, 40, 7, 40, 7]);
    const { folds } = stratifiedKFold({ k: 3 }, { n: 6, y, seed: 0 });
    for (const f of folds) expect(Array.from(f.test, (r) => y[r]).sort()).toEqual([40, 7]);
  });

  it("warns, naming the class and its row count, when a class has fewer rows than k", () => {
    const y = new Int32Array(20);
    y[3] = 4;
    y[8] = 9;
    y[9] = 9;
    const { folds, warnings } = stratifiedKFold({ k: 3 }, { n: 20, y, seed: 2 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("class 4 has 1 row,");
    expect(warnings[1]).toContain("class 9 has 2 rows");
    expect(testFoldIndex(folds, 20).every((f) => f >= 0)).toBe(true);
  });

  it("refuses a missing class code, naming the row", () => {
    const y = Int32Array.from([0, 1, 0, -1, 1, 0]);
    const e = caught(() => stratifiedKFold({ k: 2 }, { n: 6, y, seed: 0 }));
    expect(e.code).toBe("INVALID_ARGUMENT");
    expect(e.details).toMatchObject({ parameter: "y", row: 3 });
  });

  it("refuses y of the wrong length and k > n", () => {
    const y = Int32Array.from([0, 1, 0]);
    const mismatch = caught(() => stratifiedKFold({ k: 2 }, { n: 4, y, seed: 0 }));
    expect(mismatch.code).toBe("LENGTH_MISMATCH");
    expect(mismatch.details.parameter).toBe("y");
    expect(caught(() => stratifiedKFold({ k: 4 }, { n: 3, y, seed: 0 })).code).toBe("NOT_ENOUGH_ROWS");
  });
});
