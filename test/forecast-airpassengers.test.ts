/** The forecasting search on real data: airpassengers, forecast the sealed test block from the end of train. */
import { describe, expect, it } from "vitest";
import { readCsv } from "../data/index.js";
import { scoreForecast, searchForecast } from "../loop/forecast/index.js";
import { fitForecaster } from "../trainers/forecast/index.js";
import { datasetMeta, datasetPath, datasetsAvailable } from "./datasets.js";

function series(file: "train.csv" | "test.csv"): { y: Float64Array; times: Float64Array } {
  const { frame } = readCsv(datasetPath("airpassengers", file));
  const y = frame.columns.find((c) => c.name === "passengers");
  const t = frame.columns.find((c) => c.name === "month");
  if (y?.kind !== "numeric" || t?.kind !== "datetime") throw new Error("unexpected airpassengers columns");
  return { y: y.values, times: t.values };
}

describe.runIf(datasetsAvailable())("airpassengers forecast", () => {
  it("the searched forecast beats seasonal naive on the test block, within its budget", async () => {
    const meta = datasetMeta("airpassengers");
    const train = series("train.csv");
    const test = series("test.csv");
    const horizon = test.y.length;
    const budgetMs = 6000;
    const t0 = performance.now();
    const r = await searchForecast({ y: train.y, times: train.times, horizon, metric: "mase", budgetMs, seed: 0 });
    expect(performance.now() - t0).toBeLessThan(budgetMs + 1500);
    expect(r.seasonLength).toBe(meta.season_length);
    expect(r.forecastTimes?.[0]).toBe(test.times[0]);
    const m = r.seasonLength;
    const snaive = fitForecaster({ model: "seasonal_naive", params: {}, transform: "none" }, train.y, {
      seasonLength: m,
      seed: 0,
    });
    const baseline = scoreForecast("mase", test.y, snaive.forecast(horizon), train.y, m);
    const searched = scoreForecast("mase", test.y, r.forecast, train.y, m);
    expect(searched).toBeLessThan(baseline);
  });
});
