import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import {
  buildCategoricalParzen,
  buildNumericParzen,
  defaultWeights,
  logPdfNumeric,
  sampleNumeric,
} from "./parzen-estimator.js";

describe("defaultWeights", () => {
  it("is flat below 25 observations", () => {
    expect(Array.from(defaultWeights(3))).toEqual([1, 1, 1]);
    expect(defaultWeights(0).length).toBe(0);
  });

  it("ramps the oldest observations up from 1/n beyond 25", () => {
    const w = defaultWeights(30);
    expect(w.length).toBe(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    for (let i = 1; i < 5; i++) expect(w[i]!).toBeGreaterThan(w[i - 1]!);
    for (let i = 5; i < 30; i++) expect(w[i]).toBe(1);
  });
});

describe("buildNumericParzen", () => {
  it("sets bandwidths from neighbour gaps (prior centre included) with the magic clip", () => {
    // Sorted kernels 5, 10, 20, 40, 50 (prior), 70 on [0, 100]; the outermost ones ignore the
    // range ends; min sigma = 100 / min(100, 1 + 6 kernels).
    const p = buildNumericParzen(
      Float64Array.of(40, 5, 70, 10, 20),
      new Float64Array(5).fill(1),
      0,
      100,
      0,
      1,
    );
    const minSigma = 100 / 7;
    expect(Array.from(p.sigmas)).toEqual([20, minSigma, 20, minSigma, 20, 100]);
    expect(p.mus[5]).toBe(50);
    expect(Array.from(p.weights)).toEqual(new Array(6).fill(1 / 6));
  });

  it("clips bandwidths to at most the range", () => {
    const p = buildNumericParzen(Float64Array.of(1), Float64Array.of(1), 0, 1, 0, 1);
    for (const s of p.sigmas) expect(s).toBeLessThanOrEqual(1);
  });

  it("integrates to 1 over a continuous range", () => {
    const p = buildNumericParzen(Float64Array.of(0.1, 0.15, 0.9), Float64Array.of(1, 1, 1), 0, 1, 0, 2);
    const steps = 20000;
    let total = 0;
    for (let i = 0; i < steps; i++) total += Math.exp(logPdfNumeric(p, (i + 0.5) / steps)) / steps;
    expect(total).toBeCloseTo(1, 4);
    expect(logPdfNumeric(p, -0.01)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("gives integer cells masses that sum to 1", () => {
    const p = buildNumericParzen(Float64Array.of(3, 3, 7), Float64Array.of(1, 1, 1), 1, 10, 1, 1);
    let total = 0;
    for (let v = 1; v <= 10; v++) total += Math.exp(logPdfNumeric(p, v));
    expect(total).toBeCloseTo(1, 5);
    expect(logPdfNumeric(p, 3)).toBeGreaterThan(logPdfNumeric(p, 9));
  });

  it("samples inside the range, mostly near the observations", () => {
    const p = buildNumericParzen(new Float64Array(20).fill(2), new Float64Array(20).fill(1), 0, 10, 0, 1);
    const rng = createRng(1);
    let near = 0;
    for (let i = 0; i < 1000; i++) {
      const x = sampleNumeric(p, rng);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(10);
      if (Math.abs(x - 2) < 1) near++;
    }
    expect(near).toBeGreaterThan(700);
  });
});

describe("buildCategoricalParzen", () => {
  it("is uniform without observations", () => {
    expect(Array.from(buildCategoricalParzen(new Int32Array(0), new Float64Array(0), 4, 1))).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
  });

  it("sums to 1 and favours observed categories, never zeroing the others", () => {
    const probs = buildCategoricalParzen(Int32Array.of(2, 2, 0), Float64Array.of(1, 1, 1), 3, 1);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(probs[2]!).toBeGreaterThan(probs[0]!);
    expect(probs[0]!).toBeGreaterThan(probs[1]!);
    expect(probs[1]!).toBeGreaterThan(0);
  });
});
