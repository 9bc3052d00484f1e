import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { testFoldIndex } from "./fold.js";
import { groupKFold } from "./group-kfold.js";

function caught(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

describe("groupKFold", () => {
  it("never puts one group on both sides, and tests every row once", () => {
    const groups = new Int32Array(200);
    for (let i = 0; i < groups.length; i++) groups[i] = (i * 7919) % 23;
    const { folds } = groupKFold({ k: 4 }, { n: 200, groups });
    const index = testFoldIndex(folds, 200);
    expect(index.every((f) => f >= 0)).toBe(true);
    const foldOfGroup = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const g = groups[i] as number;
      const f = index[i] as number;
      expect(foldOfGroup.get(g) ?? f).toBe(f);
      foldOfGroup.set(g, f);
    }
    for (const fold of folds) {
      const trainGroups = new Set(Array.from(fold.train, (r) => groups[r]));
      expect(Array.from(fold.test).some((r) => trainGroups.has(groups[r]))).toBe(false);
    }
  });

  it("assigns the largest groups first to the lightest fold", () => {
    // sizes: group 0 → 5, 1 → 4, 2 → 3, 3 → 2, 4 → 1
    const groups = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4]);
    const { folds } = groupKFold({ k: 2 }, { n: 15, groups });
    // 0 → fold 0 (5), 1 → fold 1 (4), 2 → fold 1 (7), 3 → fold 0 (7), 4 → fold 0 (8)
    expect(folds.map((f) => Array.from(new Set(Array.from(f.test, (r) => groups[r]))))).toEqual([
      [0, 3, 4],
      [1, 2],
    ]);
  });

  it("is deterministic", () => {
    const groups = Int32Array.from({ length: 50 }, (_, i) => i % 6);
    expect(groupKFold({ k: 3 }, { n: 50, groups })).toEqual(groupKFold({ k: 3 }, { n: 50, groups }));
  });

  it("refuses fewer groups than k, naming k and the group count", () => {
    const groups = Int32Array.from([1, 1, 2, 2, 2, 1]);
    const e = caught(() => groupKFold({ k: 3 }, { n: 6, groups }));
    expect(e.code).toBe("NOT_ENOUGH_ROWS");
    expect(e.details).toMatchObject({ parameter: "k", groups: 2 });
  });

  it("refuses missing group codes and a length mismatch", () => {
    const missing = caught(() => groupKFold({ k: 2 }, { n: 3, groups: Int32Array.from([0, -1, 1]) }));
    expect(missing.details).toMatchObject({ parameter: "groups", row: 1 });
    const short = caught(() => groupKFold({ k: 2 }, { n: 4, groups: Int32Array.from([0, 1, 1]) }));
    expect(short.code).toBe("LENGTH_MISMATCH");
    expect(short.details.parameter).toBe("groups");
  });
});
