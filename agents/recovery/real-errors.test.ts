/**
 * Real failures: errors thrown by our own readers, preprocessing, splits, metrics and estimators, fed to
 * the pattern library. Each must be diagnosed by the right signature with a fix that validates, and
 * where the fix is cheap to try, refitting the patched spec must succeed.
 */
import { describe, expect, it } from "vitest";
import { type Action, executeAction, validateAction } from "../../actions/index.js";
import { type AlchemistError, isAlchemistError } from "../../core/errors.js";
import { createFrame, type Frame, takeRows } from "../../data/frame.js";
import { fitPreprocessor, type PipelineSpec, type StepInput } from "../../data/preprocess/index.js";
import { profileFrame } from "../../data/profile/index.js";
import { makeSplits } from "../../data/splits/index.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import { scorePredictions } from "../../evaluate/score-predictions.js";
import { parseEstimatorParams } from "../../trainers/param.js";
import { getEstimator, MODEL_REGISTRY } from "../../trainers/registry.js";
import { actionContextOf, type ErrorContext, errorContextFrom, failingState } from "./error-context.js";
import { patternFixes } from "./failure-patterns.js";

const N = 40;

/** `a` has negatives, `b` NaN every 5th row, `c` one +Infinity, `color` 3 levels; `y` has `yes` on `positives` rows. */
function frameOf(o: { positives?: number; infinity?: boolean; levels?: number } = {}): Frame {
  const a = new Float64Array(N);
  const b = new Float64Array(N);
  const c = new Float64Array(N);
  const color = new Int32Array(N);
  const y = new Int32Array(N);
  const positives = o.positives ?? N / 2;
  for (let i = 0; i < N; i++) {
    a[i] = (i % 7) - 3;
    b[i] = i % 5 === 0 ? Number.NaN : i;
    c[i] = o.infinity === true && i === 5 ? Number.POSITIVE_INFINITY : i % 3;
    color[i] = i % 3;
    y[i] = i < positives ? 1 : 0;
  }
  return createFrame([
    { kind: "numeric", name: "a", values: a },
    { kind: "numeric", name: "b", values: b },
    { kind: "numeric", name: "c", values: c },
    { kind: "categorical", name: "color", levels: ["r", "g", "b"], codes: color },
    { kind: "categorical", name: "y", levels: ["no", "yes"], codes: y },
  ]);
}

function specOf(estimator: string, steps: StepInput[], params: Record<string, unknown> = {}): PipelineSpec {
  return failingState(
    errorContextFrom({
      error: "x",
      spec: { version: 1, task: "binary", target: "y", steps, estimator: { name: estimator, params } },
      metric: "accuracy",
    }),
  ).spec;
}

/** Preprocesses `frame` with the spec's steps and fits its estimator (throws what our code throws). */
function fitSpec(spec: PipelineSpec, frame: Frame): void {
  const fit = fitPreprocessor(spec.steps, frame, { target: spec.target, task: spec.task, seed: 0 });
  const est = getEstimator(spec.estimator.name);
  const ctx = { seed: 0, nClasses: fit.train.classes?.length ?? 2 };
  est.fit(
    fit.train.X,
    fit.train.y as Float64Array,
    parseEstimatorParams(est.name, est.params, spec.estimator.params),
    ctx,
  );
}

function thrown(run: () => unknown): AlchemistError {
  try {
    run();
  } catch (e) {
    if (isAlchemistError(e)) return e;
    throw e;
  }
  throw new Error("expected a throw");
}

function contextOf(
  error: AlchemistError,
  spec: PipelineSpec,
  frame: Frame,
  extra: { metric?: MetricName; cvFolds?: number; classCounts?: Record<string, number> } = {},
): ErrorContext {
  return errorContextFrom({
    error,
    spec,
    metric: extra.metric ?? "accuracy",
    profile: profileFrame(frame, { target: "y" }),
    ...(extra.cvFolds !== undefined ? { settings: { cv_folds: extra.cvFolds } } : {}),
    ...(extra.classCounts !== undefined ? { classCounts: extra.classCounts } : {}),
  });
}

/** The library's diagnosis: the expected pattern first, its first fix valid; returns that fix. */
function diagnosed(ctx: ErrorContext, id: string): Action {
  const r = patternFixes(ctx);
  expect(r.primary.id).toBe(id);
  expect(r.fixes.length).toBeGreaterThan(0);
  const actx = actionContextOf(ctx);
  for (const f of r.fixes) {
    expect(validateAction(f, actx).ok).toBe(true);
    expect(() => executeAction(failingState(ctx), f, actx)).not.toThrow();
  }
  return r.fixes[0] as Action;
}

function healed(ctx: ErrorContext, fix: Action): PipelineSpec {
  return executeAction(failingState(ctx), fix, actionContextOf(ctx)).spec;
}

describe("real errors, diagnosed and healed", () => {
  it("multinomial_nb on negative features → NEGATIVE_VALUES → minmax scaling, which fits", () => {
    const frame = frameOf();
    const spec = specOf("multinomial_nb", [{ type: "impute" }, { type: "encode" }]);
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("NEGATIVE_VALUES");
    const ctx = contextOf(error, spec, frame);
    const fix = diagnosed(ctx, "negative-values");
    expect(fix).toEqual({ action: "scaling", value: "minmax" });
    expect(() => fitSpec(healed(ctx, fix), frame)).not.toThrow();
  });

  it("logistic_regression on NaN → MISSING_VALUES → median imputation, which fits", () => {
    const frame = frameOf();
    const spec = specOf("logistic_regression", [{ type: "encode" }]);
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("MISSING_VALUES");
    const ctx = contextOf(error, spec, frame);
    expect(patternFixes(ctx).primary.diagnose(ctx)).toContain("'b'");
    const fix = diagnosed(ctx, "missing-values");
    expect(fix).toEqual({ action: "imputation", value: "median" });
    expect(() => fitSpec(healed(ctx, fix), frame)).not.toThrow();
  });

  it("logistic_regression on +Infinity → NON_FINITE_VALUES → clipping, which fits", () => {
    const frame = frameOf({ infinity: true });
    const spec = specOf("logistic_regression", [{ type: "impute" }, { type: "encode" }]);
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("NON_FINITE_VALUES");
    const ctx = contextOf(error, spec, frame);
    const fix = diagnosed(ctx, "non-finite-features");
    expect(fix).toEqual({ action: "clip_outliers", value: true });
    expect(() => fitSpec(healed(ctx, fix), frame)).not.toThrow();
  });

  it("target encoding with more inner folds than rows → NOT_ENOUGH_ROWS → one-hot, which fits", () => {
    const frame = takeRows(frameOf(), Int32Array.from([0, 1, 30, 31]));
    const spec = specOf("random_forest_classifier", [
      { type: "impute" },
      { type: "encode", method: "target" },
    ]);
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("NOT_ENOUGH_ROWS");
    const ctx = contextOf(error, spec, frame);
    const fix = diagnosed(ctx, "target-encoding-folds");
    expect(fix).toEqual({ action: "encoding", value: "one_hot" });
    expect(() => fitSpec(healed(ctx, fix), frame)).not.toThrow();
  });

  it("invalid parameters → INVALID_PARAMS → the parameter back to its default, which fits", () => {
    const frame = frameOf();
    const spec = specOf("random_forest_classifier", [{ type: "impute" }, { type: "encode" }], {
      n_estimators: 20000,
    });
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("INVALID_PARAMS");
    const ctx = contextOf(error, spec, frame);
    const fix = diagnosed(ctx, "invalid-params");
    expect(fix).toEqual({ action: "set_hyperparameter", param: "n_estimators", value: 100 });
    const next = healed(ctx, fix);
    expect(() =>
      fitSpec({ ...next, estimator: { ...next.estimator, params: { n_estimators: 5 } } }, frame),
    ).not.toThrow();
  });

  it("an unknown estimator → UNKNOWN_ESTIMATOR → its did-you-mean", () => {
    const frame = frameOf();
    const spec = specOf("random_forest", [{ type: "impute" }, { type: "encode" }]);
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("UNKNOWN_ESTIMATOR");
    const fix = diagnosed(contextOf(error, spec, frame), "unknown-estimator");
    expect(fix).toEqual({ action: "change_model", value: "random_forest_classifier" });
  });
});

describe("real errors of the target and the folds", () => {
  it("a single-class target → INVALID_TARGET → not recoverable", () => {
    const frame = frameOf({ positives: 0 });
    const spec = specOf("random_forest_classifier", [{ type: "impute" }, { type: "encode" }]);
    const error = thrown(() => fitSpec(spec, frame));
    expect(error.code).toBe("INVALID_TARGET");
    // Profiling refuses such a target too, so the columns come from a profile without one.
    const ctx = errorContextFrom({
      error,
      spec,
      metric: "accuracy",
      profile: profileFrame(frame),
      classCounts: { no: N },
    });
    const r = patternFixes(ctx);
    expect(r.primary.id).toBe("single-class-target");
    expect(r.primary.recoverable(ctx)).toBe(false);
    expect(r.fixes).toEqual([]);
  });

  it("a fold whose training rows hold one class → INVALID_TARGET → fewer folds", () => {
    const frame = frameOf({ positives: 3 });
    // The training part of the fold that holds the 3 positive rows as its test rows.
    const train = Int32Array.from({ length: N - 3 }, (_, i) => i + 3);
    const error = thrown(() =>
      fitPreprocessor([{ type: "impute" }], takeRows(frame, train), { target: "y", task: "binary", seed: 0 }),
    );
    expect(error.code).toBe("INVALID_TARGET");
    const spec = specOf("random_forest_classifier", [{ type: "impute" }, { type: "encode" }]);
    const fix = diagnosed(contextOf(error, spec, frame), "single-class-fold");
    expect(fix).toEqual({ action: "cv_folds", value: 3 });
  });

  it("a test fold with no positive row under roc_auc → too few rows per class → fewer folds", () => {
    const yTrue = new Float64Array(8);
    const error = thrown(() =>
      scorePredictions("roc_auc", "binary", yTrue, { values: yTrue, proba: new Float64Array(16).fill(0.5) }),
    );
    const frame = frameOf({ positives: 3 });
    const spec = specOf("logistic_regression", [{ type: "impute" }, { type: "encode" }]);
    const fix = diagnosed(contextOf(error, spec, frame, { metric: "roc_auc" }), "too-few-per-class");
    expect(fix).toEqual({ action: "cv_folds", value: 3 });
  });

  it("a metric that needs probabilities from a label-only model → a model with probabilities", () => {
    const yTrue = Float64Array.from([0, 1, 0, 1]);
    const error = thrown(() => scorePredictions("roc_auc", "binary", yTrue, { values: yTrue }));
    const frame = frameOf();
    const spec = specOf("ridge_classifier", [{ type: "impute" }, { type: "encode" }]);
    const fix = diagnosed(contextOf(error, spec, frame, { metric: "roc_auc" }), "probabilities-missing");
    expect(fix).toEqual({ action: "change_model", value: "logistic_regression" });
    expect(MODEL_REGISTRY.get(String(fix.value))?.tags.probabilities).toBe(true);
  });

  it("more folds than rows → NOT_ENOUGH_ROWS → fewer folds", () => {
    const frame = takeRows(frameOf(), Int32Array.from([0, 1, 2, 30, 31, 32]));
    const error = thrown(() => makeSplits({ kind: "kfold", k: 10 }, { n: frame.nRows, seed: 0 }));
    expect(error.code).toBe("NOT_ENOUGH_ROWS");
    const spec = specOf("random_forest_classifier", [{ type: "impute" }, { type: "encode" }]);
    const fix = diagnosed(contextOf(error, spec, frame, { cvFolds: 10 }), "empty-split");
    expect(fix).toEqual({ action: "cv_folds", value: 3 });
  });

  it("sample weights that do not match the rows → LENGTH_MISMATCH → without rebalancing", () => {
    const frame = frameOf();
    const spec = specOf("random_forest_classifier", [
      { type: "impute" },
      { type: "encode" },
      { type: "rebalance" },
    ]);
    const fit = fitPreprocessor(spec.steps, frame, { target: "y", task: "binary", seed: 0 });
    const est = getEstimator("random_forest_classifier");
    const error = thrown(() =>
      est.fit(
        fit.train.X,
        fit.train.y as Float64Array,
        parseEstimatorParams(est.name, est.params, { n_estimators: 3 }),
        {
          seed: 0,
          nClasses: 2,
          sampleWeight: new Float64Array(3),
        },
      ),
    );
    expect(error.code).toBe("LENGTH_MISMATCH");
    const fix = diagnosed(contextOf(error, spec, frame), "sample-count-mismatch");
    expect(fix).toEqual({ action: "rebalance_classes", value: "none" });
  });
});
