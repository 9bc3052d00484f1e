import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { type Column, createFrame } from "../frame.js";
import { type FeatureMatrix, featureColumn, featureIndex } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import type { StepInput } from "./step-schema.js";

const dt = (name: string, v: number[]): Column => ({ kind: "datetime", name, values: Float64Array.from(v) });
const col = (X: FeatureMatrix, name: string) => {
  const j = featureIndex(X, name);
  if (j < 0) throw new Error(`no feature ${name} in ${X.featureNames.join(",")}`);
  return Array.from(featureColumn(X, j));
};
const fitSteps = (steps: StepInput[], columns: Column[]) =>
  fitPreprocessor(steps, createFrame(columns), { seed: 0 });
const ALL = [
  "year",
  "month",
  "day",
  "day_of_week",
  "day_of_year",
  "hour",
  "minute",
  "epoch_days",
  "is_weekend",
] as const;

describe("datetime_features", () => {
  const stamps = [
    Date.UTC(2024, 1, 29, 13, 45), // Thursday, leap day
    Date.UTC(1969, 11, 31, 23, 0), // Wednesday, before the epoch
    Date.UTC(2000, 0, 1, 0, 0), // Saturday
    Number.NaN,
  ];

  it("extracts UTC parts by hand (Monday = 0); missing stays NaN", () => {
    const { train } = fitSteps([{ type: "datetime_features", features: [...ALL] }], [dt("t", stamps)]);
    expect(train.X.featureNames).toEqual(ALL.map((p) => `t__${p}`));
    expect(col(train.X, "t__year")).toEqual([2024, 1969, 2000, Number.NaN]);
    expect(col(train.X, "t__month")).toEqual([2, 12, 1, Number.NaN]);
    expect(col(train.X, "t__day")).toEqual([29, 31, 1, Number.NaN]);
    expect(col(train.X, "t__day_of_week")).toEqual([3, 2, 5, Number.NaN]);
    expect(col(train.X, "t__day_of_year")).toEqual([60, 365, 1, Number.NaN]);
    expect(col(train.X, "t__hour")).toEqual([13, 23, 0, Number.NaN]);
    expect(col(train.X, "t__minute")).toEqual([45, 0, 0, Number.NaN]);
    expect(col(train.X, "t__is_weekend")).toEqual([0, 0, 1, Number.NaN]);
    expect(col(train.X, "t__epoch_days")[1]).toBeCloseTo(-1 / 24, 12);
  });

  it("agrees with Date's UTC getters over a wide range of instants", () => {
    const rng = createRng(11);
    const ms = Array.from({ length: 500 }, () => Math.round((rng.next() * 2 - 1) * 1e13));
    const { train } = fitSteps(
      [{ type: "datetime_features", features: [...ALL], drop_constant: false }],
      [dt("t", ms)],
    );
    const year = col(train.X, "t__year");
    const month = col(train.X, "t__month");
    const day = col(train.X, "t__day");
    const dow = col(train.X, "t__day_of_week");
    const doy = col(train.X, "t__day_of_year");
    const hour = col(train.X, "t__hour");
    const minute = col(train.X, "t__minute");
    ms.forEach((m, i) => {
      const d = new Date(m);
      expect([year[i], month[i], day[i], dow[i], hour[i], minute[i]]).toEqual([
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        (d.getUTCDay() + 6) % 7,
        d.getUTCHours(),
        d.getUTCMinutes(),
      ]);
      expect(doy[i]).toBe(
        Math.round(
          (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) -
            Date.UTC(d.getUTCFullYear(), 0, 1)) /
            86_400_000,
        ) + 1,
      );
    });
  });

  it("drops parts constant on the fit rows and adds sin/cos pairs", () => {
    const dates = [Date.UTC(2021, 0, 4), Date.UTC(2021, 3, 7), Date.UTC(2021, 6, 10)];
    const { preprocessor, train } = fitSteps(
      [{ type: "datetime_features", features: ["year", "month", "hour"], cyclic: true }],
      [dt("d", dates)],
    );
    // year and hour are constant here; month stays, with its cycle (January → angle 0).
    expect(train.X.featureNames).toEqual(["d__month", "d__month_sin", "d__month_cos"]);
    expect(col(train.X, "d__month_sin")[0]).toBe(0);
    expect(col(train.X, "d__month_cos")[0]).toBe(1);
    expect(col(train.X, "d__month_sin")[1]).toBeCloseTo(Math.sin((2 * Math.PI * 3) / 12), 12);
    // New rows keep the fitted feature list even where they vary.
    const X = preprocessor.transform(createFrame([dt("d", [Date.UTC(1999, 9, 1, 5)])]));
    expect(X.featureNames).toEqual(train.X.featureNames);
    expect(col(X, "d__month")).toEqual([10]);
  });

  it("refuses a non-datetime column by name", () => {
    const n: Column = { kind: "numeric", name: "n", values: Float64Array.from([1]) };
    expect(() => fitSteps([{ type: "datetime_features", columns: ["n"] }], [n])).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC", details: { column: "n", parameter: "columns" } }),
    );
  });
});
