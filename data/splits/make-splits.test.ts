import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { testFoldIndex } from "./fold.js";
import { makeSplits } from "./make-splits.js";
import { parseSplitSpec, SPLIT_KINDS } from "./split-spec.js";

function caught(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

describe("parseSplitSpec", () => {
  it("fills every default", () => {
    expect(parseSplitSpec({ kind: "holdout" })).toEqual({
      kind: "holdout",
      testFraction: 0.2,
      stratify: false,
      shuffle: true,
    });
    expect(parseSplitSpec({ kind: "kfold" })).toEqual({ kind: "kfold", k: 5, shuffle: true });
    expect(parseSplitSpec({ kind: "time_series" })).toEqual({ kind: "time_series", k: 5, gap: 0 });
  });

  it("names the kinds when the kind is unknown", () => {
    const e = caught(() => parseSplitSpec({ kind: "loo" }));
    expect(e.code).toBe("INVALID_ARGUMENT");
    expect(e.details).toMatchObject({ parameter: "kind", allowed: SPLIT_KINDS });
  });

  it("refuses unknown parameters with a did-you-mean", () => {
    const e = caught(() => parseSplitSpec({ kind: "holdout", testFracton: 0.3 }));
    expect(e.details.parameter).toBe("testFracton");
    expect(e.details.suggestions).toEqual(["testFraction"]);
  });

  it("refuses out-of-bounds values, naming the parameter", () => {
    expect(caught(() => parseSplitSpec({ kind: "stratified_kfold", k: 1 })).details.parameter).toBe("k");
    expect(caught(() => parseSplitSpec({ kind: "group_kfold", k: 5000 })).details.parameter).toBe("k");
    expect(caught(() => parseSplitSpec("kfold")).details.parameter).toBe("spec");
  });
});

describe("makeSplits", () => {
  const n = 60;
  const y = Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
  const groups = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 4));

  it("dispatches every k-fold kind to a partition of the rows", () => {
    for (const kind of ["kfold", "stratified_kfold", "group_kfold"] as const) {
      const { folds } = makeSplits({ kind, k: 3 }, { n, y, groups, seed: 1 });
      expect(folds).toHaveLength(3);
      expect(testFoldIndex(folds, n).every((f) => f >= 0)).toBe(true);
    }
  });

  it("dispatches holdout and time_series", () => {
    expect(makeSplits({ kind: "holdout", stratify: true }, { n, y, seed: 1 }).folds[0]?.test.length).toBe(12);
    const { folds } = makeSplits({ kind: "time_series", k: 4 }, { n, seed: 1 });
    expect(folds.map((f) => f.test[0])).toEqual([12, 24, 36, 48]);
    expect(testFoldIndex(folds, n)[0]).toBe(-1);
  });

  it("gives identical folds for the same seed and different ones for another", () => {
    const spec = { kind: "stratified_kfold", k: 4 } as const;
    expect(makeSplits(spec, { n, y, seed: 2 })).toEqual(makeSplits(spec, { n, y, seed: 2 }));
    expect(makeSplits(spec, { n, y, seed: 3 })).not.toEqual(makeSplits(spec, { n, y, seed: 2 }));
  });

  it("refuses a kind without the array it needs", () => {
    expect(caught(() => makeSplits({ kind: "stratified_kfold" }, { n, seed: 0 })).details.parameter).toBe(
      "y",
    );
    expect(caught(() => makeSplits({ kind: "group_kfold" }, { n, seed: 0 })).details.parameter).toBe(
      "groups",
    );
  });
});

describe("testFoldIndex", () => {
  it("refuses a row in two test sets", () => {
    const fold = { train: Int32Array.from([1]), test: Int32Array.from([0]) };
    const e = caught(() => testFoldIndex([fold, fold], 2));
    expect(e.details).toMatchObject({ parameter: "folds", row: 0 });
  });
});
