import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { reviveForecaster } from "../../trainers/forecast/index.js";
import { additiveSeries } from "../../trainers/forecast/test-series.js";
import { planRollingOrigin } from "./cv-plan.js";
import type { ForecastTrial } from "./forecast-input.js";
import { prepareSeries } from "./prepare-series.js";
import { searchForecast } from "./search-forecast.js";

const monthly = (n: number) => Float64Array.from({ length: n }, (_, i) => Date.UTC(2000, i, 1));

function codeOf(fn: () => unknown): { code: string; row: unknown } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return { code: e.code, row: e.details.row };
    throw e;
  }
  throw new Error("did not throw");
}

describe("prepareSeries", () => {
  const y = Float64Array.from({ length: 24 }, (_, i) => i);

  it("sorts by time (with a note) and keeps values with their timestamps", () => {
    const t = monthly(24);
    const order = [3, 0, 1, 2, ...Array.from({ length: 20 }, (_, i) => i + 4)];
    const s = prepareSeries(
      Float64Array.from(order, (i) => y[i]!),
      Float64Array.from(order, (i) => t[i]!),
      undefined,
      3,
    );
    expect(Array.from(s.y)).toEqual(Array.from(y));
    expect(s.notes.join(" ")).toMatch(/sorted/);
    expect(s.calendar?.step).toEqual({ unit: "months", months: 1 });
  });

  it("names the row of a duplicate timestamp, a gap, and a missing value", () => {
    const dup = monthly(24);
    dup[7] = dup[6]!;
    expect(codeOf(() => prepareSeries(y, dup, undefined, 3))).toEqual({ code: "INVALID_ARGUMENT", row: 7 });
    const gap = monthly(25).filter((_, i) => i !== 10);
    expect(codeOf(() => prepareSeries(y, gap, undefined, 3))).toEqual({ code: "INVALID_ARGUMENT", row: 10 });
    const missing = Float64Array.from(y);
    missing[5] = Number.NaN;
    expect(codeOf(() => prepareSeries(missing, undefined, undefined, 3))).toEqual({
      code: "MISSING_VALUES",
      row: 5,
    });
  });

  it("ignores exogenous columns without future values, with a note", () => {
    const s = prepareSeries(y, undefined, { names: ["price"], values: [y] }, 3);
    expect(s.exog).toBeUndefined();
    expect(s.notes.join(" ")).toMatch(/price.*ignored/);
  });
});

describe("planRollingOrigin", () => {
  it("keeps every fold's training part ≥ the minimum and its block inside the series", () => {
    for (const [n, h, m] of [
      [115, 29, 12],
      [40, 10, 1],
      [30, 50, 4],
    ] as const) {
      const plan = planRollingOrigin(n, h, m);
      expect(plan.horizon).toBeLessThanOrEqual(h);
      for (const o of plan.origins) {
        expect(o + plan.horizon).toBeLessThanOrEqual(n);
        expect(o).toBeGreaterThanOrEqual(Math.min(plan.minTrain, n - plan.horizon));
      }
      expect(plan.origins[0]).toBe(n - plan.horizon);
    }
  });
});

describe("searchForecast", () => {
  const y = additiveSeries(96, 12, 31, 0.5);

  it("detects the season, ranks candidates, reports trials and forecasts the horizon", async () => {
    const trials: ForecastTrial[] = [];
    const r = await searchForecast({
      y,
      times: monthly(96),
      horizon: 12,
      budgetMs: 6000,
      seed: 1,
      onTrial: (t) => trials.push(t),
    });
    expect(r.seasonLength).toBe(12);
    expect(r.seasonSource).toBe("acf");
    expect(r.forecast.length).toBe(12);
    expect(r.forecastTimes?.[0]).toBe(Date.UTC(2008, 0, 1));
    expect(trials.length).toBeGreaterThan(5);
    const scores = r.leaderboard.map((e) => e.cvScore);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(r.leaderboard.map((e) => e.rank)).toEqual(r.leaderboard.map((_, i) => i + 1));
    // The winner must beat the naive benchmark in CV on a clearly seasonal series.
    const naive = r.leaderboard.find((e) => e.model === "naive")!;
    expect(r.leaderboard[0]!.cvScore).toBeLessThan(naive.cvScore);
    expect(Array.from(reviveForecaster(r.best).forecast(12))).toEqual(Array.from(r.forecast));
  });

  it("stays within a small budget and refuses bad options and a cancelled search", async () => {
    const t0 = performance.now();
    const r = await searchForecast({ y, horizon: 6, seasonLength: 12, budgetMs: 300, metric: "rmse" });
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(r.forecast.length).toBe(6);
    await expect(searchForecast({ y, horizon: 0, budgetMs: 100 })).rejects.toThrow(/horizon/);
    const ac = new AbortController();
    ac.abort();
    await expect(searchForecast({ y, horizon: 6, budgetMs: 1000, signal: ac.signal })).rejects.toMatchObject({
      code: "FIT_CANCELLED",
    });
  });
});
