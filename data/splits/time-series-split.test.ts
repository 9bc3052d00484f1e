import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { timeSeriesSplit } from "./time-series-split.js";

function caught(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

const asLists = (folds: { train: Int32Array; test: Int32Array }[]) =>
  folds.map((f) => [Array.from(f.train), Array.from(f.test)]);

describe("timeSeriesSplit", () => {
  it("matches scikit-learn's TimeSeriesSplit(n_splits=3) on 6 rows", () => {
    const { folds } = timeSeriesSplit({ k: 3 }, { n: 6 });
    expect(asLists(folds)).toEqual([
      [[0, 1, 2], [3]],
      [[0, 1, 2, 3], [4]],
      [[0, 1, 2, 3, 4], [5]],
    ]);
  });

  it("respects gap, maxTrainSize and testSize like scikit-learn", () => {
    // TimeSeriesSplit(n_splits=2, gap=1, max_train_size=3, test_size=2) on 10 rows.
    const { folds } = timeSeriesSplit({ k: 2, gap: 1, maxTrainSize: 3, testSize: 2 }, { n: 10 });
    expect(asLists(folds)).toEqual([
      [
        [2, 3, 4],
        [6, 7],
      ],
      [
        [4, 5, 6],
        [8, 9],
      ],
    ]);
  });

  it("keeps every train index before every test index, at least gap apart", () => {
    const gap = 3;
    const { folds } = timeSeriesSplit({ k: 5, gap }, { n: 101 });
    expect(folds).toHaveLength(5);
    for (const f of folds) {
      expect(f.train.length).toBeGreaterThan(0);
      expect((f.test[0] as number) - (f.train[f.train.length - 1] as number)).toBe(gap + 1);
    }
    for (let i = 1; i < folds.length; i++) {
      expect(folds[i]?.train.length).toBeGreaterThan(folds[i - 1]?.train.length as number);
    }
  });

  it("refuses k + 1 > n and windows that leave no train row", () => {
    const few = caught(() => timeSeriesSplit({ k: 5 }, { n: 5 }));
    expect(few.code).toBe("NOT_ENOUGH_ROWS");
    expect(few.details.parameter).toBe("k");
    const big = caught(() => timeSeriesSplit({ k: 3, testSize: 4 }, { n: 12 }));
    expect(big.code).toBe("NOT_ENOUGH_ROWS");
    expect(big.details.parameter).toBe("testSize");
    expect(caught(() => timeSeriesSplit({ k: 2, gap: 7 }, { n: 9 })).code).toBe("NOT_ENOUGH_ROWS");
  });

  it("refuses a negative gap and a zero testSize", () => {
    expect(caught(() => timeSeriesSplit({ gap: -1 }, { n: 50 })).details.parameter).toBe("gap");
    expect(caught(() => timeSeriesSplit({ testSize: 0 }, { n: 50 })).details.parameter).toBe("testSize");
  });
});
