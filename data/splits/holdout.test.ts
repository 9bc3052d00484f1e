import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { holdoutSplit } from "./holdout.js";

function caught(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe("holdoutSplit", () => {
  it("tests ceil(testFraction × n) rows, disjoint from train and covering every row", () => {
    const fold = only(holdoutSplit({ testFraction: 0.25 }, { n: 10, seed: 1 }).folds);
    expect(fold.test.length).toBe(3);
    expect(fold.train.length).toBe(7);
    const all = [...fold.train, ...fold.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it("does not round float noise up (0.7 × 10 is 7 rows, not 8)", () => {
    expect(only(holdoutSplit({ testFraction: 0.7 }, { n: 10, seed: 0 }).folds).test.length).toBe(7);
  });

  it("without shuffle tests the last rows", () => {
    const fold = only(holdoutSplit({ testFraction: 0.3, shuffle: false }, { n: 10, seed: 0 }).folds);
    expect(Array.from(fold.test)).toEqual([7, 8, 9]);
  });

  it("is deterministic in the seed and varies across seeds", () => {
    const run = (seed: number) => holdoutSplit({}, { n: 200, seed }).folds;
    expect(run(4)).toEqual(run(4));
    expect(run(5)).not.toEqual(run(4));
  });

  it("stratified: keeps class shares within one row in the test split", () => {
    const y = new Int32Array(1000);
    for (let i = 0; i < 1000; i++) y[i] = i % 50 === 0 ? 2 : i % 4 === 0 ? 1 : 0; // 20 / 240 / 740 rows
    const { folds, warnings } = holdoutSplit({ testFraction: 0.2, stratify: true }, { n: 1000, y, seed: 9 });
    expect(warnings).toEqual([]);
    const fold = only(folds);
    expect(fold.test.length).toBe(200);
    const counts = [0, 0, 0];
    for (const r of fold.test) counts[y[r] as number] = (counts[y[r] as number] as number) + 1;
    expect(counts).toEqual([148, 48, 4]);
  });

  it("stratified without shuffle takes the last rows of each class", () => {
    const y = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const fold = only(
      holdoutSplit({ testFraction: 0.4, stratify: true, shuffle: false }, { n: 10, y, seed: 0 }).folds,
    );
    expect(Array.from(fold.test)).toEqual([6, 7, 8, 9]);
  });

  it("stratified: warns instead of failing when a class lands on one side only", () => {
    const y = new Int32Array(20);
    y[5] = 3;
    const { folds, warnings } = holdoutSplit({ testFraction: 0.2, stratify: true }, { n: 20, y, seed: 0 });
    expect(warnings).toEqual(["class 3 (1 row) has no row in the test split"]);
    expect(only(folds).test.length).toBe(4);
  });

  it("refuses testFraction outside (0, 1), naming it", () => {
    for (const testFraction of [0, 1, -0.1, 1.5]) {
      const e = caught(() => holdoutSplit({ testFraction }, { n: 10, seed: 0 }));
      expect(e.code).toBe("INVALID_ARGUMENT");
      expect(e.details.parameter).toBe("testFraction");
    }
  });

  it("refuses too few rows, and a fraction that leaves no train row", () => {
    expect(caught(() => holdoutSplit({}, { n: 1, seed: 0 })).code).toBe("NOT_ENOUGH_ROWS");
    const e = caught(() => holdoutSplit({ testFraction: 0.9 }, { n: 5, seed: 0 }));
    expect(e.code).toBe("NOT_ENOUGH_ROWS");
    expect(e.details.parameter).toBe("testFraction");
  });

  it("refuses stratify without y and y of the wrong length", () => {
    expect(caught(() => holdoutSplit({ stratify: true }, { n: 10, seed: 0 })).details.parameter).toBe("y");
    const e = caught(() => holdoutSplit({ stratify: true }, { n: 10, y: new Int32Array(9), seed: 0 }));
    expect(e.code).toBe("LENGTH_MISMATCH");
  });
});
