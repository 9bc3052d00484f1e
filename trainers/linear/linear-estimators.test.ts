import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { isClassifier } from "../estimator.js";
import { LINEAR_ESTIMATORS } from "./index.js";
import { blobs, matrix } from "./test-helpers.js";

const regData = (() => {
  const rows = Array.from({ length: 40 }, (_, i) => [
    Math.sin(0.7 * i),
    Math.cos(1.9 * i),
    Math.sin(3.1 * i + 1),
  ]);
  const y = Float64Array.from(
    rows,
    (r, i) => 3 * (r[0] as number) - (r[1] as number) + 0.05 * Math.cos(5 * i) + 2,
  );
  return { X: matrix(rows), y };
})();

function data(spec: EstimatorSpec) {
  if (!isClassifier(spec)) return { ...regData, ctx: { seed: 3 } as FitContext };
  const { X, y } = blobs(3, 15);
  return { X, y, ctx: { seed: 3, nClasses: 3 } as FitContext };
}

function fitDefault(
  spec: EstimatorSpec,
  X = data(spec).X,
  y = data(spec).y,
  ctx = data(spec).ctx,
): FittedModel {
  return spec.fit(X, y, spec.params.parse({}), ctx);
}

function rmse(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s / a.length);
}

/** Rows with an extra constant column and an all-zero column. */
function withConstantColumns(X: ReturnType<typeof matrix>) {
  const rows = Array.from({ length: X.nRows }, (_, i) => [
    ...Array.from({ length: X.nCols }, (_, j) => X.data[j * X.nRows + i] as number),
    7,
    0,
  ]);
  return matrix(rows);
}

describe.each(LINEAR_ESTIMATORS.map((s) => [s.name, s] as const))("%s", (_name, spec) => {
  const classifier = isClassifier(spec);

  it("parses default params and fits the toy problem well", () => {
    const { X, y } = data(spec);
    const m = fitDefault(spec);
    const pred = m.predict(X);
    expect(pred.length).toBe(X.nRows);
    if (classifier) {
      let correct = 0;
      for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) correct++;
      expect(correct / y.length).toBeGreaterThan(0.85);
    } else {
      // elastic_net and lasso at alpha = 1 shrink hard; the others fit the linear target closely.
      expect(rmse(pred, y)).toBeLessThan(spec.name === "lasso" || spec.name === "elastic_net" ? 2.5 : 0.5);
    }
    const imp = m.featureImportance?.() as Float64Array;
    expect(imp.length).toBe(X.nCols);
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("is deterministic for a seed and round-trips through JSON bit-identically", () => {
    const { X } = data(spec);
    const a = fitDefault(spec);
    const b = fitDefault(spec);
    expect(Array.from(a.predict(X))).toEqual(Array.from(b.predict(X)));
    const back = spec.fromJSON(JSON.parse(JSON.stringify(a.toJSON())) as ModelJSON);
    expect(Array.from(back.predict(X))).toEqual(Array.from(a.predict(X)));
    if (a.predictProba)
      expect(Array.from(back.predictProba?.(X) as Float64Array)).toEqual(Array.from(a.predictProba(X)));
    expect(back.toJSON()).toEqual(a.toJSON());
  });

  it("refuses invalid params with INVALID_PARAMS and NaN features with MISSING_VALUES", () => {
    const schema = z.toJSONSchema(spec.params, { io: "input" }) as {
      properties: Record<string, { minimum?: number; enum?: string[] }>;
    };
    for (const [key, prop] of Object.entries(schema.properties)) {
      const bad = prop.enum ? "not-a-value" : prop.minimum !== undefined ? prop.minimum - 1 : "x";
      expect(spec.params.safeParse({ [key]: bad }).success).toBe(false);
      const { X, y, ctx } = data(spec);
      const raw = { ...spec.params.parse({}), [key]: bad } as never;
      expect(() => spec.fit(X, y, raw, ctx)).toThrow(expect.objectContaining({ code: "INVALID_PARAMS" }));
    }
    const { X, y, ctx } = data(spec);
    const holed = matrix(
      Array.from({ length: X.nRows }, (_, i) =>
        Array.from({ length: X.nCols }, (_, j) => X.data[j * X.nRows + i] as number),
      ),
    );
    holed.data[5] = Number.NaN;
    expect(() => spec.fit(holed, y, spec.params.parse({}), ctx)).toThrow(
      expect.objectContaining({ code: "MISSING_VALUES" }),
    );
    const m = fitDefault(spec);
    expect(() => m.predict(holed)).toThrow(expect.objectContaining({ code: "MISSING_VALUES" }));
  });

  it("copes with constant and all-zero features and with duplicated rows", () => {
    const { X, y, ctx } = data(spec);
    const wide = withConstantColumns(X);
    const m = spec.fit(wide, y, spec.params.parse({}), ctx);
    for (const v of m.predict(wide)) expect(Number.isFinite(v)).toBe(true);
    const twice = matrix(
      Array.from({ length: 2 * X.nRows }, (_, r) =>
        Array.from({ length: X.nCols }, (_, j) => X.data[j * X.nRows + (r % X.nRows)] as number),
      ),
    );
    const y2 = Float64Array.from({ length: 2 * y.length }, (_, r) => y[r % y.length] as number);
    const d = spec.fit(twice, y2, spec.params.parse({}), ctx);
    for (const v of d.predict(X)) expect(Number.isFinite(v)).toBe(true);
  });

  it("fits one and two rows", () => {
    const one = matrix([[0.5, -1, 2]]);
    const two = matrix([
      [0.5, -1, 2],
      [-0.5, 1, 0],
    ]);
    if (classifier) {
      const m1 = spec.fit(one, Float64Array.of(1), spec.params.parse({}), { seed: 0, nClasses: 3 });
      expect(Array.from(m1.predict(two))).toEqual([1, 1]);
      const m2 = spec.fit(two, Float64Array.of(0, 2), spec.params.parse({}), { seed: 0, nClasses: 3 });
      for (const v of m2.predict(two)) expect([0, 2]).toContain(v);
    } else {
      const m1 = spec.fit(one, Float64Array.of(4), spec.params.parse({}), { seed: 0 });
      for (const v of m1.predict(two)) expect(Number.isFinite(v)).toBe(true);
      const m2 = spec.fit(two, Float64Array.of(1, 3), spec.params.parse({}), { seed: 0 });
      for (const v of m2.predict(two)) expect(Number.isFinite(v)).toBe(true);
    }
  });

  if (classifier) {
    it("works when some class indices never occur in y", () => {
      const { X, y } = blobs(3, 15);
      // Classes 0, 1, 2 become 0, 2, 3 of five; 1 and 4 are absent.
      const sparse = Float64Array.from(y, (v) => [0, 2, 3][v] as number);
      const m = spec.fit(X, sparse, spec.params.parse({}), { seed: 1, nClasses: 5 });
      const pred = m.predict(X);
      for (const v of pred) expect([0, 2, 3]).toContain(v);
      if (m.predictProba) {
        const proba = m.predictProba(X);
        expect(proba.length).toBe(X.nRows * 5);
        for (let i = 0; i < X.nRows; i++) {
          expect(proba[i * 5 + 1]).toBe(0);
          expect(proba[i * 5 + 4]).toBe(0);
          let s = 0;
          for (let k = 0; k < 5; k++) s += proba[i * 5 + k] as number;
          expect(s).toBeCloseTo(1, 12);
        }
      }
      const single = spec.fit(X, new Float64Array(X.nRows).fill(2), spec.params.parse({}), {
        seed: 1,
        nClasses: 3,
      });
      expect(new Set(single.predict(X))).toEqual(new Set([2]));
      // Binary on the two-class subset.
      const binary = spec.fit(
        X,
        Float64Array.from(y, (v) => (v === 0 ? 0 : 1)),
        spec.params.parse({}),
        { seed: 1, nClasses: 2 },
      );
      expect(new Set(binary.predict(X)).size).toBe(2);
    });
  }

  if (spec.tags.sampleWeights) {
    it("weights rows (zero weight is the same as dropping the row)", () => {
      const { X, y, ctx } = data(spec);
      const n = X.nRows;
      const w = new Float64Array(n).fill(1);
      w[0] = 0;
      w[7] = 0;
      const keep = Array.from({ length: n }, (_, i) => i).filter((i) => (w[i] as number) > 0);
      const sub = matrix(
        keep.map((i) => Array.from({ length: X.nCols }, (_, j) => X.data[j * n + i] as number)),
      );
      const ySub = Float64Array.from(keep, (i) => y[i] as number);
      const weighted = spec.fit(X, y, spec.params.parse({}), { ...ctx, sampleWeight: w });
      const dropped = spec.fit(sub, ySub, spec.params.parse({}), ctx);
      // Stochastic solvers draw a different row order, so only the deterministic ones must agree closely.
      const stochastic = spec.name.startsWith("sgd") || spec.name === "linear_svr";
      const a = weighted.predict(X);
      const b = dropped.predict(X);
      if (!stochastic) {
        if (classifier) expect(Array.from(a)).toEqual(Array.from(b));
        else expect(rmse(a, b)).toBeLessThan(1e-6);
      }
      expect(() =>
        spec.fit(X, y, spec.params.parse({}), { ...ctx, sampleWeight: new Float64Array(n) }),
      ).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    });
  }
});

describe("cross-field parameter rules", () => {
  const { X, y } = blobs(2, 10);
  const ctx = { seed: 0, nClasses: 2 };
  const lda = LINEAR_ESTIMATORS.find((s) => s.name === "lda") as EstimatorSpec;
  const svc = LINEAR_ESTIMATORS.find((s) => s.name === "linear_svc") as EstimatorSpec;
  const svr = LINEAR_ESTIMATORS.find((s) => s.name === "linear_svr") as EstimatorSpec;

  it("refuse combinations the solvers cannot honour", () => {
    const invalid = expect.objectContaining({ code: "INVALID_PARAMS" });
    expect(() => lda.fit(X, y, lda.params.parse({ solver: "svd", shrinkage: "auto" }), ctx)).toThrow(invalid);
    expect(() => svc.fit(X, y, svc.params.parse({ solver: "primal_lbfgs", loss: "hinge" }), ctx)).toThrow(
      invalid,
    );
    expect(() => svr.fit(X, y, svr.params.parse({ solver: "primal_lbfgs" }), { seed: 0 })).toThrow(invalid);
  });

  it("lda with shrinkage picks lsqr under solver auto", () => {
    const m = lda.fit(X, y, lda.params.parse({ shrinkage: "auto" }), ctx);
    expect(m.predictProba?.(X).length).toBe(2 * X.nRows);
  });
});
