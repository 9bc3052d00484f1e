import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/feature-matrix.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import type { GbdtState } from "./gbdt-model.js";
import {
  GBDT_ESTIMATORS,
  histGradientBoostingClassifier as HGBC,
  histGradientBoostingRegressor as HGBR,
} from "./index.js";
import { meanLoss } from "./losses.js";
import { kernelsUseSimd, setWasmKernels } from "./wasm-kernels.js";

const clf = HGBC as unknown as EstimatorSpec;
const reg = HGBR as unknown as EstimatorSpec;

function matrix(columns: ArrayLike<number>[], categorical?: (number | null)[]): FeatureMatrix {
  const n = columns[0]?.length ?? 0;
  const data = new Float64Array(n * columns.length);
  columns.forEach((c, j) => {
    data.set(Array.from(c), j * n);
  });
  return createFeatureMatrix(
    n,
    columns.map((_, j) => `f${j}`),
    categorical,
    data,
  );
}

/** Two informative features and one noise feature; y = 1 when x0 + x1 > 0 (10% label noise). */
function binaryData(n: number, seed: number) {
  const rng = createRng(seed);
  const x0 = Float64Array.from({ length: n }, () => rng.normal());
  const x1 = Float64Array.from({ length: n }, () => rng.normal());
  const x2 = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => (x0[i]! + x1[i]! > 0 !== rng.next() < 0.1 ? 1 : 0));
  return { X: matrix([x0, x1, x2]), y };
}

function accuracy(m: FittedModel, X: FeatureMatrix, y: Float64Array): number {
  const p = m.predict(X);
  let c = 0;
  for (let i = 0; i < y.length; i++) if (p[i] === y[i]) c++;
  return c / y.length;
}

function stateOf(m: FittedModel): GbdtState {
  return m.toJSON().state as GbdtState;
}

function roundTrip(spec: EstimatorSpec, m: FittedModel): FittedModel {
  return spec.fromJSON(JSON.parse(JSON.stringify(m.toJSON())) as ModelJSON);
}

describe("registration and params", () => {
  it("exports both estimators with parseable defaults", () => {
    expect(GBDT_ESTIMATORS.map((s) => s.name)).toEqual([
      "hist_gradient_boosting_classifier",
      "hist_gradient_boosting_regressor",
    ]);
    const d = clf.params.parse({}) as Record<string, unknown>;
    expect(d).toMatchObject({
      learning_rate: 0.1,
      max_iter: 100,
      max_leaf_nodes: 31,
      min_samples_leaf: 20,
      max_bins: 255,
    });
    expect((reg.params.parse({}) as Record<string, unknown>).loss).toBe("squared_error");
    for (const s of GBDT_ESTIMATORS) {
      expect(s.tags.handlesMissing).toBe(true);
      expect(s.tags.handlesCategorical).toBe(true);
    }
  });

  it("refuses invalid params with INVALID_PARAMS naming the parameter", () => {
    expect(clf.params.safeParse({ learning_rate: -1 }).success).toBe(false);
    expect(clf.params.safeParse({ max_leaf_nodes: 1 }).success).toBe(false);
    expect(reg.params.safeParse({ loss: "quantile" }).success).toBe(false);
    expect(clf.params.safeParse({ max_iterations: 5 }).success).toBe(false);
    const { X, y } = binaryData(50, 1);
    try {
      clf.fit(X, y, { ...(clf.params.parse({}) as object), subsample: 0 } as never, { seed: 0, nClasses: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AlchemistError);
      expect((e as AlchemistError).code).toBe("INVALID_PARAMS");
      expect((e as AlchemistError).details.parameter).toBe("subsample");
    }
  });
});

describe("hist_gradient_boosting_classifier", () => {
  const train = binaryData(1500, 1);
  const test = binaryData(1000, 2);

  it("learns a binary problem; probabilities are well formed; importances sum to 1", () => {
    const m = clf.fit(train.X, train.y, clf.params.parse({}), { seed: 0, nClasses: 2 });
    expect(accuracy(m, test.X, test.y)).toBeGreaterThan(0.85);
    const p = m.predictProba!(test.X);
    expect(p.length).toBe(2 * 1000);
    for (let i = 0; i < 1000; i++) expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 12);
    const imp = m.featureImportance!();
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(imp[2]!).toBeLessThan(imp[0]!);
    expect(imp[2]!).toBeLessThan(imp[1]!);
  });

  it("softmax: one tree per class per round, and absent classes still work", () => {
    const rng = createRng(4);
    const n = 600;
    const x0 = Float64Array.from({ length: n }, () => rng.next() * 3);
    const x1 = Float64Array.from({ length: n }, () => rng.normal());
    // Classes 0, 1, 3 present; class 2 absent (K = 4).
    const y = Float64Array.from(x0, (v) => (v < 1 ? 0 : v < 2 ? 1 : 3));
    const X = matrix([x0, x1]);
    const m = clf.fit(X, y, clf.params.parse({ max_iter: 10 }), { seed: 0, nClasses: 4 });
    const s = stateOf(m);
    expect(s.nOutputs).toBe(4);
    expect(s.treeStart.length - 1).toBe(40);
    expect(accuracy(m, X, y)).toBeGreaterThan(0.97);
    const p = m.predictProba!(X);
    for (let i = 0; i < n; i++) expect(p[4 * i + 2]!).toBeLessThan(0.01);
  });

  it("handles a single class present, constant features, duplicate rows, and 1 or 2 rows", () => {
    const X = matrix([
      [1, 1, 1, 1],
      [2, 2, 3, 3],
    ]);
    const one = clf.fit(X, Float64Array.of(1, 1, 1, 1), clf.params.parse({ max_iter: 5 }), {
      seed: 0,
      nClasses: 2,
    });
    expect(Array.from(one.predict(X))).toEqual([1, 1, 1, 1]);
    for (const n of [1, 2]) {
      const Xn = matrix([Float64Array.from({ length: n }, (_, i) => i)]);
      const yn = Float64Array.from({ length: n }, (_, i) => i % 2);
      const m = clf.fit(Xn, yn, clf.params.parse({ early_stopping: "on" }), { seed: 0, nClasses: 2 });
      expect(m.predict(Xn).length).toBe(n);
    }
    const dup = matrix([Float64Array.from({ length: 100 }, (_, i) => i % 2)]);
    const yd = Float64Array.from({ length: 100 }, (_, i) => i % 2);
    expect(accuracy(clf.fit(dup, yd, clf.params.parse({}), { seed: 0, nClasses: 2 }), dup, yd)).toBe(1);
  });

  it("learns where missing values go (missingness predicts the target)", () => {
    const rng = createRng(7);
    const n = 2000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Missing → class 1; present: class 1 only for x > 0.8.
      if (rng.next() < 0.3) {
        x[i] = Number.NaN;
        y[i] = 1;
      } else {
        x[i] = rng.next();
        y[i] = x[i]! > 0.8 ? 1 : 0;
      }
    }
    const m = clf.fit(matrix([x]), y, clf.params.parse({ max_iter: 20 }), { seed: 0, nClasses: 2 });
    const probe = matrix([[Number.NaN, 0.1, 0.5, 0.95]]);
    expect(Array.from(m.predict(probe))).toEqual([1, 0, 0, 1]);
    // And the other way round: missing values behave like small values.
    const y2 = Float64Array.from(x, (v) => (Number.isNaN(v) || v < 0.3 ? 1 : 0));
    const m2 = clf.fit(matrix([x]), y2, clf.params.parse({ max_iter: 20 }), { seed: 0, nClasses: 2 });
    expect(Array.from(m2.predict(probe))).toEqual([1, 1, 0, 0]);
    const s = stateOf(m2);
    const root = s.feature.indexOf(0);
    expect(s.missingLeft[root]).toBe(1);
  });

  it("native categorical splits beat numeric coding of the same codes", () => {
    const rng = createRng(11);
    const L = 16;
    const positive = new Set([1, 4, 6, 9, 11, 14]);
    const make = (n: number) => {
      const c = Float64Array.from({ length: n }, () => rng.int(L));
      const y = Float64Array.from(c, (v) => (positive.has(v) !== rng.next() < 0.05 ? 1 : 0));
      return { c, y };
    };
    const tr = make(3000);
    const te = make(2000);
    const params = clf.params.parse({ max_iter: 5, max_leaf_nodes: 2 });
    const nat = clf.fit(matrix([tr.c], [L]), tr.y, params, { seed: 0, nClasses: 2 });
    const num = clf.fit(matrix([tr.c]), tr.y, params, { seed: 0, nClasses: 2 });
    const accNat = accuracy(nat, matrix([te.c], [L]), te.y);
    const accNum = accuracy(num, matrix([te.c]), te.y);
    expect(accNat).toBeGreaterThan(0.93);
    expect(accNat).toBeGreaterThan(accNum + 0.1);
    expect(stateOf(nat).catStart.some((c) => c >= 0)).toBe(true);
    // Unknown codes and NaN follow the learned missing direction (no throw).
    expect(nat.predict(matrix([[Number.NaN, 99, 2.5]], [L])).length).toBe(3);
  });

  it("early stopping stops before max_iter and records the validation loss", () => {
    const rng = createRng(9);
    const n = 1500;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0)); // pure noise
    const m = clf.fit(matrix([x]), y, clf.params.parse({ early_stopping: "on", max_iter: 500 }), {
      seed: 0,
      nClasses: 2,
    });
    const s = stateOf(m);
    expect(s.nIter).toBeLessThan(100);
    expect(s.validationLoss.length).toBe(s.nIter + 1);
    const off = clf.fit(matrix([x]), y, clf.params.parse({ max_iter: 30 }), { seed: 0, nClasses: 2 });
    expect(stateOf(off).nIter).toBe(30);
    expect(stateOf(off).validationLoss).toEqual([]);
  });

  it("same seed gives identical models; subsampling depends on the seed", () => {
    const params = clf.params.parse({ subsample: 0.5, colsample: 0.67, max_iter: 20 });
    const ctx = (seed: number): FitContext => ({ seed, nClasses: 2 });
    const a = clf.fit(train.X, train.y, params, ctx(3));
    const b = clf.fit(train.X, train.y, params, ctx(3));
    const c = clf.fit(train.X, train.y, params, ctx(4));
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(Array.from(a.predictProba!(test.X))).toEqual(Array.from(b.predictProba!(test.X)));
    expect(JSON.stringify(a.toJSON())).not.toBe(JSON.stringify(c.toJSON()));
    expect(accuracy(a, test.X, test.y)).toBeGreaterThan(0.8);
  });

  it("sample weights: zero-weight rows are ignored by the loss", () => {
    const n = train.y.length;
    const flipped = Float64Array.from(train.y, (v, i) => (i % 3 === 0 ? 1 - v : v));
    const w = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const m = clf.fit(train.X, flipped, clf.params.parse({}), { seed: 0, nClasses: 2, sampleWeight: w });
    expect(accuracy(m, test.X, test.y)).toBeGreaterThan(0.82);
  });

  it("round-trips through JSON bit-identically, with non-finite numbers encoded", () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? Number.NaN : i % 7));
    const y = Float64Array.from(x, (v, i) => (Number.isNaN(v) ? 1 : v > 3 && i % 3 === 0 ? 1 : 0));
    const m = clf.fit(
      matrix([x, Float64Array.from(x, (_, i) => i % 5)]),
      y,
      clf.params.parse({ max_iter: 10 }),
      {
        seed: 0,
        nClasses: 2,
      },
    );
    const text = JSON.stringify(m.toJSON());
    expect(text).toContain('"Infinity"'); // a "missing values alone" split has threshold +Infinity
    const back = roundTrip(clf, m);
    const probe = matrix([
      [Number.NaN, 0, 3, 6, 2.5],
      [0, 1, 2, 3, Number.NaN],
    ]);
    expect(Array.from(back.predict(probe))).toEqual(Array.from(m.predict(probe)));
    expect(Array.from(back.predictProba!(probe))).toEqual(Array.from(m.predictProba!(probe)));
    expect(JSON.stringify(back.toJSON())).toBe(text);
  });

  it("fromJSON refuses broken states with INVALID_MODEL_STATE", () => {
    const m = clf.fit(train.X, train.y, clf.params.parse({ max_iter: 3 }), { seed: 0, nClasses: 2 });
    const good = JSON.parse(JSON.stringify(m.toJSON())) as ModelJSON;
    const broken = (edit: (s: Record<string, unknown>, j: ModelJSON) => void) => {
      const j = JSON.parse(JSON.stringify(good)) as ModelJSON;
      edit(j.state as Record<string, unknown>, j);
      return () => clf.fromJSON(j);
    };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AlchemistError).code;
      }
      return "none";
    };
    expect(code(broken((s) => (s.feature as number[]).pop()))).toBe("INVALID_MODEL_STATE");
    expect(code(broken((s) => ((s.left as number[])[0] = 0)))).toBe("INVALID_MODEL_STATE");
    expect(code(broken((s) => ((s.feature as number[])[0] = 99)))).toBe("INVALID_MODEL_STATE");
    expect(code(broken((s) => (s.threshold = "x")))).toBe("INVALID_MODEL_STATE");
    expect(code(broken((_, j) => (j.version = 99)))).toBe("INVALID_MODEL_STATE");
    expect(code(broken((_, j) => (j.estimator = "other")))).toBe("INVALID_MODEL_STATE");
    expect(code(broken((_, j) => (j.nClasses = 3)))).toBe("INVALID_MODEL_STATE");
    expect(code(() => clf.fromJSON(good))).toBe("none");
  });

  it("predict refuses a matrix with the wrong number of features", () => {
    const m = clf.fit(train.X, train.y, clf.params.parse({ max_iter: 2 }), { seed: 0, nClasses: 2 });
    expect(() => m.predict(matrix([[1, 2]]))).toThrow(AlchemistError);
  });
});

describe("hist_gradient_boosting_regressor", () => {
  const rng = createRng(21);
  const n = 1200;
  const x0 = Float64Array.from({ length: n }, () => rng.next() * 6);
  const x1 = Float64Array.from({ length: n }, () => rng.normal());
  const noise = Float64Array.from({ length: n }, () => rng.normal() * 0.1);
  const clean = Float64Array.from(x0, (v, i) => Math.sin(v) + 0.5 * x1[i]!);
  const X = matrix([x0, x1]);
  // 5% gross outliers.
  const y = Float64Array.from(clean, (v, i) => v + noise[i]! + (i % 20 === 0 ? 50 : 0));

  it("fits a smooth function with squared error", () => {
    const yc = Float64Array.from(clean, (v, i) => v + noise[i]!);
    const m = reg.fit(X, yc, reg.params.parse({}), { seed: 0 });
    const p = m.predict(X);
    let se = 0;
    for (let i = 0; i < n; i++) se += (p[i]! - yc[i]!) ** 2;
    expect(Math.sqrt(se / n)).toBeLessThan(0.2);
    expect(m.nClasses).toBeUndefined();
    expect(m.predictProba).toBeUndefined();
  });

  for (const loss of ["absolute_error", "huber"] as const) {
    it(`${loss} reduces its loss round after round and resists outliers`, () => {
      const losses: number[] = [];
      for (const it of [1, 5, 20, 60]) {
        const m = reg.fit(X, y, reg.params.parse({ loss, max_iter: it }), { seed: 0 });
        const p = m.predict(X);
        const delta = 1; // a fixed yardstick for Huber's loss
        losses.push(meanLoss(loss, y, p, null, 1, delta));
      }
      for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThan(losses[i - 1]!);
      // Robust: predictions track the clean signal, unlike squared error pulled up by the outliers.
      const robust = reg.fit(X, y, reg.params.parse({ loss }), { seed: 0 }).predict(X);
      const squared = reg.fit(X, y, reg.params.parse({}), { seed: 0 }).predict(X);
      let eR = 0;
      let eS = 0;
      for (let i = 0; i < n; i++) {
        if (i % 20 === 0) continue;
        eR += Math.abs(robust[i]! - clean[i]!);
        eS += Math.abs(squared[i]! - clean[i]!);
      }
      expect(eR).toBeLessThan(eS);
    });
  }

  it("round-trips through JSON (Huber) bit-identically", () => {
    const m = reg.fit(X, y, reg.params.parse({ loss: "huber", max_iter: 15 }), { seed: 0 });
    const back = roundTrip(reg, m);
    expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
  });

  it("handles NaN features natively at fit and predict", () => {
    const xn = Float64Array.from(x0, (v, i) => (i % 5 === 0 ? Number.NaN : v));
    const m = reg.fit(matrix([xn, x1]), clean, reg.params.parse({ max_iter: 20 }), { seed: 0 });
    const p = m.predict(matrix([[Number.NaN], [0]]));
    expect(Number.isFinite(p[0]!)).toBe(true);
  });
});

describe("WebAssembly kernels", () => {
  it("are available here, with SIMD", () => {
    expect(kernelsUseSimd()).toBe(true);
  });

  it("give bit-identical models to the TypeScript kernels and to the scalar WebAssembly kernels", () => {
    const rng = createRng(31);
    const n = 900;
    const cols = Array.from({ length: 6 }, (_, j) =>
      Float64Array.from({ length: n }, () =>
        rng.next() < 0.05 ? Number.NaN : j === 5 ? rng.int(6) : rng.normal(),
      ),
    );
    const X = matrix(cols, [null, null, null, null, null, 6]);
    const yc = Float64Array.from({ length: n }, (_, i) => (cols[0]![i]! + (cols[5]![i]! % 2) > 0.5 ? 1 : 0));
    const y3 = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 2 : yc[i]!));
    const yr = Float64Array.from(
      { length: n },
      (_, i) => (cols[1]![i]! || 0) * 2 + (Number.isNaN(cols[2]![i]!) ? 1 : 0),
    );
    const fits = () => [
      JSON.stringify(
        clf.fit(X, yc, clf.params.parse({ max_iter: 8, subsample: 0.8 }), { seed: 1, nClasses: 2 }).toJSON(),
      ),
      JSON.stringify(
        clf.fit(X, y3, clf.params.parse({ max_iter: 5, colsample: 0.7 }), { seed: 1, nClasses: 3 }).toJSON(),
      ),
      JSON.stringify(reg.fit(X, yr, reg.params.parse({ max_iter: 8 }), { seed: 1 }).toJSON()),
      JSON.stringify(
        reg
          .fit(X, yr, reg.params.parse({ max_iter: 4, loss: "huber" }), {
            seed: 1,
            sampleWeight: Float64Array.from({ length: n }, (_, i) => 1 + (i % 3)),
          })
          .toJSON(),
      ),
    ];
    const wasm = fits();
    try {
      setWasmKernels(true, false);
      expect(kernelsUseSimd()).toBe(false);
      expect(fits()).toEqual(wasm);
      setWasmKernels(false);
      expect(fits()).toEqual(wasm);
    } finally {
      setWasmKernels(true, true);
    }
  });
});

describe("degenerate inputs", () => {
  it("zero sample weights, zero hessian floor and no L2 still give finite predictions", () => {
    const n = 200;
    const x = Float64Array.from({ length: n }, (_, i) => i % 10);
    const y = Float64Array.from(x, (v) => (v > 4 ? 1 : 0));
    const w = Float64Array.from({ length: n }, (_, i) => (i < 100 ? 0 : 1));
    const params = clf.params.parse({
      min_hessian_leaf: 0,
      l2_regularization: 0,
      min_samples_leaf: 1,
      max_iter: 30,
    });
    const m = clf.fit(matrix([x]), y, params, { seed: 0, nClasses: 2, sampleWeight: w });
    for (const p of m.predictProba!(matrix([x]))) expect(Number.isFinite(p)).toBe(true);
    const allZero = clf.fit(matrix([x]), y, params, {
      seed: 0,
      nClasses: 2,
      sampleWeight: new Float64Array(n),
    });
    for (const p of allZero.predictProba!(matrix([x]))) expect(Number.isFinite(p)).toBe(true);
    const r = reg.fit(matrix([x]), y, reg.params.parse({ min_hessian_leaf: 0 }), {
      seed: 0,
      sampleWeight: new Float64Array(n),
    });
    for (const p of r.predict(matrix([x]))) expect(Number.isFinite(p)).toBe(true);
  });
});
