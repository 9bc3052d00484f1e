import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { type Column, createFrame, type Frame, takeRows } from "../frame.js";
import { featureColumn, featureIndex } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";
import { preprocessorFromJSON } from "./preprocessor.js";
import type { StepInput } from "./step-schema.js";

function coded(kind: "categorical" | "text", name: string, v: (string | null)[]): Column {
  const levels = [...new Set(v.filter((x): x is string => x !== null))];
  return {
    kind,
    name,
    levels,
    codes: Int32Array.from(v, (x) => (x === null ? -1 : levels.indexOf(x))),
  } as Column;
}

/** A mixed frame of n rows with missing values in every kind. */
function mixed(n: number, seed: number): Frame {
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;
  const words = ["good", "bad", "fast", "slow", "red", "blue"];
  return createFrame([
    {
      kind: "numeric",
      name: "age",
      values: Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? Number.NaN : 20 + rng.int(50))),
    },
    {
      kind: "numeric",
      name: "income",
      values: Float64Array.from({ length: n }, () => rng.normal() * 1000 + 5000),
    },
    {
      kind: "boolean",
      name: "member",
      values: Uint8Array.from({ length: n }, () => (rng.next() < 0.1 ? 255 : rng.int(2))),
    },
    coded(
      "categorical",
      "city",
      Array.from({ length: n }, () =>
        rng.next() < 0.1 ? null : pick(["paris", "lyon", "nice", "lille", "brest"]),
      ),
    ),
    coded(
      "categorical",
      "plan",
      Array.from({ length: n }, () => pick(["basic", "pro", "team"])),
    ),
    {
      kind: "datetime",
      name: "joined",
      values: Float64Array.from({ length: n }, () =>
        rng.next() < 0.05
          ? Number.NaN
          : Date.UTC(2015, 0, 1) + rng.int(3000) * 86_400_000 + rng.int(86_400_000),
      ),
    },
    coded(
      "text",
      "review",
      Array.from({ length: n }, () => `${pick(words)} ${pick(words)} ${pick(words)}`),
    ),
    coded(
      "categorical",
      "churn",
      Array.from({ length: n }, () => pick(["no", "no", "yes"])),
    ),
  ]);
}

function decode(c: Column): (string | null)[] {
  if (c.kind !== "categorical" && c.kind !== "text") throw new Error("not coded");
  return Array.from(c.codes, (k) => (k < 0 ? null : (c.levels[k] as string)));
}

/** Rows < from of `a`, the rest of `b` (numbers × 1000); coded levels reversed plus a decoy level. */
function spliceRows(a: Frame, b: Frame, from: number): Frame {
  return createFrame(
    a.columns.map((ca, j) => {
      const cb = b.columns[j] as Column;
      if (ca.kind === "categorical" || ca.kind === "text") {
        const v = decode(ca).slice(0, from).concat(decode(cb).slice(from));
        const levels = ["decoy", ...new Set(v.filter((x): x is string => x !== null))].reverse();
        return {
          kind: ca.kind,
          name: ca.name,
          levels,
          codes: Int32Array.from(v, (x) => (x === null ? -1 : levels.indexOf(x))),
        };
      }
      if (ca.kind === "boolean") {
        const values = Uint8Array.from(ca.values);
        values.set((cb as typeof ca).values.subarray(from), from);
        return { ...ca, values };
      }
      if (ca.kind === "numeric" || ca.kind === "datetime") {
        const values = Float64Array.from(ca.values);
        const other = (cb as typeof ca).values;
        for (let i = from; i < values.length; i++)
          values[i] = (other[i] as number) * (ca.kind === "numeric" ? 1000 : 1);
        return { ...ca, values };
      }
      return ca;
    }),
  );
}

const FULL: StepInput[] = [
  { type: "drop_columns", columns: ["income"] },
  { type: "datetime_features", cyclic: true },
  { type: "impute", strategy: "median", add_indicator: true },
  { type: "impute", strategy: "constant", columns: "categorical", add_indicator: true },
  { type: "encode", method: "target", columns: ["city"], smoothing: 3 },
  { type: "encode", method: "native", columns: ["plan"] },
  { type: "text_features", method: "tfidf", max_vocabulary: 5 },
  { type: "clip_outliers", columns: ["age"] },
  { type: "scale", method: "robust" },
  { type: "rebalance", method: "class_weight" },
];

const same = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("fitPreprocessor", () => {
  const frame = mixed(300, 1);
  const trainIdx = Array.from({ length: 200 }, (_, i) => i);
  const testIdx = Array.from({ length: 100 }, (_, i) => 200 + i);
  const trainFrame = takeRows(frame, trainIdx);
  const testFrame = takeRows(frame, testIdx);

  it("JSON round trip restores a preprocessor with identical output", () => {
    const { preprocessor } = fitPreprocessor(FULL, trainFrame, { target: "churn", seed: 7 });
    const restored = preprocessorFromJSON(JSON.parse(JSON.stringify(preprocessor)));
    expect(restored.toJSON()).toEqual(preprocessor.toJSON());
    const a = preprocessor.transform(testFrame);
    const b = restored.transform(testFrame);
    expect(b.featureNames).toEqual(a.featureNames);
    expect(b.categorical).toEqual(a.categorical);
    expect(same(a.data, b.data)).toBe(true);
  });

  it("fit statistics come only from the fit rows; transform never changes them", () => {
    const { preprocessor } = fitPreprocessor(FULL, trainFrame, { target: "churn", seed: 7 });
    const before = JSON.stringify(preprocessor);
    const first = preprocessor.transform(trainFrame);
    preprocessor.transform(testFrame);
    preprocessor.transform(mixed(50, 99));
    expect(JSON.stringify(preprocessor)).toBe(before);
    expect(same(preprocessor.transform(trainFrame).data, first.data)).toBe(true);

    // A parent frame whose other rows are wildly different, with level lists reordered and padded
    // with levels no fit row has, gives the same fit on the same rows.
    const wild = spliceRows(frame, mixed(300, 2), 200);
    const refit = fitPreprocessor(FULL, takeRows(wild, trainIdx), { target: "churn", seed: 7 });
    expect(JSON.parse(JSON.stringify(refit.preprocessor))).toEqual(JSON.parse(before));
    expect(same(refit.preprocessor.transform(trainFrame).data, first.data)).toBe(true);
  });

  it("transform of the fit rows equals the training matrix when nothing is out-of-fold or resampled", () => {
    const steps = FULL.filter((s) => s.type !== "encode" && s.type !== "rebalance");
    const { preprocessor, train } = fitPreprocessor(steps, trainFrame, { target: "churn", seed: 7 });
    expect(same(preprocessor.transform(trainFrame).data, train.X.data)).toBe(true);
    expect(train.y?.length).toBe(200);
    expect(train.classes).toEqual(["no", "yes"]);
  });

  it("the target is never a feature, and naming it is a spec error", () => {
    const { train, preprocessor } = fitPreprocessor([], trainFrame, { target: "churn", seed: 0 });
    expect(train.X.featureNames.some((f) => f.startsWith("churn"))).toBe(false);
    expect(preprocessor.inputs.map((i) => i.name)).not.toContain("churn");
    expect(() =>
      fitPreprocessor([{ type: "encode", columns: ["churn"] }], trainFrame, { target: "churn", seed: 0 }),
    ).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC", details: { column: "churn", parameter: "columns" } }),
    );
  });

  it("columns left raw get the documented default steps", () => {
    const { preprocessor, train } = fitPreprocessor([], trainFrame, { target: "churn", seed: 0 });
    expect(preprocessor.toJSON().implicitSteps.map((s) => s.type)).toEqual([
      "datetime_features",
      "text_features",
      "encode",
    ]);
    expect(train.X.featureNames).toContain("age");
    expect(train.X.featureNames).toContain("member");
    expect(train.X.featureNames).toContain("joined__year");
    expect(train.X.featureNames).toContain("review__hash_0");
    expect(train.X.featureNames).toContain("city=paris");
    // Numbers pass through untouched, missing values included.
    expect(
      same(
        featureColumn(train.X, featureIndex(train.X, "age")),
        (trainFrame.columns[0] as { values: Float64Array }).values,
      ),
    ).toBe(true);
  });

  it("matches new frames by name: order and extra columns do not matter", () => {
    const { preprocessor } = fitPreprocessor(FULL, trainFrame, { target: "churn", seed: 7 });
    const reordered = createFrame(
      [...testFrame.columns]
        .reverse()
        .concat([{ kind: "numeric", name: "extra", values: new Float64Array(100) }]),
    );
    expect(same(preprocessor.transform(reordered).data, preprocessor.transform(testFrame).data)).toBe(true);
    // `income` is dropped before any step reads it, and the target is not needed.
    const lean = createFrame(testFrame.columns.filter((c) => c.name !== "income" && c.name !== "churn"));
    expect(preprocessor.inputs.map((i) => i.name)).not.toContain("income");
    expect(() => preprocessor.transform(lean)).not.toThrow();
  });

  it("a missing column or a column of another kind is a typed error naming it", () => {
    const { preprocessor } = fitPreprocessor(FULL, trainFrame, { target: "churn", seed: 7 });
    const noCity = createFrame(testFrame.columns.filter((c) => c.name !== "city"));
    expect(() => preprocessor.transform(noCity)).toThrow(
      expect.objectContaining({
        code: "COLUMN_NOT_FOUND",
        details: expect.objectContaining({ column: "city" }),
      }),
    );
    const wrong = createFrame(
      testFrame.columns.map((c) =>
        c.name === "joined" ? { kind: "numeric" as const, name: "joined", values: new Float64Array(100) } : c,
      ),
    );
    expect(() => preprocessor.transform(wrong)).toThrow(
      expect.objectContaining({
        code: "INVALID_COLUMN_TYPE",
        details: { column: "joined", expected: "datetime", actual: "numeric" },
      }),
    );
  });

  it("steps act in order on the columns as they are at that point", () => {
    const small = createFrame([
      { kind: "numeric", name: "v", values: Float64Array.from([1, Number.NaN, 3]) },
      coded("categorical", "c", ["a", null, "b"]),
    ]);
    // Scale before impute: the scaler ignores NaN; impute then fills the scaled column with its median (0).
    const { train } = fitPreprocessor(
      [
        { type: "scale", method: "minmax" },
        { type: "impute", strategy: "median" },
        { type: "encode", columns: ["c"] },
      ],
      small,
      { seed: 0 },
    );
    expect(train.X.featureNames).toEqual(["v", "c=a", "c=b"]);
    expect(Array.from(featureColumn(train.X, 0))).toEqual([0, 0.5, 1]);
    // A derived feature can be named exactly by a later step.
    const named = fitPreprocessor([{ type: "encode" }, { type: "drop_columns", columns: ["c=a"] }], small, {
      seed: 0,
    });
    expect(named.train.X.featureNames).toEqual(["v", "c=b"]);
  });

  it("invalid steps are INVALID_SPEC naming the parameter path; bad targets are typed", () => {
    expect(() =>
      fitPreprocessor([{ type: "scale" }, { type: "encode", folds: 1 }], trainFrame, { seed: 0 }),
    ).toThrow(
      expect.objectContaining({
        code: "INVALID_SPEC",
        details: expect.objectContaining({ parameter: "steps[1].folds" }),
      }),
    );
    expect(() =>
      fitPreprocessor([{ type: "scale", smoothing: 2 } as unknown as StepInput], trainFrame, { seed: 0 }),
    ).toThrow(expect.objectContaining({ code: "INVALID_SPEC" }));
    expect(() => fitPreprocessor([], trainFrame, { target: "chrun", seed: 0 })).toThrow(
      expect.objectContaining({
        code: "TARGET_NOT_FOUND",
        details: expect.objectContaining({ suggestions: ["churn"] }),
      }),
    );
    expect(() => fitPreprocessor([], trainFrame, { target: "age", seed: 0 })).toThrow(
      expect.objectContaining({
        code: "INVALID_TARGET",
        details: { column: "age", row: expect.any(Number) },
      }),
    );
    expect(() => fitPreprocessor([], trainFrame, { target: "churn", task: "regression", seed: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_TARGET" }),
    );
    expect(() => preprocessorFromJSON({ format: "alchemist.preprocessor", version: 2 })).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC" }),
    );
  });

  it("is immutable and never mutates its inputs", () => {
    const snapshot = JSON.stringify(
      trainFrame.columns.map((c) =>
        Array.from(c.kind === "categorical" || c.kind === "text" ? c.codes : c.values),
      ),
    );
    const steps = structuredClone(FULL);
    const { preprocessor } = fitPreprocessor(steps, trainFrame, { target: "churn", seed: 7 });
    preprocessor.transform(trainFrame);
    expect(
      JSON.stringify(
        trainFrame.columns.map((c) =>
          Array.from(c.kind === "categorical" || c.kind === "text" ? c.codes : c.values),
        ),
      ),
    ).toBe(snapshot);
    expect(steps).toEqual(FULL);
    expect(Object.isFrozen(steps[0])).toBe(false);
    const json = preprocessor.toJSON();
    expect(Object.isFrozen(preprocessor)).toBe(true);
    expect(() => {
      (json.featureNames as string[]).push("x");
    }).toThrow(TypeError);
  });

  it("y may be given directly; classification labels are mapped to sorted class indices", () => {
    const small = createFrame([{ kind: "numeric", name: "v", values: Float64Array.from([1, 2, 3, 4]) }]);
    const { train } = fitPreprocessor([], small, { y: [10, 5, 10, 5], task: "binary", seed: 0 });
    expect(Array.from(train.y ?? [])).toEqual([1, 0, 1, 0]);
    expect(train.classes).toEqual(["5", "10"]);
    expect(() => fitPreprocessor([], small, { y: [1, 2], seed: 0 })).toThrow(
      expect.objectContaining({ code: "LENGTH_MISMATCH", details: { parameter: "y" } }),
    );
  });
});
