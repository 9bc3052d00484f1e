import { describe, expect, it } from "vitest";
import type { CategoricalColumn, TextColumn } from "../frame.js";
import { categoricalStats, countLevels, textStats, topIndices } from "./categorical-stats.js";

describe("categorical statistics", () => {
  it("counts levels, missing and codes outside the dictionary", () => {
    const lc = countLevels(Int32Array.from([0, 1, 1, -1, 2, 7, 1]), 4);
    expect(Array.from(lc.counts)).toEqual([1, 3, 1, 0]);
    expect(lc).toMatchObject({ missing: 2, nonMissing: 5, cardinality: 3, modeCount: 3 });
  });

  it("lists the top levels by count, ties in level order", () => {
    expect(topIndices(Int32Array.from([2, 5, 2, 0, 5, 1]), 3)).toEqual([1, 4, 0]);
    expect(topIndices(Int32Array.from([0, 0]), 3)).toEqual([]);
  });

  it("reports top levels with rates and rare levels", () => {
    // 200 rows: 'a' 150, 'b' 47, 'c' 1, 'd' 1, 'e' 1 (unused level 'z'); rare = fewer than max(2, 1% of 200) rows
    const codes = [...Array(150).fill(0), ...Array(47).fill(1), 2, 3, 4];
    const col: CategoricalColumn = {
      kind: "categorical",
      name: "c",
      codes: Int32Array.from(codes),
      levels: ["a", "b", "c", "d", "e", "z"],
    };
    const { stats, levels } = categoricalStats(col);
    expect(levels.cardinality).toBe(5);
    expect(stats.declaredLevels).toBe(6);
    expect(stats.rareLevels).toBe(3);
    expect(stats.topLevels[0]).toEqual({ level: "a", count: 150, rate: 0.75 });
    expect(stats.topLevels.map((l) => l.level)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("measures text lengths over rows", () => {
    const col: TextColumn = {
      kind: "text",
      name: "t",
      codes: Int32Array.from([0, 0, 1, -1, 2]),
      levels: ["hi", "hello world", "", "never used at all"],
    };
    const { stats } = textStats(col);
    expect(stats.lengthMin).toBe(0);
    expect(stats.lengthMax).toBe(11);
    expect(stats.lengthMean).toBeCloseTo((2 + 2 + 11 + 0) / 4, 12);
  });
});
