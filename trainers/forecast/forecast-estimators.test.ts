import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix } from "../../data/preprocess/index.js";
import { etsForecaster, gbdtForecaster, resolveSeasonLength } from "./forecast-estimators.js";

describe("forecast registry adapters", () => {
  it("gbdt_forecast reads X's columns as exogenous regressors, with their future values at predict", () => {
    const rng = createRng(1);
    const n = 200;
    const h = 20;
    const x = Float64Array.from({ length: n + h }, () => (rng.next() < 0.5 ? 0 : 10));
    const y = Float64Array.from({ length: n }, (_, i) => 50 + (x[i] as number) + rng.next());
    const X = createFeatureMatrix(n, ["promo"], undefined, x.slice(0, n));
    const future = createFeatureMatrix(h, ["promo"], undefined, x.slice(n));
    const m = gbdtForecaster.fit(X, y, gbdtForecaster.params.parse({}), { seed: 0 });
    const f = m.predict(future);
    // The forecast follows the future promo: high where it is on, low where it is off.
    for (let i = 0; i < h; i++) {
      const expected = 50.5 + (x[n + i] as number);
      expect(Math.abs((f[i] as number) - expected)).toBeLessThan(3);
    }
    expect(() => m.predict(createFeatureMatrix(h, []))).toThrow(/features/);
  });

  it("ets drops a season the series cannot support instead of failing", () => {
    const y = Float64Array.from({ length: 12 }, (_, i) => 10 + i);
    const m = etsForecaster.fit(
      createFeatureMatrix(12, []),
      y,
      etsForecaster.params.parse({ season_length: 12 }),
      {
        seed: 0,
      },
    );
    expect(m.predict(createFeatureMatrix(3, []))).toHaveLength(3);
    expect((m.toJSON().state as { label: string }).label).toBe("ets(A,Ad,N)");
  });

  it("season length: the given one, 1 when not longer than a season, else detected", () => {
    const y = Float64Array.from({ length: 96 }, (_, i) => Math.sin((2 * Math.PI * i) / 12) * 10 + i);
    expect(resolveSeasonLength(y, 0)).toBe(12);
    expect(resolveSeasonLength(y, 7)).toBe(7);
    expect(resolveSeasonLength(y.subarray(0, 10), 12)).toBe(1);
  });
});
