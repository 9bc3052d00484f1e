import { describe, expect, it } from "vitest";
import { isAlchemistError } from "../../core/errors.js";
import { blendPredictions } from "./blend-predictions.js";

describe("blendPredictions", () => {
  const a = Float64Array.of(0.2, 0.8, 0.6, 0.4);
  const b = Float64Array.of(0.6, 0.4, 1, 0);

  it("averages members by weight, element by element", () => {
    const out = blendPredictions(
      [
        { id: "a", weight: 0.75 },
        { id: "b", weight: 0.25 },
      ],
      { a, b, unused: new Float64Array(1) },
    );
    expect(Array.from(out).map((v) => Number(v.toFixed(12)))).toEqual([0.3, 0.7, 0.7, 0.3]);
  });

  it("accepts a Map and normalises weights that do not sum to 1", () => {
    const out = blendPredictions(
      [
        { id: "a", weight: 3 },
        { id: "b", weight: 1 },
      ],
      new Map([
        ["a", a],
        ["b", b],
      ]),
    );
    expect(out[0]).toBeCloseTo(0.3, 12);
  });

  it("never pushes probabilities of 1 above 1", () => {
    const ones = Float64Array.of(1, 1, 1);
    const weights = [0.1, 0.2, 0.3, 0.4, 0.7].map((weight, i) => ({ id: `m${i}`, weight }));
    const preds = Object.fromEntries(weights.map((w) => [w.id, ones]));
    for (const v of blendPredictions(weights, preds)) expect(v).toBeLessThanOrEqual(1);
  });

  it("names a missing member with suggestions, and refuses mismatched lengths", () => {
    try {
      blendPredictions([{ id: "xgb_1", weight: 1 }], { xgb_2: a });
      expect.unreachable();
    } catch (e) {
      expect(isAlchemistError(e) && e.code).toBe("INVALID_ARGUMENT");
      expect(isAlchemistError(e) && e.details.suggestions).toEqual(["xgb_2"]);
    }
    expect(() =>
      blendPredictions(
        [
          { id: "a", weight: 1 },
          { id: "c", weight: 1 },
        ],
        { a, c: new Float64Array(3) },
      ),
    ).toThrow(/has 4/);
    expect(() => blendPredictions([{ id: "a", weight: 0 }], { a })).toThrow(/sum to 0/);
    expect(() => blendPredictions([], { a })).toThrow(/at least one/);
  });
});
