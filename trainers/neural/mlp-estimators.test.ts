import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { mlpClassifier } from "./mlp-classifier.js";
import { mlpRegressor } from "./mlp-regressor.js";

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AlchemistError ? e.code : "not an AlchemistError";
  }
  return undefined;
}

/** n rows of 2 features uniform in [-2, 2] (column-major), from a fixed seed. */
function points(n: number, seed: number): FeatureMatrix {
  const rng = createRng(seed);
  const data = new Float64Array(2 * n).map(() => 4 * rng.next() - 2);
  return createFeatureMatrix(n, ["a", "b"], undefined, data);
}
const col = (X: FeatureMatrix, j: number, i: number) => X.data[j * X.nRows + i] as number;

/** Three classes: inside the unit circle, else by the sign of a (not linearly separable). */
function rings(X: FeatureMatrix): Float64Array {
  return Float64Array.from({ length: X.nRows }, (_, i) => {
    const a = col(X, 0, i);
    const b = col(X, 1, i);
    return a * a + b * b < 1 ? 0 : a > 0 ? 1 : 2;
  });
}

const accuracy = (p: Float64Array, y: Float64Array) =>
  p.reduce((s, v, i) => s + (v === y[i] ? 1 : 0), 0) / y.length;

describe("mlp_classifier", () => {
  const Xtr = points(300, 1);
  const Xte = points(200, 2);
  const ytr = rings(Xtr);
  const yte = rings(Xte);
  const params = mlpClassifier.params.parse({ hidden_units: 32, max_iter: 150, learning_rate_init: 0.01 });

  it("learns a non-linear 3-class boundary, reports progress per epoch, and is reproducible", () => {
    const notes: string[] = [];
    const m = mlpClassifier.fit(Xtr, ytr, params, {
      seed: 5,
      nClasses: 3,
      onProgress: (_f, note) => notes.push(note),
    });
    expect(accuracy(m.predict(Xte), yte)).toBeGreaterThan(0.9);
    expect(notes.length).toBeGreaterThan(10);
    expect(notes[0]).toMatch(/^epoch 1\/150/);
    const p = m.predictProba?.(Xte) ?? new Float64Array();
    for (let i = 0; i < 200; i++)
      expect((p[3 * i] as number) + (p[3 * i + 1] as number) + (p[3 * i + 2] as number)).toBeCloseTo(1, 12);
    const again = mlpClassifier.fit(Xtr, ytr, params, { seed: 5, nClasses: 3 });
    expect(again.predictProba?.(Xte)).toEqual(p);
    const other = mlpClassifier.fit(Xtr, ytr, params, { seed: 6, nClasses: 3 });
    expect(other.predictProba?.(Xte)).not.toEqual(p);
  });

  it("uses one logistic output for two classes and round-trips through JSON bit for bit", () => {
    const y2 = ytr.map((v) => (v === 0 ? 1 : 0));
    const m = mlpClassifier.fit(
      Xtr,
      y2,
      { ...params, max_iter: 60, activation: "tanh" },
      { seed: 1, nClasses: 2 },
    );
    const json = m.toJSON();
    expect((json.state as { sizes: number[] }).sizes).toEqual([2, 32, 1]);
    const back = mlpClassifier.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back.predictProba?.(Xte)).toEqual(m.predictProba?.(Xte));
    expect(back.predict(Xte)).toEqual(m.predict(Xte));
    expect(
      accuracy(
        m.predict(Xte),
        yte.map((v) => (v === 0 ? 1 : 0)),
      ),
    ).toBeGreaterThan(0.85);
  });

  it("stops early on a validation split and keeps working with absent classes and tiny data", () => {
    let epochs = 0;
    const m = mlpClassifier.fit(
      Xtr,
      ytr,
      { ...params, max_iter: 1000, early_stopping: true },
      {
        seed: 2,
        nClasses: 4,
        onProgress: (_f, note) => {
          if (note.startsWith("epoch")) epochs++;
        },
      },
    );
    expect(epochs).toBeLessThan(1000);
    const p = m.predictProba?.(Xte) ?? new Float64Array();
    expect(p.length).toBe(800);
    expect(accuracy(m.predict(Xte), yte)).toBeGreaterThan(0.8);
    const two = createFeatureMatrix(2, ["a"], undefined, Float64Array.from([0, 1]));
    const tiny = mlpClassifier.fit(
      two,
      Float64Array.from([1, 1]),
      { ...params, hidden_layers: 0 },
      { seed: 0, nClasses: 2 },
    );
    expect(Array.from(tiny.predict(two))).toEqual([1, 1]);
    // Two rows with early stopping: one trains, one validates.
    const split = mlpClassifier.fit(
      two,
      Float64Array.from([0, 1]),
      { ...params, early_stopping: true },
      { seed: 0, nClasses: 2 },
    );
    expect(split.predictProba?.(two).length).toBe(4);
    const one = createFeatureMatrix(1, ["a"], undefined, Float64Array.from([3]));
    const single = mlpClassifier.fit(
      one,
      Float64Array.from([0]),
      { ...params, early_stopping: true },
      { seed: 0, nClasses: 2 },
    );
    expect(Array.from(single.predict(one))).toEqual([0]);
  });

  it("refuses missing values, invalid params and broken states with typed errors", () => {
    const nan = createFeatureMatrix(2, ["a"], undefined, Float64Array.from([0, Number.NaN]));
    expect(
      thrownCode(() => mlpClassifier.fit(nan, Float64Array.from([0, 1]), params, { seed: 0, nClasses: 2 })),
    ).toBe("MISSING_VALUES");
    expect(mlpClassifier.params.safeParse({ activation: "gelu" }).success).toBe(false);
    expect(mlpClassifier.params.safeParse({ hidden_units: 0 }).success).toBe(false);
    expect(
      thrownCode(() =>
        mlpClassifier.fit(Xtr, ytr, { ...params, learning_rate_init: -1 }, { seed: 0, nClasses: 3 }),
      ),
    ).toBe("INVALID_PARAMS");
    const json = mlpClassifier.fit(Xtr, ytr, { ...params, max_iter: 2 }, { seed: 0, nClasses: 3 }).toJSON();
    const state = json.state as Record<string, unknown>;
    expect(thrownCode(() => mlpClassifier.fromJSON({ ...json, state: { ...state, weights: [1, 2] } }))).toBe(
      "INVALID_MODEL_STATE",
    );
    expect(thrownCode(() => mlpClassifier.fromJSON({ ...json, nClasses: 2 }))).toBe("INVALID_MODEL_STATE");
    expect(thrownCode(() => mlpClassifier.fromJSON({ ...json, nFeatures: 3 }))).toBe("INVALID_MODEL_STATE");
  });
});

describe("mlp_regressor", () => {
  const Xtr = points(300, 3);
  const Xte = points(100, 4);
  const f = (X: FeatureMatrix) =>
    Float64Array.from({ length: X.nRows }, (_, i) => 1000 + 300 * Math.sin(2 * col(X, 0, i)) * col(X, 1, i));
  const ytr = f(Xtr);
  const yte = f(Xte);
  const rmse = (p: Float64Array, y: Float64Array) =>
    Math.sqrt(p.reduce((s, v, i) => s + (v - (y[i] as number)) ** 2, 0) / y.length);
  const params = mlpRegressor.params.parse({ hidden_units: 32, max_iter: 200, learning_rate_init: 0.01 });

  it("fits a non-linear function of large-valued targets (standardised internally)", () => {
    const m = mlpRegressor.fit(Xtr, ytr, params, { seed: 0 });
    // The target's standard deviation is about 190.
    expect(rmse(m.predict(Xte), yte)).toBeLessThan(40);
    const back = mlpRegressor.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predict(Xte)).toEqual(m.predict(Xte));
  });

  it("trains on the raw target when standardize_target is false, and on a constant target", () => {
    const raw = mlpRegressor.fit(
      Xtr,
      ytr,
      { ...params, standardize_target: false, max_iter: 5 },
      { seed: 0 },
    );
    expect((raw.toJSON().state as { targetScale: number }).targetScale).toBe(1);
    const flat = mlpRegressor.fit(Xtr, new Float64Array(300).fill(3), params, { seed: 0 });
    // Scale falls back to 1 (no division by a zero spread); the loss stalls below tol within a few epochs.
    for (const v of flat.predict(Xte)) expect(Math.abs(v - 3)).toBeLessThan(0.25);
  });

  it("reports a diverged fit as FIT_FAILED", () => {
    const huge = mlpRegressor.fit.bind(mlpRegressor);
    const y = new Float64Array(300).map((_, i) => (i % 2 ? 1e300 : -1e300));
    expect(
      thrownCode(() => huge(Xtr, y, { ...params, standardize_target: false, max_iter: 3 }, { seed: 0 })),
    ).toBe("FIT_FAILED");
  });
});
