import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { type Fold, testFoldIndex } from "./fold.js";
import { kFold } from "./kfold.js";

function caught(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

/** Sorted, disjoint, and together covering 0..n-1. */
function expectPartition(fold: Fold, n: number): void {
  for (const part of [fold.train, fold.test])
    for (let i = 1; i < part.length; i++) expect(part[i]).toBeGreaterThan(part[i - 1] as number);
  const seen = new Uint8Array(n);
  for (const i of fold.train) seen[i] = (seen[i] as number) + 1;
  for (const i of fold.test) seen[i] = (seen[i] as number) + 1;
  expect(seen.every((s) => s === 1)).toBe(true);
}

describe("kFold", () => {
  it("puts every row in exactly one test fold, first n % k folds one larger", () => {
    const { folds, warnings } = kFold({ k: 3 }, { n: 10, seed: 1 });
    expect(warnings).toEqual([]);
    expect(folds.map((f) => f.test.length)).toEqual([4, 3, 3]);
    for (const f of folds) expectPartition(f, 10);
    expect(testFoldIndex(folds, 10).every((f) => f >= 0)).toBe(true);
  });

  it("without shuffle gives contiguous blocks in row order, like scikit-learn", () => {
    const { folds } = kFold({ k: 3, shuffle: false }, { n: 7, seed: 0 });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Array.from(folds[1]?.train ?? [])).toEqual([0, 1, 2, 5, 6]);
  });

  it("same seed gives identical folds, another seed different ones", () => {
    const a = kFold({ k: 5 }, { n: 100, seed: 7 }).folds;
    const b = kFold({ k: 5 }, { n: 100, seed: 7 }).folds;
    const c = kFold({ k: 5 }, { n: 100, seed: 8 }).folds;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("allows k = n (leave-one-out)", () => {
    const { folds } = kFold({ k: 4 }, { n: 4, seed: 3 });
    expect(folds.every((f) => f.test.length === 1 && f.train.length === 3)).toBe(true);
  });

  it("refuses k < 2 and k > n, naming k", () => {
    const low = caught(() => kFold({ k: 1 }, { n: 10, seed: 0 }));
    expect(low.code).toBe("INVALID_ARGUMENT");
    expect(low.details.parameter).toBe("k");
    const high = caught(() => kFold({ k: 5 }, { n: 4, seed: 0 }));
    expect(high.code).toBe("NOT_ENOUGH_ROWS");
    expect(high.details.parameter).toBe("k");
  });

  it("refuses a fractional k, a bad n and a non-finite seed", () => {
    expect(caught(() => kFold({ k: 2.5 }, { n: 10, seed: 0 })).details.parameter).toBe("k");
    expect(caught(() => kFold({}, { n: -1, seed: 0 })).details.parameter).toBe("n");
    expect(caught(() => kFold({}, { n: 10, seed: Number.NaN })).details.parameter).toBe("seed");
  });
});
