import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import type { ModelJSON } from "../estimator.js";
import { adaboostClassifier } from "./adaboost-classifier.js";
import { adaboostRegressor } from "./adaboost-regressor.js";
import { weightedMedian } from "./weighted-median.js";

function columns(cols: readonly (readonly number[])[]): FeatureMatrix {
  const n = cols[0]?.length ?? 0;
  const data = new Float64Array(n * cols.length);
  for (const [j, c] of cols.entries()) data.set(c, j * n);
  return createFeatureMatrix(
    n,
    cols.map((_, j) => `f${j}`),
    undefined,
    data,
  );
}

function blobs(n: number, seed: number) {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    a.push(k * 2 + rng.normal() * 0.6);
    b.push((k === 1 ? 2 : 0) + rng.normal() * 0.6);
    y.push(k);
  }
  return { X: columns([a, b]), y: Float64Array.from(y) };
}

const accuracy = (p: Float64Array, y: Float64Array) =>
  p.reduce((s, v, i) => s + (v === y[i] ? 1 : 0), 0) / y.length;
const roundTrip = (json: ModelJSON) => JSON.parse(JSON.stringify(json)) as ModelJSON;

describe("weightedMedian", () => {
  it("returns the smallest value reaching half the weight", () => {
    expect(weightedMedian(Float64Array.from([3, 1, 2]), Float64Array.from([1, 1, 1]), 3)).toBe(2);
    expect(weightedMedian(Float64Array.from([3, 1, 2]), Float64Array.from([1, 1, 10]), 3)).toBe(2);
    expect(weightedMedian(Float64Array.from([5, 1, 9, 7]), Float64Array.from([1, 1, 1, 1]), 4)).toBe(5);
    expect(weightedMedian(Float64Array.from([5, 1, 9, 7]), Float64Array.from([0, 0, 0, 0]), 4)).toBe(1);
  });

  it("agrees with a sort on random inputs", () => {
    const rng = createRng(2);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + rng.int(40);
      const v = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 5) + 0);
      const w = Float64Array.from({ length: n }, () => rng.next());
      const pairs = Array.from(v, (x, i) => [x, w[i] as number] as const).sort((a, b) => a[0] - b[0]);
      const total = pairs.reduce((s, p) => s + p[1], 0);
      let c = 0;
      let want: number | undefined;
      for (const [x, wx] of pairs) {
        c += wx;
        if (c >= total / 2) {
          want = x;
          break;
        }
      }
      expect(weightedMedian(v, w, n)).toBe(want);
    }
  });
});

describe("adaboost_classifier", () => {
  const train = blobs(240, 1);
  const test = blobs(90, 2);

  it.each(["SAMME", "SAMME.R"] as const)("%s learns three blobs with stumps and round-trips", (algorithm) => {
    const m = adaboostClassifier.fit(train.X, train.y, adaboostClassifier.params.parse({ algorithm }), {
      seed: 1,
      nClasses: 3,
    });
    expect(accuracy(m.predict(test.X), test.y)).toBeGreaterThan(0.85);
    const p = m.predictProba?.(test.X) as Float64Array;
    for (let i = 0; i < test.X.nRows; i++)
      expect(p[3 * i]! + p[3 * i + 1]! + p[3 * i + 2]!).toBeCloseTo(1, 12);
    const back = adaboostClassifier.fromJSON(roundTrip(m.toJSON()));
    expect(Array.from(back.predictProba?.(test.X) ?? [])).toEqual(Array.from(p));
    expect(Array.from(back.predict(test.X))).toEqual(Array.from(m.predict(test.X)));
    const imp = m.featureImportance?.() as Float64Array;
    expect(imp[0]! + imp[1]!).toBeCloseTo(1, 12);
  });

  it("stops at a perfect stump, and serves a single class", () => {
    const X = columns([[0, 1, 2, 3]]);
    const perfect = adaboostClassifier.fit(
      X,
      Float64Array.from([0, 0, 1, 1]),
      adaboostClassifier.params.parse({ algorithm: "SAMME" }),
      {
        seed: 1,
        nClasses: 2,
      },
    );
    expect(Array.from(perfect.predict(X))).toEqual([0, 0, 1, 1]);
    expect((perfect.toJSON().state as { weights: number[] }).weights).toHaveLength(1);
    const single = adaboostClassifier.fit(
      X,
      Float64Array.from([2, 2, 2, 2]),
      adaboostClassifier.params.parse({}),
      { seed: 1, nClasses: 3 },
    );
    expect(Array.from(single.predictProba?.(X) ?? []).slice(0, 3)).toEqual([0, 0, 1]);
    expect(Array.from(single.predict(X))).toEqual([2, 2, 2, 2]);
  });

  it("keeps absent classes at probability zero", () => {
    const X = columns([[0, 1, 2, 3, 4, 5]]);
    const m = adaboostClassifier.fit(
      X,
      Float64Array.from([0, 0, 0, 3, 3, 0]),
      adaboostClassifier.params.parse({}),
      { seed: 1, nClasses: 4 },
    );
    const p = m.predictProba?.(X) as Float64Array;
    for (let i = 0; i < 6; i++) {
      expect(p[4 * i + 1]).toBe(0);
      expect(p[4 * i + 2]).toBe(0);
    }
  });

  it("is deterministic and refuses bad params and tampered states", () => {
    const a = adaboostClassifier.fit(train.X, train.y, adaboostClassifier.params.parse({}), {
      seed: 4,
      nClasses: 3,
    });
    const b = adaboostClassifier.fit(train.X, train.y, adaboostClassifier.params.parse({}), {
      seed: 4,
      nClasses: 3,
    });
    expect(Array.from(a.predictProba?.(test.X) ?? [])).toEqual(Array.from(b.predictProba?.(test.X) ?? []));
    expect(adaboostClassifier.params.safeParse({ learning_rate: 0 }).success).toBe(false);
    expect(adaboostClassifier.params.safeParse({ algorithm: "real" }).success).toBe(false);
    const json = roundTrip(a.toJSON()) as ModelJSON & { state: { weights: number[]; classes: number[] } };
    json.state.weights.pop();
    expect(() => adaboostClassifier.fromJSON(json)).toThrow(
      expect.objectContaining({ code: "INVALID_MODEL_STATE" }),
    );
    const json2 = roundTrip(a.toJSON()) as ModelJSON & { state: { classes: number[] } };
    json2.state.classes = [2, 0];
    expect(() => adaboostClassifier.fromJSON(json2)).toThrow(
      expect.objectContaining({ code: "INVALID_MODEL_STATE" }),
    );
  });
});

describe("adaboost_regressor", () => {
  const rng = createRng(3);
  const a = Array.from({ length: 300 }, () => rng.normal());
  const b = Array.from({ length: 300 }, () => rng.normal());
  const y = Float64Array.from(a, (v, i) => 3 * Math.sin(v) + (b[i] as number) ** 2 + 0.1 * rng.normal());
  const X = columns([a, b]);

  it.each([false, true])("fits a smooth target (resample=%s) and round-trips", (resample) => {
    const m = adaboostRegressor.fit(X, y, adaboostRegressor.params.parse({ resample }), { seed: 2 });
    const p = m.predict(X);
    let ss = 0;
    let st = 0;
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    for (let i = 0; i < y.length; i++) {
      ss += (p[i]! - y[i]!) ** 2;
      st += (y[i]! - mean) ** 2;
    }
    expect(1 - ss / st).toBeGreaterThan(0.85);
    const back = adaboostRegressor.fromJSON(roundTrip(m.toJSON()));
    expect(Array.from(back.predict(X))).toEqual(Array.from(p));
    const again = adaboostRegressor.fit(X, y, adaboostRegressor.params.parse({ resample }), { seed: 2 });
    expect(Array.from(again.predict(X))).toEqual(Array.from(p));
  });

  it("stops when a tree fits exactly", () => {
    const Xs = columns([[0, 1, 2, 3]]);
    const m = adaboostRegressor.fit(Xs, Float64Array.from([1, 1, 5, 5]), adaboostRegressor.params.parse({}), {
      seed: 1,
    });
    expect(Array.from(m.predict(Xs))).toEqual([1, 1, 5, 5]);
    expect((m.toJSON().state as { weights: number[] }).weights).toHaveLength(1);
  });

  it("supports every loss", () => {
    for (const loss of ["linear", "square", "exponential"] as const) {
      const m = adaboostRegressor.fit(X, y, adaboostRegressor.params.parse({ loss, n_estimators: 10 }), {
        seed: 1,
      });
      expect(m.predict(X).every(Number.isFinite)).toBe(true);
    }
  });
});
