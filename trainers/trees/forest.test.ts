import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import type { EstimatorSpec, ModelJSON } from "../estimator.js";
import { decisionTreeRegressor } from "./decision-tree.js";
import { extraTreesClassifier, extraTreesRegressor } from "./extra-trees.js";
import type { ForestModel } from "./forest-model.js";
import { randomForestClassifier, randomForestRegressor } from "./random-forest.js";

function synthetic(n: number, seed: number, classify: boolean): { X: FeatureMatrix; y: Float64Array } {
  const rng = createRng(seed);
  const p = 5;
  const data = new Float64Array(n * p);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s =
      2 * (data[i] as number) -
      (data[n + i] as number) +
      (data[2 * n + i] as number) ** 2 +
      0.3 * rng.normal();
    y[i] = classify ? (s < 0 ? 0 : s < 2 ? 1 : 2) : s;
  }
  return { X: createFeatureMatrix(n, ["a", "b", "c", "d", "e"], undefined, data), y };
}

const train = { cls: synthetic(300, 1, true), reg: synthetic(300, 1, false) };
const test = { cls: synthetic(100, 2, true), reg: synthetic(100, 2, false) };
const SPECS: [string, EstimatorSpec, boolean][] = [
  ["random_forest_classifier", randomForestClassifier, true],
  ["random_forest_regressor", randomForestRegressor, false],
  ["extra_trees_classifier", extraTreesClassifier, true],
  ["extra_trees_regressor", extraTreesRegressor, false],
];

function trainModel(spec: EstimatorSpec, classify: boolean, seed: number, params: object = {}) {
  const d = classify ? train.cls : train.reg;
  return spec.fit(d.X, d.y, spec.params.parse({ n_estimators: 20, ...params }), {
    seed,
    ...(classify ? { nClasses: 3 } : {}),
  }) as ForestModel;
}

function roundTrip(spec: EstimatorSpec, json: ModelJSON) {
  return spec.fromJSON(JSON.parse(JSON.stringify(json)) as ModelJSON);
}

describe.each(SPECS)("%s", (_name, spec, classify) => {
  const X = classify ? test.cls.X : test.reg.X;
  const y = classify ? test.cls.y : test.reg.y;

  it("is deterministic per seed and learns the signal", () => {
    const a = trainModel(spec, classify, 3);
    const b = trainModel(spec, classify, 3);
    const c = trainModel(spec, classify, 4);
    expect(Array.from(a.predict(X))).toEqual(Array.from(b.predict(X)));
    const pa = classify ? (a.predictProba?.(X) as Float64Array) : a.predict(X);
    const pc = classify ? (c.predictProba?.(X) as Float64Array) : c.predict(X);
    expect(Array.from(pa)).not.toEqual(Array.from(pc));
    const p = a.predict(X);
    if (classify) {
      let hits = 0;
      for (let i = 0; i < p.length; i++) if (p[i] === y[i]) hits++;
      expect(hits / p.length).toBeGreaterThan(0.75);
      const proba = a.predictProba?.(X) as Float64Array;
      expect(proba.length).toBe(3 * X.nRows);
      for (let i = 0; i < X.nRows; i++)
        expect(proba[3 * i]! + proba[3 * i + 1]! + proba[3 * i + 2]!).toBeCloseTo(1, 12);
    } else {
      let ss = 0;
      let st = 0;
      const mean = y.reduce((s, v) => s + v, 0) / y.length;
      for (let i = 0; i < p.length; i++) {
        ss += (p[i]! - y[i]!) ** 2;
        st += (y[i]! - mean) ** 2;
      }
      expect(1 - ss / st).toBeGreaterThan(0.7);
    }
    const imp = a.featureImportance?.() as Float64Array;
    expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(imp[3]! + imp[4]!).toBeLessThan(imp[0]!);
  });

  it("round-trips through JSON with identical predictions", () => {
    const m = trainModel(spec, classify, 5, { oob_score: true, bootstrap: true });
    const back = roundTrip(spec, m.toJSON()) as ForestModel;
    expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
    if (classify)
      expect(Array.from(back.predictProba?.(X) ?? [])).toEqual(Array.from(m.predictProba?.(X) ?? []));
    expect(Array.from(back.featureImportance?.() ?? [])).toEqual(Array.from(m.featureImportance?.() ?? []));
    expect(back.oobScore).toBe(m.oobScore);
  });

  it("computes the out-of-bag score only with bootstrap", () => {
    const m = trainModel(spec, classify, 6, { oob_score: true, bootstrap: true, n_estimators: 30 });
    expect(m.oobScore).toBeGreaterThan(classify ? 0.75 : 0.6);
    expect(m.oobScore).toBeLessThanOrEqual(1);
    expect(trainModel(spec, classify, 6, { oob_score: true, bootstrap: false }).oobScore).toBeNull();
    expect(trainModel(spec, classify, 6).oobScore).toBeNull();
  });

  it("reports progress per tree and refuses a wrong feature count", () => {
    const d = classify ? train.cls : train.reg;
    const seen: number[] = [];
    const m = spec.fit(d.X, d.y, spec.params.parse({ n_estimators: 4 }), {
      seed: 1,
      ...(classify ? { nClasses: 3 } : {}),
      onProgress: (f) => seen.push(f),
    });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    const narrow = createFeatureMatrix(2, ["a"], undefined, new Float64Array(2));
    expect(() => m.predict(narrow)).toThrow(expect.objectContaining({ code: "FEATURE_MISMATCH" }));
  });
});

describe("forest defaults and params", () => {
  it("uses scikit-learn's defaults", () => {
    const rf = randomForestClassifier.params.parse({});
    expect(rf).toMatchObject({
      n_estimators: 100,
      max_features: "sqrt",
      bootstrap: true,
      max_depth: 0,
      criterion: "gini",
    });
    expect(randomForestRegressor.params.parse({})).toMatchObject({ max_features: "all", bootstrap: true });
    expect(extraTreesClassifier.params.parse({})).toMatchObject({ max_features: "sqrt", bootstrap: false });
    expect(extraTreesRegressor.params.parse({})).toMatchObject({ max_features: "all", bootstrap: false });
  });

  it("refuses invalid params", () => {
    for (const bad of [
      { n_estimators: 0 },
      { max_samples: 0 },
      { max_features_fraction: 1.5 },
      { bootstrap: "yes" },
    ]) {
      expect(randomForestRegressor.params.safeParse(bad).success).toBe(false);
    }
  });
});

describe("serialised state checks", () => {
  const m = trainModel(randomForestRegressor, false, 1, { n_estimators: 3 });
  const json = m.toJSON();
  const tamper = (f: (j: ModelJSON & { state: { trees: Record<string, number[]> } }) => void) => {
    const j = JSON.parse(JSON.stringify(json));
    f(j);
    return () => randomForestRegressor.fromJSON(j);
  };
  const invalid = expect.objectContaining({ code: "INVALID_MODEL_STATE" });

  it("refuses a wrong estimator, version, params or shape", () => {
    expect(tamper((j) => (j.estimator = "extra_trees_regressor"))).toThrow(invalid);
    expect(tamper((j) => (j.version = 99))).toThrow(invalid);
    expect(tamper((j) => (j.params = { n_estimators: -1 }))).toThrow(invalid);
    expect(tamper((j) => (j.nFeatures = 0))).toThrow(invalid);
    expect(tamper((j) => (j.nClasses = 3))).toThrow(invalid);
    expect(() => extraTreesRegressor.fromJSON(json)).toThrow(invalid);
  });

  it("refuses trees that cannot be walked safely", () => {
    expect(tamper((j) => (j.state.trees.right![0] = 1))).toThrow(invalid);
    expect(tamper((j) => (j.state.trees.right![0] = 0))).toThrow(invalid);
    expect(tamper((j) => (j.state.trees.feature![0] = 5))).toThrow(invalid);
    expect(tamper((j) => j.state.trees.leafValue!.pop())).toThrow(invalid);
    expect(tamper((j) => (j.state.trees.roots = []))).toThrow(invalid);
    expect(tamper((j) => (j.state.trees.threshold![0] = "x" as unknown as number))).toThrow(invalid);
    expect(tamper((j) => ((j.state as unknown as Record<string, unknown>).importance = [1]))).toThrow(
      invalid,
    );
  });

  it("keeps non-finite leaf values through JSON", () => {
    const X = createFeatureMatrix(2, ["a"], undefined, Float64Array.from([0, 0]));
    const huge = decisionTreeRegressor.fit(
      X,
      Float64Array.from([1.5e308, 1.5e308]),
      decisionTreeRegressor.params.parse({}),
      { seed: 1 },
    );
    expect(huge.predict(X)[0]).toBe(Infinity);
    const back = roundTrip(decisionTreeRegressor, huge.toJSON());
    expect(Array.from(back.predict(X))).toEqual([Infinity, Infinity]);
  });
});
