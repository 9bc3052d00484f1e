import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix, type FeatureMatrix } from "../../data/preprocess/index.js";
import { bernoulliNb } from "./bernoulli-nb.js";
import { multinomialNb } from "./multinomial-nb.js";

function matrix(rows: number[][]): FeatureMatrix {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) data[j * n + i] = rows[i]?.[j] as number;
  }
  return createFeatureMatrix(
    n,
    Array.from({ length: d }, (_, j) => `x${j}`),
    undefined,
    data,
  );
}

function expectClose(actual: Float64Array | undefined, expected: number[], digits = 12): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((v, t) => {
    expect(actual?.[t]).toBeCloseTo(v, digits);
  });
}

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AlchemistError ? e.code : "not an AlchemistError";
  }
  return undefined;
}

describe("multinomial_nb", () => {
  const X = matrix([
    [1, 0, 2],
    [0, 3, 1],
    [2, 2, 0],
    [0, 0, 4],
    [3, 1, 1],
  ]);
  const y = Float64Array.from([0, 1, 0, 1, 2]);
  const Q = matrix([
    [1, 1, 1],
    [0, 2, 3],
  ]);
  const train = (params: Record<string, unknown> = {}, Xf = X, yy = y, K = 3) =>
    multinomialNb.fit(Xf, yy, multinomialNb.params.parse(params), { seed: 0, nClasses: K });

  it("matches scikit-learn's MultinomialNB probabilities", () => {
    expectClose(
      train().predictProba?.(Q),
      [
        0.5168214231302826, 0.2588637230805322, 0.22431485378918556, 0.09968281103900771, 0.8802870459249266,
        0.020030143036066084,
      ],
    );
    expectClose(
      train({ alpha: 0.5, fit_prior: false }).predictProba?.(Q),
      [
        0.47165167847691003, 0.14864832576135076, 0.37969999576173935, 0.07538757069064873,
        0.9021951013232519, 0.02241732798609945,
      ],
    );
  });

  it("weights rows like duplicates and keeps absent classes at 0", () => {
    const weighted = multinomialNb.fit(X, y, multinomialNb.params.parse({}), {
      seed: 0,
      nClasses: 3,
      sampleWeight: Float64Array.from([2, 1, 1, 1, 1]),
    });
    const duplicated = train(
      {},
      matrix([
        [1, 0, 2],
        [1, 0, 2],
        [0, 3, 1],
        [2, 2, 0],
        [0, 0, 4],
        [3, 1, 1],
      ]),
      Float64Array.from([0, 0, 1, 0, 1, 2]),
    );
    expectClose(weighted.predictProba?.(Q), Array.from(duplicated.predictProba?.(Q) ?? []));
    const absent =
      train({}, X, Float64Array.from([0, 2, 0, 2, 2]), 4).predictProba?.(Q) ?? new Float64Array();
    expect([absent[1], absent[3], absent[5], absent[7]]).toEqual([0, 0, 0, 0]);
  });

  it("refuses negative features with NEGATIVE_VALUES, and round-trips through JSON", () => {
    expect(
      thrownCode(() =>
        train(
          {},
          matrix([
            [1, -1, 0],
            [0, 1, 1],
          ]),
          Float64Array.from([0, 1]),
        ),
      ),
    ).toBe("NEGATIVE_VALUES");
    const m = train();
    const back = multinomialNb.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba?.(Q)).toEqual(m.predictProba?.(Q));
    expect(thrownCode(() => multinomialNb.fromJSON({ ...m.toJSON(), nClasses: 4 }))).toBe(
      "INVALID_MODEL_STATE",
    );
  });
});

describe("bernoulli_nb", () => {
  const X = matrix([
    [-1, 2, 0.5],
    [1, -1, 0],
    [0.2, 0.3, -2],
    [-0.5, -0.1, 1],
    [2, 2, 2],
  ]);
  const y = Float64Array.from([0, 1, 0, 1, 1]);
  const Q = matrix([
    [1, 1, -1],
    [-1, 0, 0],
  ]);
  const train = (params: Record<string, unknown> = {}, yy = y, K = 2) =>
    bernoulliNb.fit(X, yy, bernoulliNb.params.parse(params), { seed: 0, nClasses: K });

  it("matches scikit-learn's BernoulliNB probabilities (binarize at 0 and at a threshold)", () => {
    expectClose(
      train().predictProba?.(Q),
      [0.5656108597285067, 0.4343891402714931, 0.3026634382566586, 0.6973365617433412],
    );
    expectClose(
      train({ alpha: 0.3, binarize: 0.4 }).predictProba?.(Q),
      [0.1875391912533162, 0.8124608087466839, 0.638948233360723, 0.361051766639277],
    );
    expect(Array.from(train().predict(Q))).toEqual([0, 1]);
  });

  it("accepts negative features, works with one class present, and round-trips through JSON", () => {
    const single = train({}, new Float64Array(5).fill(1));
    expect(Array.from(single.predict(Q))).toEqual([1, 1]);
    expect(Array.from(single.predictProba?.(Q) ?? [])).toEqual([0, 1, 0, 1]);
    const m = train({ binarize: 0.4 });
    const back = bernoulliNb.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba?.(Q)).toEqual(m.predictProba?.(Q));
    expect(
      thrownCode(() =>
        bernoulliNb.fit(X, y, { ...bernoulliNb.params.parse({}), alpha: 0 }, { seed: 0, nClasses: 2 }),
      ),
    ).toBe("INVALID_PARAMS");
  });
});
