import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { logCdf, logMass, sampleTruncatedNormal } from "./truncated-normal.js";

// Reference values from scipy.stats.norm (logcdf, logsf) in float64.
describe("logMass", () => {
  it.each([
    [-1, 1, -0.38171514630212616],
    [0.5, 2, -1.2525070775159306],
    [3, 4, -6.631467786538225],
    [8, 9, -35.01361859343716],
    [-9, -8, -35.01361859343716],
    [-40, -39, -765.0831565643776],
    [20, 20.5, -203.91719446460903],
    [-2, 0.3, -0.518922834136064],
    [1, 1.0005, -9.020091023990755],
    [Number.NEGATIVE_INFINITY, 0.7, -0.2770239422771313],
  ])("log(Φ(%d) − Φ(%d)) matches scipy", (a, b, expected) => {
    expect(logMass(a, b)).toBeCloseTo(expected, 5);
  });

  it("keeps the tiny complement of a wide interval", () => {
    const v = logMass(-5, 5);
    expect(Math.abs(v - -5.733033080966969e-7) / 5.733033080966969e-7).toBeLessThan(1e-5);
  });

  it("is -Infinity for an empty interval", () => {
    expect(logMass(1, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logMass(2, 1)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("logCdf", () => {
  it.each([
    [-30, -454.32124395634327],
    [-5, -15.064998393988727],
    [-1, -1.841021645009264],
    [0, -Math.LN2],
    [1, -0.17275377902344985],
  ])("log Φ(%d) matches scipy", (z, expected) => {
    expect(logCdf(z)).toBeCloseTo(expected, 5);
  });
});

describe("sampleTruncatedNormal", () => {
  it("stays inside the interval and is centred where the kernel is", () => {
    const rng = createRng(3);
    let sum = 0;
    const n = 4000;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const x = sampleTruncatedNormal(rng, 0.5, 0.1, 0, 1);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      sum += x;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(sum / n).toBeCloseTo(0.5, 1);
  });

  it("respects a bound that cuts the kernel in half", () => {
    const rng = createRng(4);
    for (let i = 0; i < 500; i++) expect(sampleTruncatedNormal(rng, 0, 1, 0, 3)).toBeGreaterThanOrEqual(0);
  });
});
