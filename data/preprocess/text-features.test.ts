import { describe, expect, it } from "vitest";
import { type Column, createFrame } from "../frame.js";
import type { FeatureMatrix } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import { hashToken, tokenize } from "./text-features.js";

function txt(name: string, v: (string | null)[]): Column {
  const levels = [...new Set(v.filter((x): x is string => x !== null))];
  return {
    kind: "text",
    name,
    levels,
    codes: Int32Array.from(v, (x) => (x === null ? -1 : levels.indexOf(x))),
  };
}
const row = (X: FeatureMatrix, i: number) => X.featureNames.map((_, j) => X.data[j * X.nRows + i] as number);

describe("text_features", () => {
  it("tokenises lowercase words of 2+ characters", () => {
    expect(tokenize("The cat, the HAT! a 42 snake_case été")).toEqual([
      "the",
      "cat",
      "the",
      "hat",
      "42",
      "snake_case",
      "été",
    ]);
  });

  it("hashes with 32-bit FNV-1a (published test vectors)", () => {
    expect(hashToken("")).toBe(0x811c9dc5);
    expect(hashToken("a")).toBe(0xe40c292c);
    expect(hashToken("foobar")).toBe(0xbf9cf968);
  });

  it("hash: counts per bucket, missing rows are zeros, unseen words still count", () => {
    const docs = ["red red blue", null, "green"];
    const { preprocessor, train } = fitPreprocessor(
      [{ type: "text_features", method: "hash", n_features: 8 }],
      createFrame([txt("note", docs)]),
      { seed: 0 },
    );
    expect(train.X.featureNames).toEqual(Array.from({ length: 8 }, (_, b) => `note__hash_${b}`));
    const r0 = row(train.X, 0);
    expect(r0[hashToken("red") % 8]).toBeGreaterThanOrEqual(2);
    expect(r0.reduce((a, b) => a + b, 0)).toBe(3);
    expect(row(train.X, 1)).toEqual(new Array(8).fill(0));
    const X = preprocessor.transform(createFrame([txt("note", ["purple words here"])]));
    expect(row(X, 0).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("tfidf matches scikit-learn 1.2.1 TfidfVectorizer(max_features=4)", () => {
    const docs = ["The cat sat", "the dog sat down", "A cat and a dog", "cat cat cat"];
    const { preprocessor, train } = fitPreprocessor(
      [{ type: "text_features", method: "tfidf", max_vocabulary: 4 }],
      createFrame([txt("doc", docs)]),
      { seed: 0 },
    );
    // sklearn: vocabulary ['cat' 'dog' 'sat' 'the'], idf [1.2231435513142097, 1.5108256237659907 ×3]
    expect(train.X.featureNames).toEqual([
      "doc__tfidf_cat",
      "doc__tfidf_dog",
      "doc__tfidf_sat",
      "doc__tfidf_the",
    ]);
    const X = preprocessor.transform(createFrame([txt("doc", ["the cat", "dog dog sat", "nothing here"])]));
    const expected = [
      [0.6292275146695526, 0, 0, 0.7772211620785797],
      [0, 0.8944271909999159, 0.4472135954999579, 0],
      [0, 0, 0, 0],
    ];
    expected.forEach((e, i) => {
      row(X, i).forEach((v, j) => {
        expect(v).toBeCloseTo(e[j] as number, 12);
      });
    });
  });
});
