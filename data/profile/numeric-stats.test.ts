import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { numericStats } from "./numeric-stats.js";
import { ProfileScratch } from "./scratch.js";

const stats = (v: number[]) => numericStats(Float64Array.from(v), new ProfileScratch());

describe("numericStats", () => {
  it("matches pandas describe/skew on a mixed series", () => {
    // pandas 1.5.3: s = pd.Series([1.5, nan, -2, 0, 3.25, 10, 0, 7, 100, 2.5, 4, -0.5]);
    // s.mean(), s.std(), s.skew(), s.quantile([...]), IQR outliers, s.nunique()
    const r = stats([1.5, Number.NaN, -2, 0, 3.25, 10, 0, 7, 100, 2.5, 4, -0.5]);
    const s = r.stats;
    expect(r.missing).toBe(1);
    expect(r.cardinality).toBe(10);
    expect(r.modeCount).toBe(2);
    expect(s.finiteCount).toBe(11);
    expect(s.mean).toBeCloseTo(11.431818181818182, 12);
    expect(s.std).toBeCloseTo(29.581685826937523, 12);
    expect(s.skewness).toBeCloseTo(3.2337991745479098, 12);
    const q = s.quantiles!;
    expect([q.p0, q.p1, q.p5, q.p25, q.p50, q.p75, q.p95, q.p99, q.p100]).toEqual([
      -2, -1.85, -1.25, 0, 2.5, 5.5, 55, 91.00000000000003, 100,
    ]);
    expect(s.iqrOutliers).toBe(1);
    expect(s.zeros).toBe(2);
    expect(s.negatives).toBe(2);
    expect(s.integerValued).toBe(false);
    expect(s.strictlyIncreasing).toBe(false);
  });

  it("uses the counting path for integers and matches pandas", () => {
    // pandas: t = pd.Series([3,1,4,1,5,9,2,6,5,3,5,8,9,7,9,3,2,3,8,4]); mean, std, skew, quantiles, nunique, mode count
    const r = stats([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4]);
    expect(r.stats.mean).toBeCloseTo(4.85, 12);
    expect(r.stats.std).toBeCloseTo(2.7003898354048617, 12);
    expect(r.stats.skewness).toBeCloseTo(0.3011803896704844, 12);
    const q = r.stats.quantiles!;
    expect([q.p0, q.p1, q.p5, q.p25, q.p50, q.p75, q.p95, q.p99, q.p100]).toEqual([
      1, 1, 1, 3, 4.5, 7.25, 9, 9, 9,
    ]);
    expect(r.cardinality).toBe(9);
    expect(r.modeCount).toBe(4);
    expect(r.stats.integerValued).toBe(true);
  });

  it("uses the fixed-decimal path and matches pandas", () => {
    // pandas: u = pd.Series([0.12,0.5,0.33,0.12,0.75,0.5,0.12,1.25,0.05,0.33]); mean, std, skew, quantiles, nunique
    const r = stats([0.12, 0.5, 0.33, 0.12, 0.75, 0.5, 0.12, 1.25, 0.05, 0.33]);
    expect(r.stats.mean).toBeCloseTo(0.407, 12);
    expect(r.stats.std).toBeCloseTo(0.36998648623970043, 12);
    expect(r.stats.skewness).toBeCloseTo(1.4361460090838962, 12);
    const q = r.stats.quantiles!;
    const expected = [0.05, 0.0563, 0.0815, 0.12, 0.33, 0.5, 1.0249999999999995, 1.205, 1.25];
    [q.p0, q.p1, q.p5, q.p25, q.p50, q.p75, q.p95, q.p99, q.p100].forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i]!, 12);
    });
    expect(r.cardinality).toBe(6);
  });

  it("agrees across the counting and general paths on large data", () => {
    const rng = createRng(9);
    const ints = Float64Array.from({ length: 50_000 }, () => rng.int(500) - 250);
    const spread = Float64Array.from(ints, (x) => x * Math.PI); // same order, not decimal: general path
    const a = numericStats(ints, new ProfileScratch());
    const b = numericStats(spread, new ProfileScratch());
    expect(b.cardinality).toBe(a.cardinality);
    expect(b.modeCount).toBe(a.modeCount);
    expect(b.stats.quantiles!.p25).toBeCloseTo(a.stats.quantiles!.p25 * Math.PI, 9);
    expect(b.stats.quantiles!.p99).toBeCloseTo(a.stats.quantiles!.p99 * Math.PI, 9);
    expect(b.stats.skewness).toBeCloseTo(a.stats.skewness!, 9);
    expect(b.stats.iqrOutliers).toBe(a.stats.iqrOutliers);
  });

  it("counts infinities apart and keeps the statistics finite", () => {
    const r = stats([1, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY, 3, -0, 0]);
    expect(r.stats.infinite).toBe(2);
    expect(r.stats.finiteCount).toBe(5);
    expect(r.stats.max).toBe(3);
    expect(r.stats.negatives).toBe(1); // -Infinity; -0 is a zero
    expect(r.stats.zeros).toBe(2);
    expect(r.cardinality).toBe(6); // 0 (and -0), 1, 2, 3, +inf, -inf
    expect(r.stats.iqrOutliers).toBe(2);
  });

  it("handles all-missing, single and constant columns", () => {
    const none = stats([Number.NaN, Number.NaN]);
    expect(none.missing).toBe(2);
    expect(none.cardinality).toBe(0);
    expect(none.stats).toMatchObject({ min: null, mean: null, std: null, skewness: null, quantiles: null });
    const one = stats([4]);
    expect(one.stats).toMatchObject({ min: 4, max: 4, mean: 4, std: null, skewness: null });
    const flat = stats([2, 2, 2, 2]);
    expect(flat.stats.std).toBe(0);
    expect(flat.stats.skewness).toBe(0); // pandas returns 0 when the spread is nil
    expect(flat.cardinality).toBe(1);
  });

  it("flags strictly increasing values", () => {
    expect(stats([1, 2, Number.NaN, 5, 9]).stats.strictlyIncreasing).toBe(true);
    expect(stats([1, 2, 2, 5]).stats.strictlyIncreasing).toBe(false);
  });
});
