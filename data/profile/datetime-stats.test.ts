import { describe, expect, it } from "vitest";
import { datetimeStats } from "./datetime-stats.js";
import { inferFrequency } from "./frequency.js";
import { ProfileScratch } from "./scratch.js";

const DAY = 86_400_000;
const utc = (y: number, m: number, d = 1, h = 0) => Date.UTC(y, m, d, h);
const freq = (ts: number[]) => {
  const sorted = Float64Array.from(ts).sort();
  return inferFrequency(sorted, sorted.length, new Float64Array(sorted.length));
};

describe("inferFrequency", () => {
  it("recognises fixed steps", () => {
    const daily = freq(Array.from({ length: 30 }, (_, i) => utc(2020, 0, 1) + i * DAY));
    expect(daily.frequency).toEqual({ alias: "D", description: "daily", regularity: 1 });
    expect(daily.medianStepMs).toBe(DAY);
    expect(freq(Array.from({ length: 10 }, (_, i) => i * 3_600_000)).frequency?.alias).toBe("h");
    expect(freq(Array.from({ length: 10 }, (_, i) => i * 15 * 60_000)).frequency?.alias).toBe("15min");
    expect(freq(Array.from({ length: 10 }, (_, i) => utc(2021, 0, 4) + i * 7 * DAY)).frequency?.alias).toBe(
      "W",
    );
  });

  it("recognises calendar steps anchored at period start or end", () => {
    const starts = Array.from({ length: 24 }, (_, i) => utc(1949, i));
    expect(freq(starts).frequency).toEqual({
      alias: "MS",
      description: "monthly (period start)",
      regularity: 1,
    });
    const ends = Array.from({ length: 24 }, (_, i) => utc(2001, i + 1, 0));
    expect(freq(ends).frequency?.alias).toBe("ME");
    expect(freq(Array.from({ length: 8 }, (_, i) => utc(2000, 3 * i))).frequency?.alias).toBe("QS");
    expect(freq(Array.from({ length: 8 }, (_, i) => utc(1990 + i, 0))).frequency?.alias).toBe("YS");
    expect(freq(Array.from({ length: 12 }, (_, i) => utc(2010, i, 15))).frequency).toMatchObject({
      alias: "M",
      description: "monthly",
    });
  });

  it("recognises business days and rejects irregular series", () => {
    const weekdays: number[] = [];
    for (let d = utc(2024, 0, 1); weekdays.length < 40; d += DAY) {
      const dow = new Date(d).getUTCDay();
      if (dow !== 0 && dow !== 6) weekdays.push(d);
    }
    expect(freq(weekdays).frequency?.alias).toBe("B");
    const irregular = [0, 1, 3, 7, 8, 20, 21, 50, 51, 90].map((d) => d * DAY);
    expect(freq(irregular).frequency).toBeNull();
    expect(freq([0, DAY]).frequency).toBeNull(); // one step says nothing
    expect(freq([5]).medianStepMs).toBeNull();
  });
});

describe("datetimeStats", () => {
  it("profiles a sorted series", () => {
    const v = Float64Array.from([
      utc(2020, 0, 1),
      utc(2020, 1, 1),
      Number.NaN,
      utc(2020, 2, 1),
      utc(2020, 3, 1),
    ]);
    const r = datetimeStats(v, new ProfileScratch());
    expect(r.missing).toBe(1);
    expect(r.cardinality).toBe(4);
    expect(r.stats.min).toBe("2020-01-01T00:00:00.000Z");
    expect(r.stats.max).toBe("2020-04-01T00:00:00.000Z");
    expect(r.stats.monotonic).toBe(true);
    expect(r.stats.frequency?.alias).toBe("MS");
  });

  it("profiles an unsorted series with repeats (counted on a day grid, or hashed)", () => {
    const days = [5, 1, 3, 1, 2, 4, 5, 5, 0, 6, 7, 8, 9, 2];
    for (const offset of [0, 1234]) {
      const v = Float64Array.from(days, (d) => utc(2022, 5, 1) + d * DAY + (d === 9 ? offset : 0));
      const r = datetimeStats(v, new ProfileScratch());
      expect(r.stats.monotonic).toBe(false);
      expect(r.cardinality).toBe(10);
      expect(r.stats.duplicateTimestamps).toBe(4);
      expect(r.modeCount).toBe(3);
      expect(r.stats.min).toBe("2022-06-01T00:00:00.000Z");
      expect(r.stats.frequency?.alias).toBe("D");
    }
  });

  it("treats dates beyond the Date range as missing", () => {
    const r = datetimeStats(Float64Array.from([1e17, 0, Number.NaN]), new ProfileScratch());
    expect(r.missing).toBe(2);
    expect(r.stats.max).toBe("1970-01-01T00:00:00.000Z");
  });
});
