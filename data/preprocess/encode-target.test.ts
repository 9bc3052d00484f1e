import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { type Column, createFrame } from "../frame.js";
import { assignFolds } from "./encode-target.js";
import { type FeatureMatrix, featureColumn, featureIndex } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";

function cat(name: string, v: (string | null)[]): Column {
  const levels = [...new Set(v.filter((x): x is string => x !== null))];
  return {
    kind: "categorical",
    name,
    levels,
    codes: Int32Array.from(v, (x) => (x === null ? -1 : levels.indexOf(x))),
  };
}
const num = (name: string, v: number[]): Column => ({ kind: "numeric", name, values: Float64Array.from(v) });
const col = (X: FeatureMatrix, name: string) => {
  const j = featureIndex(X, name);
  if (j < 0) throw new Error(`no feature ${name} in ${X.featureNames.join(",")}`);
  return Array.from(featureColumn(X, j));
};

describe("encode target", () => {
  it("transform uses smoothed full-data means; unseen and missing levels get the prior", () => {
    const frame = createFrame([cat("g", ["a", "a", "b", "b", "b", "c"]), num("y", [1, 3, 2, 4, 6, 10])]);
    const { preprocessor } = fitPreprocessor(
      [{ type: "encode", method: "target", smoothing: 2, folds: 3 }],
      frame,
      { target: "y", seed: 1 },
    );
    // prior = 26 / 6; level l: (sum_l + 2 · prior) / (count_l + 2)
    const prior = 26 / 6;
    const X = preprocessor.transform(createFrame([cat("g", ["a", "b", "c", "zz", null])]));
    expect(X.featureNames).toEqual(["g__te"]);
    const got = col(X, "g__te");
    const expected = [(4 + 2 * prior) / 4, (12 + 2 * prior) / 5, (10 + 2 * prior) / 3, prior, prior];
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 12);
    });
  });

  it("training rows get out-of-fold encodings: a row's encoding does not depend on its own target", () => {
    const rng = createRng(3);
    const n = 60;
    const g = Array.from({ length: n }, (_, i) => `L${i % 7}`);
    const y = Array.from({ length: n }, () => rng.normal());
    const base = fitPreprocessor(
      [{ type: "encode", method: "target", folds: 4 }],
      createFrame([cat("g", g), num("y", y)]),
      { target: "y", seed: 5 },
    );
    const before = col(base.train.X, "g__te");
    for (const r of [0, 13, 59]) {
      const y2 = [...y];
      y2[r] = (y2[r] as number) + 1000;
      const moved = fitPreprocessor(
        [{ type: "encode", method: "target", folds: 4 }],
        createFrame([cat("g", g), num("y", y2)]),
        { target: "y", seed: 5 },
      );
      expect(col(moved.train.X, "g__te")[r]).toBe(before[r]);
    }
  });

  it("a unique-level column never encodes its own target (binary, stratified folds)", () => {
    const n = 40;
    const labels = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? "yes" : "no"));
    const frame = createFrame([
      cat(
        "id",
        labels.map((_, i) => `id${i}`),
      ),
      cat("label", labels),
    ]);
    const { train } = fitPreprocessor(
      [{ type: "encode", method: "target", columns: ["id"], folds: 5 }],
      frame,
      {
        target: "label",
        seed: 9,
      },
    );
    expect(train.classes).toEqual(["no", "yes"]);
    const yv = train.y as Float64Array;
    const folds = assignFolds(yv, 5, true, 9);
    const enc = col(train.X, "id__te");
    for (let i = 0; i < n; i++) {
      // Every level is unseen by the other folds: the encoding is their prior of class "yes".
      let pos = 0;
      let cnt = 0;
      for (let k = 0; k < n; k++) {
        if (folds[k] !== folds[i]) {
          pos += yv[k] as number;
          cnt++;
        }
      }
      expect(enc[i]).toBeCloseTo(pos / cnt, 12);
    }
  });

  it("multiclass gives one feature per class, each a smoothed class frequency", () => {
    const frame = createFrame([
      cat("g", ["a", "a", "b", "b", "a", "b"]),
      cat("species", ["x", "y", "z", "z", "x", "y"]),
    ]);
    const { preprocessor, train } = fitPreprocessor(
      [{ type: "encode", method: "target", smoothing: 0, folds: 2 }],
      frame,
      { target: "species", seed: 0 },
    );
    expect(train.X.featureNames).toEqual(["g__te_x", "g__te_y", "g__te_z"]);
    const X = preprocessor.transform(createFrame([cat("g", ["a", "b"])]));
    expect(Array.from(X.data)).toEqual([2 / 3, 0, 1 / 3, 1 / 3, 0, 2 / 3]);
  });

  it("needs a target and enough rows", () => {
    const frame = createFrame([cat("g", ["a", "b"]), num("y", [1, 2])]);
    expect(() => fitPreprocessor([{ type: "encode", method: "target" }], frame, { seed: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC", details: { parameter: "method" } }),
    );
    expect(() =>
      fitPreprocessor([{ type: "encode", method: "target" }], frame, { target: "y", seed: 0 }),
    ).toThrow(expect.objectContaining({ code: "NOT_ENOUGH_ROWS", details: { parameter: "folds" } }));
  });
});
