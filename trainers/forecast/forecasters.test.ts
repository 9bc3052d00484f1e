import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { arimaSummary, fitArima, pacfToCoefs } from "./arima.js";
import { chooseDifferencing, fitAutoArima, kpssStatistic } from "./arima-search.js";
import { etsParameters, fitEts } from "./ets.js";
import { fitForecaster, type ForecastSpec, reviveForecaster } from "./fit-forecaster.js";
import { fitNaive } from "./naive.js";
import { additiveSeries, ar1Series, meanAbsError, multiplicativeSeries } from "./test-series.js";

const split = (y: Float64Array, h: number) =>
  [y.subarray(0, y.length - h), y.subarray(y.length - h)] as const;

describe("benchmarks", () => {
  it("naive, seasonal naive and drift forecast what they promise", () => {
    const y = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
    expect(Array.from(fitNaive("naive", y, 1).forecast(2))).toEqual([7, 7]);
    expect(Array.from(fitNaive("seasonal_naive", y, 3).forecast(4))).toEqual([5, 6, 7, 5]);
    expect(Array.from(fitNaive("drift", y, 1).forecast(2))).toEqual([8, 9]);
  });
});

describe("exponential smoothing", () => {
  it("Holt-Winters multiplicative recovers a generated multiplicative season better than (seasonal) naive", () => {
    const [train, test] = split(multiplicativeSeries(120, 12, 11), 24);
    const hw = meanAbsError(test, fitEts(train, { trend: "add", season: "mul" }, 12).forecast(24));
    expect(hw).toBeLessThan(0.5 * meanAbsError(test, fitNaive("naive", train, 1).forecast(24)));
    expect(hw).toBeLessThan(0.5 * meanAbsError(test, fitNaive("seasonal_naive", train, 12).forecast(24)));
  });

  it("Holt extends a linear trend and SES smooths noise around a level", () => {
    const line = Float64Array.from({ length: 40 }, (_, t) => 3 + 2 * t);
    const fc = fitEts(line, { trend: "add", season: "none" }, 1).forecast(3);
    expect(fc[0]).toBeCloseTo(83, 1);
    expect(fc[2]).toBeCloseTo(87, 1);
    const rng = createRng(2);
    const flat = Float64Array.from({ length: 200 }, () => 10 + rng.normal());
    const ses = fitEts(flat, { trend: "none", season: "none" }, 1);
    expect(etsParameters(ses.state()).alpha).toBeLessThan(0.3);
    expect(Math.abs(ses.forecast(1)[0]! - 10)).toBeLessThan(0.5);
  });

  it("a damped trend flattens: its increments shrink with the horizon", () => {
    const y = additiveSeries(60, 1, 3, 0.3, 0.5);
    const fc = fitEts(y, { trend: "damped", season: "none" }, 1).forecast(40);
    expect(Math.abs(fc[39]! - fc[38]!)).toBeLessThan(Math.abs(fc[1]! - fc[0]!));
  });

  it("refuses a seasonal model on fewer than two seasons", () => {
    expect(() => fitEts(new Float64Array(20).fill(1), { trend: "none", season: "add" }, 12)).toThrow(
      /two seasons/,
    );
  });
});

describe("ARIMA", () => {
  it("finds φ near the truth on a generated AR(1)", () => {
    for (const phi of [0.7, -0.5]) {
      const fit = fitArima(
        ar1Series(600, phi, 21),
        { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, constant: true },
        1,
      );
      const s = arimaSummary(fit.state());
      expect(Math.abs(s.ar[0]! - phi)).toBeLessThan(0.08);
      expect(Math.abs(s.mean)).toBeLessThan(0.3);
    }
  });

  it("maps partial autocorrelations to stationary AR coefficients", () => {
    const c = pacfToCoefs(Float64Array.of(0.5, 0.3));
    // Durbin-Levinson: φ2 = r2, φ1 = r1 − r2·r1.
    expect(c[1]).toBeCloseTo(0.3, 12);
    expect(c[0]).toBeCloseTo(0.5 - 0.3 * 0.5, 12);
  });

  it("KPSS rejects a random walk and accepts white noise; the search differences a seasonal trend", () => {
    const rng = createRng(4);
    const noise = Float64Array.from({ length: 200 }, () => rng.normal());
    let acc = 0;
    const walk = Float64Array.from({ length: 200 }, () => (acc += rng.normal()));
    expect(kpssStatistic(noise)).toBeLessThan(0.463);
    expect(kpssStatistic(walk)).toBeGreaterThan(0.463);
    const seasonal = additiveSeries(96, 12, 5, 0.3);
    expect(chooseDifferencing(seasonal, 12).D).toBe(1);
  });

  it("a seasonal ARIMA forecasts a trending season well, and auto_arima does too", () => {
    const [train, test] = split(additiveSeries(108, 12, 8, 0.5), 24);
    const naive = meanAbsError(test, fitNaive("seasonal_naive", train, 12).forecast(24));
    const airline = fitArima(train, { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, constant: false }, 12);
    expect(meanAbsError(test, airline.forecast(24))).toBeLessThan(naive);
    expect(meanAbsError(test, fitAutoArima(train, 12).forecast(24))).toBeLessThan(naive);
  });
});

describe("decomposition and gradient boosting", () => {
  it("STL + drift and GBDT beat naive on a seasonal trend", () => {
    const [train, test] = split(additiveSeries(120, 12, 13, 0.5), 24);
    const naive = meanAbsError(test, fitNaive("naive", train, 1).forecast(24));
    const ctx = { seasonLength: 12, seed: 1 };
    for (const spec of [
      {
        model: "decomposition",
        params: { extraction: "stl", season: "add", method: "drift" },
        transform: "none",
      },
      { model: "gbdt", params: { differencing: "seasonal" }, transform: "none" },
    ] satisfies ForecastSpec[]) {
      expect(meanAbsError(test, fitForecaster(spec, train, ctx).forecast(24))).toBeLessThan(0.5 * naive);
    }
  });

  it("GBDT reads exogenous columns: a driven series is forecast far better with them", () => {
    const rng = createRng(17);
    const n = 160;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from({ length: n }, (_, t) => 50 + 8 * x[t]! + 0.2 * rng.normal());
    const h = 20;
    const train = y.subarray(0, n - h);
    const test = y.subarray(n - h);
    for (const differencing of ["none", "first"] as const) {
      const spec: ForecastSpec = { model: "gbdt", params: { differencing, lags: 2 }, transform: "none" };
      const exog = { names: ["x"], columns: [x.subarray(0, n - h)] };
      const withExog = fitForecaster(spec, train, { seasonLength: 1, seed: 1, exog });
      expect(withExog.exogNames).toEqual(["x"]);
      const future = [x.subarray(n - h)];
      const a = meanAbsError(test, withExog.forecast(h, future));
      const b = meanAbsError(test, fitForecaster(spec, train, { seasonLength: 1, seed: 1 }).forecast(h));
      expect(a).toBeLessThan(0.5 * b);
      const back = reviveForecaster(JSON.parse(JSON.stringify(withExog.toJSON())));
      expect(Array.from(back.forecast(h, future))).toEqual(Array.from(withExog.forecast(h, future)));
      expect(() => withExog.forecast(h)).toThrow(/future exogenous/);
    }
  });
});

describe("serialisation", () => {
  it("every family round-trips through JSON to identical forecasts", () => {
    const y = multiplicativeSeries(72, 12, 23);
    const specs: ForecastSpec[] = [
      { model: "naive", params: {}, transform: "none" },
      { model: "seasonal_naive", params: {}, transform: "none" },
      { model: "drift", params: {}, transform: "log" },
      { model: "ets", params: { trend: "damped", season: "mul" }, transform: "none" },
      { model: "ets", params: { trend: "add", season: "add" }, transform: "boxcox" },
      { model: "arima", params: { p: 1, d: 1, q: 1, P: 0, D: 1, Q: 1, constant: false }, transform: "log" },
      {
        model: "decomposition",
        params: { extraction: "stl", season: "add", method: "theta" },
        transform: "log",
      },
      {
        model: "decomposition",
        params: { extraction: "classical", season: "mul", method: "arima_drift" },
        transform: "none",
      },
      { model: "gbdt", params: { differencing: "first", max_iter: 30 }, transform: "log" },
    ];
    specs.push({ model: "ensemble", params: { members: specs.slice(2, 5) }, transform: "none" });
    for (const spec of specs) {
      const f = fitForecaster(spec, y, { seasonLength: 12, seed: 3 });
      const back = reviveForecaster(JSON.parse(JSON.stringify(f.toJSON())));
      expect(back.label).toBe(f.label);
      expect(Array.from(back.forecast(15))).toEqual(Array.from(f.forecast(15)));
    }
    expect(() => reviveForecaster({ format: "x" })).toThrow(/Not a serialised forecaster/);
  });
});
