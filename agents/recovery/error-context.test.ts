import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createFrame } from "../../data/frame.js";
import { profileFrame } from "../../data/profile/index.js";
import {
  actionContextOf,
  ErrorContextSchema,
  errorContextFrom,
  errorInfoOf,
  MAX_STACK_LINES,
  trimStack,
} from "./error-context.js";
import { caseOf } from "./recovery-fixtures.js";

function frame() {
  const n = 30;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = i % 4 === 0 ? Number.NaN : i - 10;
    b[i] = i === 3 ? Number.POSITIVE_INFINITY : 7;
    y[i] = i < 4 ? 1 : 0;
  }
  return createFrame([
    { kind: "numeric", name: "a", values: a },
    { kind: "numeric", name: "b", values: b },
    { kind: "categorical", name: "y", levels: ["no", "yes"], codes: y },
  ]);
}

const spec = {
  version: 1 as const,
  task: "binary" as const,
  target: "y",
  steps: [{ type: "drop_columns" as const, columns: ["b"] }],
  estimator: { name: "logistic_regression", params: {} },
};

describe("errorContextFrom", () => {
  it("reads columns, rows and class counts from a profile", () => {
    const profile = profileFrame(frame(), { target: "y" });
    const ctx = errorContextFrom({
      error: new AlchemistError("MISSING_VALUES", "feature 'a' is missing in row 0", { column: "a", row: 0 }),
      spec,
      metric: "roc_auc",
      profile,
      previousErrors: [{ code: "FIT_TIMEOUT", message: "slow", estimator: "knn_classifier" }],
      recoveries: 1,
    });
    expect(ctx.error).toMatchObject({ code: "MISSING_VALUES", details: { column: "a", row: 0 } });
    expect(ctx.task).toBe("binary");
    expect(ctx.settings).toEqual({ cv_folds: 5, ensemble: true });
    expect(ctx.data.rows).toBe(30);
    // b is dropped by the spec and y is the target: one feature left.
    expect(ctx.data.features).toBe(1);
    const a = ctx.data.columns.find((c) => c.name === "a");
    expect(a).toMatchObject({ kind: "numeric", missing: 8, negatives: 7 });
    expect(ctx.data.columns.find((c) => c.name === "b")).toMatchObject({ infinite: 1 });
    expect(ctx.data.columns.find((c) => c.name === "y")?.target).toBe(true);
    expect(ctx.classes).toMatchObject({ nClasses: 2, smallest: 4 });
    expect(ctx.previousErrors).toEqual([
      { code: "FIT_TIMEOUT", message: "slow", estimator: "knn_classifier" },
    ]);
    expect(ctx.recoveries).toBe(1);
    expect(ctx.triedFixes).toEqual([]);
    expect(
      actionContextOf(ctx)
        .columns.filter((c) => c.target === true)
        .map((c) => c.name),
    ).toEqual(["y"]);
  });

  it("takes explicit class counts and rows over the profile's (e.g. a fold's)", () => {
    const ctx = errorContextFrom({
      error: new Error("boom"),
      spec,
      metric: "accuracy",
      profile: profileFrame(frame(), { target: "y" }),
      rows: 12,
      classCounts: { no: 11, yes: 1 },
    });
    expect(ctx.data.rows).toBe(12);
    expect(ctx.classes).toEqual({
      counts: [
        { label: "no", count: 11 },
        { label: "yes", count: 1 },
      ],
      nClasses: 2,
      smallest: 1,
    });
    expect(ctx.error.code).toBe("INTERNAL");
  });

  it("has no class facts for regression, and null rows when unknown", () => {
    const ctx = caseOf({
      error: { code: "FIT_FAILED", message: "x" },
      estimator: "ridge",
      task: "regression",
      rows: null,
    });
    expect(ctx.classes).toBeNull();
    expect(ctx.data.rows).toBeNull();
  });

  it("refuses a context whose task is not the spec's", () => {
    const ctx = caseOf({
      error: { code: "FIT_FAILED", message: "x" },
      estimator: "ridge",
      task: "regression",
    });
    expect(ErrorContextSchema.safeParse({ ...ctx, task: "binary" }).success).toBe(false);
  });
});

describe("errorInfoOf", () => {
  it("keeps a recorded TrialError and a worker's stack, trimmed", () => {
    const stack = Array.from({ length: 50 }, (_, i) => `    at frame${i} (file.ts:${i})`).join("\n");
    const info = errorInfoOf({
      code: "FIT_FAILED",
      message: "rf: the fit threw RangeError: bad",
      details: { estimator: "rf", cause: { name: "RangeError", message: "bad", stack } },
    });
    expect(info.code).toBe("FIT_FAILED");
    expect(info.details).toEqual({ estimator: "rf", cause: { name: "RangeError", message: "bad" } });
    expect(info.stack?.split("\n").length).toBe(MAX_STACK_LINES + 1);
    expect(info.stack).toContain("frame0");
    expect(info.stack).not.toContain("frame30");
  });

  it("reduces oversized details to their scalar fields and survives cycles", () => {
    const big = errorInfoOf(
      new AlchemistError("INVALID_SPEC", "bad", {
        parameter: "steps",
        issues: Array.from({ length: 500 }, (_, i) => ({ i })),
      }),
    );
    expect(big.details).toEqual({ parameter: "steps" });
    const cyclic: Record<string, unknown> = { column: "a" };
    cyclic.self = cyclic;
    const info = errorInfoOf(new AlchemistError("MISSING_VALUES", "m", cyclic));
    expect(info.details).toBeUndefined();
    expect(errorInfoOf("plain")).toMatchObject({ code: "INTERNAL", message: "plain" });
  });

  it("trims a stack to its first lines", () => {
    expect(trimStack("a\nb")).toBe("a\nb");
    expect(trimStack(Array.from({ length: 30 }, (_, i) => `l${i}`).join("\n")).split("\n")).toHaveLength(
      MAX_STACK_LINES + 1,
    );
  });
});
