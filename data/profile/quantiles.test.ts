import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import {
  interpolateQuantiles,
  lerp,
  orderStatistics,
  QUANTILE_PROBS,
  quantilePosition,
  ranksFor,
} from "./quantiles.js";
import { selectInPlace, selectRanks } from "./select.js";

/** Reference: numpy "linear" quantiles over a full sort. */
function reference(values: Float64Array, probs: readonly number[]): number[] {
  const s = Float64Array.from(values).sort();
  return interpolateQuantiles(s.length, probs, (r) => s[r]!);
}

function viaSelection(values: Float64Array, probs: readonly number[]): number[] {
  const m = values.length;
  const ranks = ranksFor(m, probs);
  const byRank = orderStatistics(values, m, ranks, new Float64Array(m));
  return interpolateQuantiles(m, probs, (r) => byRank.get(r)!);
}

describe("quantilePosition / lerp", () => {
  it("follows numpy's linear method", () => {
    expect(quantilePosition(5, 0)).toEqual({ lo: 0, hi: 1, t: 0 });
    expect(quantilePosition(5, 1)).toEqual({ lo: 4, hi: 4, t: 0 });
    expect(quantilePosition(5, 0.25)).toEqual({ lo: 1, hi: 2, t: 0 });
    expect(quantilePosition(11, 0.01)).toEqual({ lo: 0, hi: 1, t: 0.1 });
    expect(lerp(1, 3, 0.25)).toBe(1.5);
    expect(lerp(1, 3, 0.75)).toBe(2.5);
  });
});

describe("orderStatistics", () => {
  it("matches pandas on a small series", () => {
    // pandas: pd.Series([1.5, -2, 0, 3.25, 10, 0, 7, 100, 2.5, 4, -0.5]).quantile([0,.01,.05,.25,.5,.75,.95,.99,1])
    const v = Float64Array.from([1.5, -2, 0, 3.25, 10, 0, 7, 100, 2.5, 4, -0.5]);
    const q = viaSelection(v, QUANTILE_PROBS);
    expect(q).toEqual([-2.0, -1.85, -1.25, 0.0, 2.5, 5.5, 55.0, 91.00000000000003, 100.0]);
  });

  it("is exact on large inputs (sample brackets) and leaves the input untouched", () => {
    const rng = createRng(7);
    const v = new Float64Array(80_000);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal() * 3 + (rng.next() < 0.1 ? 50 : 0);
    const copy = Float64Array.from(v);
    expect(viaSelection(v, QUANTILE_PROBS)).toEqual(reference(v, QUANTILE_PROBS));
    expect(v).toEqual(copy);
  });

  it("is exact on sorted, reversed and tie-heavy inputs (where brackets may miss)", () => {
    const n = 60_000;
    const sorted = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const reversed = Float64Array.from({ length: n }, (_, i) => (n - i) * 0.5);
    const rng = createRng(3);
    const ties = Float64Array.from({ length: n }, () => [0.1, 0.2, 7.7][rng.int(3)]!);
    const probs = [0, 0.013, 0.25, 0.5, 0.731, 0.99, 1];
    for (const v of [sorted, reversed, ties]) expect(viaSelection(v, probs)).toEqual(reference(v, probs));
  });

  it("is exact with more brackets than the branch-free pass handles", () => {
    const rng = createRng(12);
    const v = Float64Array.from({ length: 50_000 }, () => rng.next() ** 3);
    const probs = Array.from({ length: 21 }, (_, i) => i / 20);
    expect(viaSelection(v, probs)).toEqual(reference(v, probs));
  });
});

describe("select", () => {
  it("puts the k-th order statistic at k", () => {
    const rng = createRng(11);
    const a = Float64Array.from({ length: 5000 }, () => rng.next());
    const sorted = Float64Array.from(a).sort();
    const b = Float64Array.from(a);
    selectInPlace(b, 1234, 0, b.length - 1);
    expect(b[1234]).toBe(sorted[1234]);
    const c = Float64Array.from(a);
    selectRanks(c, c.length, [0, 17, 2500, 4999]);
    for (const k of [0, 17, 2500, 4999]) expect(c[k]).toBe(sorted[k]);
  });
});
