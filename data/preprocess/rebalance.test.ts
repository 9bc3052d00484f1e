import { describe, expect, it } from "vitest";
import { type Column, createFrame } from "../frame.js";
import { featureColumn } from "./feature-matrix.js";
import { fitPreprocessor } from "./fit-preprocessor.js";

function cat(name: string, v: string[]): Column {
  const levels = [...new Set(v)];
  return { kind: "categorical", name, levels, codes: Int32Array.from(v, (x) => levels.indexOf(x)) };
}
const labels = ["a", "a", "a", "a", "a", "a", "b", "b", "c"];
const frame = createFrame([
  { kind: "numeric", name: "x", values: Float64Array.from(labels, (_, i) => i) },
  cat("label", labels),
]);

describe("rebalance", () => {
  it("class_weight: n / (K · n_c), as scikit-learn's compute_class_weight('balanced')", () => {
    const { train } = fitPreprocessor([{ type: "rebalance", method: "class_weight" }], frame, {
      target: "label",
      seed: 0,
    });
    // 9 rows, 3 classes: a → 9/18, b → 9/6, c → 9/3.
    expect(Array.from(train.weights ?? [])).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 3]);
    expect(train.X.nRows).toBe(9);
  });

  it("oversample: originals first, then drawn rows; every class reaches the goal; same seed same rows", () => {
    const run = (seed: number) =>
      fitPreprocessor([{ type: "rebalance", method: "oversample" }], frame, { target: "label", seed });
    const { train, preprocessor } = run(4);
    expect(train.X.nRows).toBe(18);
    expect(Array.from(train.rows.subarray(0, 9))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const counts = [0, 0, 0];
    for (const v of train.y ?? []) counts[v]! += 1;
    expect(counts).toEqual([6, 6, 6]);
    // Features follow their rows.
    expect(Array.from(featureColumn(train.X, 0))).toEqual(Array.from(train.rows));
    for (let i = 9; i < 18; i++)
      expect(labels[train.rows[i] as number]).toBe(train.classes?.[train.y?.[i] as number]);
    expect(Array.from(run(4).train.rows)).toEqual(Array.from(train.rows));
    expect(Array.from(run(5).train.rows)).not.toEqual(Array.from(train.rows));
    // Transform never resamples.
    expect(preprocessor.transform(frame).nRows).toBe(9);
  });

  it("oversample ratio grows smaller classes to ceil(ratio × largest)", () => {
    const { train } = fitPreprocessor([{ type: "rebalance", method: "oversample", ratio: 0.5 }], frame, {
      target: "label",
      seed: 0,
    });
    // goal 3: b 2 → 3, c 1 → 3.
    expect(train.X.nRows).toBe(12);
  });

  it("acts after every column step whatever its position", () => {
    const { train } = fitPreprocessor(
      [{ type: "rebalance", method: "oversample" }, { type: "scale" }],
      frame,
      { target: "label", seed: 0 },
    );
    // The scaler was fitted on the 9 original rows: their mean is 4.
    const x = featureColumn(train.X, 0);
    let s = 0;
    for (let i = 0; i < 9; i++) s += x[i] as number;
    expect(s).toBeCloseTo(0, 12);
  });

  it("needs a classification target; only one rebalance step", () => {
    const reg = createFrame([{ kind: "numeric", name: "y", values: Float64Array.from([1, 2, 3]) }]);
    expect(() => fitPreprocessor([{ type: "rebalance" }], reg, { target: "y", seed: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_SPEC" }),
    );
    expect(() =>
      fitPreprocessor([{ type: "rebalance" }, { type: "rebalance" }], frame, { target: "label", seed: 0 }),
    ).toThrow(expect.objectContaining({ code: "INVALID_SPEC", details: { parameter: "steps[1]" } }));
  });
});
