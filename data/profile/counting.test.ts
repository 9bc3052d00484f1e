import { describe, expect, it } from "vitest";
import { countable, countDecimals, countUnits, guessDecimals } from "./counting.js";
import { ProfileScratch } from "./scratch.js";

describe("counting fast paths", () => {
  it("guesses the decimals that write every value exactly", () => {
    expect(guessDecimals(Float64Array.from([1, 2, 3]), 3)).toBe(0);
    expect(guessDecimals(Float64Array.from([1.5, 2.25, 0.1]), 3)).toBe(2);
    expect(guessDecimals(Float64Array.from([Math.PI]), 1)).toBe(-1);
  });

  it("counts fixed decimals: distinct, mode, exact order statistics", () => {
    const v = Float64Array.from([0.12, 0.5, 0.33, 0.12, 0.75, 0.5, 0.12, 1.25, 0.05, 0.33]);
    const r = countDecimals(v, v.length, 0.05, 1.25, 2, [0, 4, 9], new ProfileScratch());
    expect(r).not.toBeNull();
    expect(r!.distinct).toBe(6);
    expect(r!.modeCount).toBe(3);
    expect([...r!.byRank]).toEqual([
      [0, 0.05],
      [4, 0.33],
      [9, 1.25],
    ]);
  });

  it("gives up when a value is off the grid", () => {
    const v = Float64Array.from([0.5, 0.25, 0.125]);
    expect(countDecimals(v, 3, 0.125, 0.5, 2, [], new ProfileScratch())).toBeNull();
    expect(countUnits(v, 3, 0.125, 0.5, 0.25, new ProfileScratch())).toBeNull();
  });

  it("counts timestamps on a unit grid and lists the sorted uniques", () => {
    const day = 86_400_000;
    const v = Float64Array.from([3 * day, 0, 3 * day, day]);
    const uniques = new Float64Array(4);
    const r = countUnits(v, 4, 0, 3 * day, day, new ProfileScratch(), uniques);
    expect(r?.distinct).toBe(3);
    expect(r?.modeCount).toBe(2);
    expect(Array.from(uniques.subarray(0, 3))).toEqual([0, day, 3 * day]);
  });

  it("only counts spans of a few steps per value", () => {
    expect(countable(4000, 1000)).toBe(true);
    expect(countable(1e7, 1000)).toBe(false);
  });
});
