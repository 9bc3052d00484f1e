import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { distinctFloat64 } from "./distinct.js";
import { ProfileScratch } from "./scratch.js";

function run(values: number[], withUniques = false) {
  const scratch = new ProfileScratch();
  const buf = scratch.values(values.length);
  buf.set(values);
  const uniques = withUniques ? new Float64Array(values.length) : undefined;
  const r = distinctFloat64(buf, scratch.valuesBits(), values.length, scratch, uniques);
  return { ...r, uniques: uniques ? Array.from(uniques.subarray(0, r.distinct)).sort((a, b) => a - b) : [] };
}

function expected(values: number[]) {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let modeCount = 0;
  for (const c of counts.values()) modeCount = Math.max(modeCount, c);
  return { distinct: counts.size, modeCount };
}

describe("distinctFloat64", () => {
  it("counts distinct values and the mode (small, one table)", () => {
    const v = [3, 1.5, 3, -2, 1.5, 3, Number.POSITIVE_INFINITY, 0];
    expect(run(v, true)).toEqual({
      distinct: 5,
      modeCount: 3,
      uniques: [-2, 0, 1.5, 3, Number.POSITIVE_INFINITY],
    });
    expect(run([])).toEqual({ distinct: 0, modeCount: 0, uniques: [] });
  });

  it("agrees with a Set on large inputs (hash partitions)", () => {
    const rng = createRng(5);
    // + 0 folds -0 into 0, as callers must (equal values need equal bits).
    const wide = Array.from({ length: 60_000 }, () => Math.round(rng.normal() * 1e5) / 7 + 0);
    const narrow = Array.from({ length: 30_000 }, () => rng.int(37) * 0.25);
    for (const v of [wide, narrow]) {
      const r = run(v, true);
      expect({ distinct: r.distinct, modeCount: r.modeCount }).toEqual(expected(v));
      expect(r.uniques).toEqual([...new Set(v)].sort((a, b) => a - b));
    }
  });
});
