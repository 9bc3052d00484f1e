import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { nelderMead } from "./nelder-mead.js";
import { acf, detectSeasonLength, seasonalIndices, seasonalStrength } from "./seasonality.js";
import { stl } from "./stl.js";
import { additiveSeries, multiplicativeSeries } from "./test-series.js";
import { applyTransform, guerreroLambda, inverseTransform, resolveTransform } from "./transforms.js";

describe("nelderMead", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const r = nelderMead(
      (x) => (1 - x[0]!) ** 2 + 100 * (x[1]! - x[0]! ** 2) ** 2,
      Float64Array.of(-1.2, 1),
      {
        maxEvals: 5000,
        tol: 1e-14,
      },
    );
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });

  it("treats non-finite values as rejections", () => {
    const r = nelderMead((x) => (x[0]! < 0 ? Number.NaN : (x[0]! - 2) ** 2), Float64Array.of(1));
    expect(r.x[0]).toBeCloseTo(2, 4);
  });
});

describe("transforms", () => {
  const y = multiplicativeSeries(96, 12, 3);

  it("round-trips log and Box-Cox", () => {
    for (const t of [
      { kind: "log" } as const,
      { kind: "boxcox", lambda: 0.37 } as const,
      { kind: "boxcox", lambda: -0.5 } as const,
    ]) {
      const back = inverseTransform(t, applyTransform(t, y));
      for (let i = 0; i < y.length; i++) expect(back[i]).toBeCloseTo(y[i]!, 8);
    }
  });

  it("Guerrero picks λ near 0 when the spread grows with the level, near 1 when it does not", () => {
    expect(Math.abs(guerreroLambda(y, 12))).toBeLessThan(0.35);
    const flat = additiveSeries(96, 12, 4, 0.5, 1);
    expect(guerreroLambda(flat, 12)).toBeGreaterThan(0.7);
  });

  it("refuses log and Box-Cox on a series with values ≤ 0", () => {
    expect(() => resolveTransform("log", Float64Array.of(1, 0, 2), 1)).toThrow(/strictly positive/);
    expect(resolveTransform("none", Float64Array.of(-1, 0), 1)).toEqual({ kind: "none" });
  });
});

describe("seasonality", () => {
  it("detects the period of a trending seasonal series and none in white noise", () => {
    expect(detectSeasonLength(additiveSeries(120, 7, 1)).seasonLength).toBe(7);
    expect(detectSeasonLength(multiplicativeSeries(144, 12, 2)).seasonLength).toBe(12);
    const rng = createRng(5);
    const noise = Float64Array.from({ length: 200 }, () => rng.normal());
    expect(detectSeasonLength(noise).seasonLength).toBe(1);
  });

  it("acf is 1 at lag 0 and near 1 at the period of a pure sine", () => {
    const sine = Float64Array.from({ length: 120 }, (_, t) => Math.sin((2 * Math.PI * t) / 12));
    const r = acf(sine, 12);
    expect(r[0]).toBe(1);
    expect(r[12]!).toBeGreaterThan(0.85);
    expect(r[6]!).toBeLessThan(-0.85);
  });

  it("classical indices recover an additive season; strength separates seasonal from not", () => {
    const y = additiveSeries(96, 12, 6, 0.1);
    const idx = seasonalIndices(y, 12, false);
    for (let j = 0; j < 12; j++) expect(idx[j]!).toBeCloseTo(5 * Math.sin((2 * Math.PI * j) / 12), 0);
    expect(seasonalStrength(y, 12)).toBeGreaterThan(0.9);
    const rng = createRng(9);
    expect(
      seasonalStrength(
        Float64Array.from({ length: 96 }, () => rng.normal()),
        12,
      ),
    ).toBeLessThan(0.5);
  });

  it("STL recovers a generated additive season and adds up", () => {
    const y = additiveSeries(96, 12, 7, 0.1);
    const d = stl(y, 12, { robustPasses: 15 });
    for (let t = 12; t < 84; t++) {
      expect(d.seasonal[t]!).toBeCloseTo(5 * Math.sin((2 * Math.PI * t) / 12), 0);
      expect(d.seasonal[t]! + d.trend[t]! + d.remainder[t]!).toBeCloseTo(y[t]!, 10);
    }
  });
});
