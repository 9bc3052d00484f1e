import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ModelJSON } from "../estimator.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { matrix } from "./test-helpers.js";

const params = z.object({ alpha: z.number().default(1) });
const X = matrix([
  [1, 2],
  [-1, 0.5],
  [0, 0],
]);

function roundTrip(json: ModelJSON): ModelJSON {
  return JSON.parse(JSON.stringify(json)) as ModelJSON;
}

describe("linearModel", () => {
  it("regression predicts b + Xw and survives non-finite coefficients through JSON", () => {
    const m = linearModel(
      { estimator: "t", version: 1, params: { alpha: 1 }, nFeatures: 2 },
      { coef: Float64Array.of(2, -1), intercept: Float64Array.of(0.5), link: "identity" },
    );
    expect(Array.from(m.predict(X))).toEqual([0.5, -2, 0.5]);
    const weird = linearModel(
      { estimator: "t", version: 1, params: { alpha: 1 }, nFeatures: 2 },
      {
        coef: Float64Array.of(Number.NaN, Infinity),
        intercept: Float64Array.of(-Infinity),
        link: "identity",
      },
    );
    const json = roundTrip(weird.toJSON());
    const back = linearModelFromJSON(json, {
      estimator: "t",
      version: 1,
      classifier: false,
      links: ["identity"],
      params,
    });
    expect(back.toJSON()).toEqual(weird.toJSON());
    const a = weird.predict(X);
    const b = back.predict(X);
    for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i])).toBe(true);
  });

  it("classifiers map outputs onto the classes present; absent classes get probability 0", () => {
    const info = { estimator: "c", version: 1, params: {}, nFeatures: 2, nClasses: 4 };
    const three = linearModel(info, {
      coef: Float64Array.of(1, 0, 0, 1, -1, -1),
      intercept: Float64Array.of(0, 0, 0),
      link: "softmax",
      classes: Int32Array.of(0, 2, 3),
    });
    const pred = three.predict(X);
    expect(Array.from(pred)).toEqual([2, 2, 0]); // ties go to the first class, as numpy argmax
    const proba = three.predictProba?.(X) as Float64Array;
    for (let i = 0; i < 3; i++) {
      expect(proba[i * 4 + 1]).toBe(0);
      expect(
        (proba[i * 4] as number) + (proba[i * 4 + 2] as number) + (proba[i * 4 + 3] as number),
      ).toBeCloseTo(1, 14);
    }
    const binary = linearModel(info, {
      coef: Float64Array.of(1, 0),
      intercept: Float64Array.of(0),
      link: "softmax",
      classes: Int32Array.of(1, 3),
    });
    const pb = binary.predictProba?.(X) as Float64Array;
    expect(pb[3]).toBeCloseTo(1 / (1 + Math.exp(-1)), 14);
    expect(Array.from(binary.predict(X))).toEqual([3, 1, 1]);
    const single = linearModel(info, {
      coef: new Float64Array(0),
      intercept: new Float64Array(0),
      link: "softmax",
      classes: Int32Array.of(2),
    });
    expect(Array.from(single.predict(X))).toEqual([2, 2, 2]);
    expect(Array.from((single.predictProba?.(X) ?? new Float64Array(0)).subarray(0, 4))).toEqual([
      0, 0, 1, 0,
    ]);
  });

  it("argmax has no predictProba; ovr_huber falls back to uniform when every score is 0", () => {
    const info = { estimator: "c", version: 1, params: {}, nFeatures: 2, nClasses: 3 };
    const svm = linearModel(info, {
      coef: new Float64Array(6),
      intercept: new Float64Array(3),
      link: "argmax",
      classes: Int32Array.of(0, 1, 2),
    });
    expect(svm.predictProba).toBeUndefined();
    const huber = linearModel(info, {
      coef: new Float64Array(6),
      intercept: Float64Array.of(-5, -5, -5),
      link: "ovr_huber",
      classes: Int32Array.of(0, 1, 2),
    });
    expect(Array.from((huber.predictProba?.(X) ?? new Float64Array(0)).subarray(0, 3))).toEqual([
      1 / 3,
      1 / 3,
      1 / 3,
    ]);
  });

  it("featureImportance is |coef| summed over classes and normalised; zeros stay zeros", () => {
    const info = { estimator: "c", version: 1, params: {}, nFeatures: 2, nClasses: 3 };
    const m = linearModel(info, {
      coef: Float64Array.of(1, -1, -3, 1, 0, 2),
      intercept: Float64Array.of(0, 0, 0),
      link: "argmax",
      classes: Int32Array.of(0, 1, 2),
    });
    expect(Array.from(m.featureImportance?.() as Float64Array)).toEqual([0.5, 0.5]);
    const zero = linearModel(
      { estimator: "t", version: 1, params: {}, nFeatures: 2 },
      { coef: new Float64Array(2), intercept: Float64Array.of(1), link: "identity" },
    );
    expect(Array.from(zero.featureImportance?.() as Float64Array)).toEqual([0, 0]);
  });

  it("refuses a state whose coefficient count does not fit its classes", () => {
    const info = { estimator: "c", version: 1, params: {}, nFeatures: 2, nClasses: 3 };
    expect(() =>
      linearModel(info, {
        coef: new Float64Array(4),
        intercept: new Float64Array(2),
        link: "argmax",
        classes: Int32Array.of(0, 1),
      }),
    ).toThrow(/wrong coefficient count/);
  });
});

describe("linearModelFromJSON", () => {
  const expectation = { estimator: "c", version: 2, classifier: true, links: ["softmax"] as const, params };
  const good: ModelJSON = {
    estimator: "c",
    version: 2,
    params: { alpha: 1 },
    nFeatures: 2,
    nClasses: 3,
    state: { link: "softmax", coef: [1, 2], intercept: [0.5], classes: [0, 2] },
  };

  it("rebuilds a valid model", () => {
    const m = linearModelFromJSON(good, expectation);
    expect(m.toJSON()).toEqual(good);
  });

  const cases: [string, ModelJSON, RegExp][] = [
    ["another estimator", { ...good, estimator: "d" }, /saved by 'd'/],
    ["another version", { ...good, version: 1 }, /state version 1/],
    [
      "a wrong coefficient count",
      { ...good, state: { ...(good.state as object), coef: [1] } },
      /state.coef has 1/,
    ],
    ["a class out of range", { ...good, state: { ...(good.state as object), classes: [0, 3] } }, /classes/],
    ["an unknown link", { ...good, state: { ...(good.state as object), link: "argmax" } }, /link 'argmax'/],
    ["a malformed number", { ...good, state: { ...(good.state as object), coef: [1, "x"] } }, /state.coef.1/],
    ["invalid params", { ...good, params: { alpha: "big" } }, /params/],
    ["no nClasses", { ...good, nClasses: undefined } as unknown as ModelJSON, /nClasses/],
  ];
  for (const [what, json, message] of cases) {
    it(`refuses ${what} with INVALID_MODEL_STATE`, () => {
      try {
        linearModelFromJSON(json, expectation);
        expect.unreachable();
      } catch (e) {
        expect((e as { code: string }).code).toBe("INVALID_MODEL_STATE");
        expect((e as Error).message).toMatch(message);
      }
    });
  }
});
