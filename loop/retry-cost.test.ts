/** The expected cost of retrying a timed-out trial: its lower bound, the fix's cut in work, another model's measured cost. */
import { describe, expect, it } from "vitest";
import { parsePipelineSpec } from "../data/preprocess/index.js";
import { expectedRetryMs, timedOutLowerBoundMs, workRatio } from "./retry-cost.js";
import type { Trial } from "./trial.js";
import { trialFixture } from "../test/trial-fixture.js";

const spec = (estimator: string, params: Record<string, unknown> = {}, steps: unknown[] = []) =>
  parsePipelineSpec({
    version: 1,
    task: "binary",
    target: "y",
    steps,
    estimator: { name: estimator, params },
  });

const trial = (over: Partial<Trial>): Trial =>
  trialFixture(spec("random_forest_classifier"), { score: 0.8, ...over });

const timedOut = (seconds: number, deadlineMs?: number) =>
  trial({
    status: "timed_out",
    score: null,
    seconds,
    error: {
      code: "FIT_TIMEOUT",
      message: "past its deadline",
      details: deadlineMs !== undefined ? { deadlineMs } : {},
    },
  });

describe("timedOutLowerBoundMs", () => {
  it("is the elapsed time, or a fold's deadline per wave of folds when that is more", () => {
    // Five folds on two workers: three waves, each fold needing more than the 1.5 s it had.
    expect(timedOutLowerBoundMs(timedOut(3, 1500), 2)).toBe(4500);
    expect(timedOutLowerBoundMs(timedOut(3, 500), 2)).toBe(3000);
    expect(timedOutLowerBoundMs(timedOut(3), 2)).toBe(3000);
  });
});

describe("workRatio", () => {
  const failed = timedOut(3);
  const with_ = (params: Record<string, unknown>, steps: unknown[] = [], cv_folds = 5) => ({
    spec: spec("random_forest_classifier", params, steps),
    settings: { cv_folds, ensemble: true },
  });
  it("scales with the work parameters against their defaults", () => {
    // The forest's default is 100 trees.
    expect(workRatio(failed, with_({ n_estimators: 25 }), 2)).toBeCloseTo(0.25, 12);
    // A parameter the forest does not have is no part of its work.
    expect(workRatio(failed, with_({ n_estimators: 25, max_leaf_nodes: 50 }), 2)).toBeCloseTo(0.25, 12);
  });
  it("counts a change it cannot size as no saving", () => {
    expect(workRatio(failed, with_({ max_depth: 12 }), 2)).toBe(1);
  });
  it("scales with an added feature selection and with the fold count", () => {
    const select = [{ type: "select_features", keep_fraction: 0.5 }];
    expect(workRatio(failed, with_({}, select), 2)).toBeCloseTo(0.5, 12);
    // 3 folds on 2 workers: 2 waves of 2/3 of the rows, against 3 waves of 4/5.
    expect(workRatio(failed, with_({}, [], 3), 2)).toBeCloseTo((2 * (2 / 3)) / (3 * 0.8), 12);
  });
});

describe("expectedRetryMs", () => {
  const failed = timedOut(4, 1000);
  const next = (estimator: string, params: Record<string, unknown> = {}) => ({
    spec: spec(estimator, params),
    settings: { cv_folds: 5, ensemble: true },
  });
  it("scales the timed-out trial for the same estimator", () => {
    expect(expectedRetryMs(failed, next("random_forest_classifier", { n_estimators: 50 }), [failed], 1)).toBe(
      0.5 * 5000,
    );
  });
  it("reads another estimator's cheapest finished trial, and knows nothing of one never run", () => {
    const trials = [
      failed,
      trial({ seq: 2, spec: spec("logistic_regression"), seconds: 0.8 }),
      trial({ seq: 3, spec: spec("logistic_regression", { C: 10 }), seconds: 0.3 }),
      trial({ seq: 4, spec: spec("logistic_regression"), seconds: 0.1, resource: 1 / 3 }),
    ];
    expect(expectedRetryMs(failed, next("logistic_regression"), trials, 2)).toBeCloseTo(300, 9);
    expect(expectedRetryMs(failed, next("extra_trees_classifier"), trials, 2)).toBeNull();
  });
  it("takes the lower bound of another estimator that only ran out", () => {
    const other = { ...timedOut(6), seq: 2, spec: spec("extra_trees_classifier") };
    expect(expectedRetryMs(failed, next("extra_trees_classifier"), [failed, other], 2)).toBe(6000);
  });
});
