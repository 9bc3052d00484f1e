/** Unit checks of the loop's pure parts: trial keys, leaderboard order, fold preprocessing, blending, refit packing. */
import { describe, expect, it } from "vitest";
import { createFrame } from "../data/frame.js";
import { parsePipelineSpec } from "../data/preprocess/index.js";
import { fitEnsembleToTime } from "./finish.js";
import { blendMembers } from "./fitted-pipeline.js";
import { fitOnRows } from "./fold-data.js";
import { leaderboard, type Trial, trialKey } from "./trial.js";
import { trialFixture } from "../test/trial-fixture.js";

const spec = (estimator: string, params: Record<string, unknown> = {}) =>
  parsePipelineSpec({ version: 1, task: "binary", target: "y", estimator: { name: estimator, params } });
const settings = { cv_folds: 5, ensemble: true };

const trial = (seq: number, score: number | null, over: Partial<Trial> = {}): Trial =>
  trialFixture(spec("ridge_classifier"), {
    seq,
    settings,
    status: score === null ? "failed" : "ok",
    score,
    ...over,
  });

describe("trialKey", () => {
  it("treats omitted params and explicit defaults as one experiment", () => {
    expect(trialKey(spec("ridge_classifier"), settings)).toBe(
      trialKey(spec("ridge_classifier", { alpha: 1 }), settings),
    );
    expect(trialKey(spec("ridge_classifier"), settings)).not.toBe(
      trialKey(spec("ridge_classifier", { alpha: 2 }), settings),
    );
    expect(trialKey(spec("ridge_classifier"), settings)).not.toBe(
      trialKey(spec("ridge_classifier"), { ...settings, cv_folds: 3 }),
    );
  });
});

describe("leaderboard", () => {
  it("ranks ok trials by the metric's direction, ties to the earlier trial, failures left out", () => {
    const trials = [
      trial(1, 0.8),
      trial(2, null),
      trial(3, 0.9),
      trial(4, 0.9),
      trial(5, 0.95, { resource: 0.5 }),
    ];
    expect(leaderboard(trials, "accuracy").map((r) => r.seq)).toEqual([3, 4, 1]);
    expect(leaderboard(trials, "log_loss").map((r) => r.seq)).toEqual([1, 3, 4]);
  });
});

describe("fitOnRows", () => {
  it("keeps the run's class indices when the rows miss a class", () => {
    const frame = createFrame([
      { name: "x", kind: "numeric", values: Float64Array.from([1, 2, 3, 4, 5, 6]) },
      {
        name: "y",
        kind: "categorical",
        codes: Int32Array.from([0, 1, 2, 0, 1, 2]),
        levels: ["a", "b", "c"],
        ordered: false,
      },
    ]);
    const y = Float64Array.from([0, 1, 2, 0, 1, 2]);
    const fit = fitOnRows(
      { frame, target: "y", task: "multiclass", y },
      [],
      Int32Array.from([0, 2, 3, 5]),
      0,
    );
    expect([...(fit.train.y as Float64Array)]).toEqual([0, 2, 0, 2]);
  });
});

describe("blendMembers", () => {
  it("averages probabilities, one-hot for label-only members, and takes the argmax", () => {
    const out = blendMembers(
      [0.5, 0.5],
      [
        { values: Float64Array.from([0, 1]), proba: Float64Array.from([0.6, 0.4, 0.2, 0.8]) },
        { values: Float64Array.from([1, 1]) },
      ],
      2,
    );
    expect([...(out.proba as Float64Array)]).toEqual([0.3, 0.7, 0.1, 0.9]);
    expect([...out.values]).toEqual([1, 1]);
  });
  it("averages regression values by weight", () => {
    const out = blendMembers(
      [0.25, 0.75],
      [{ values: Float64Array.from([4]) }, { values: Float64Array.from([8]) }],
      null,
    );
    expect(out.values[0]).toBe(7);
  });
});

describe("fitEnsembleToTime", () => {
  it("drops the lightest members until the packed refit fits, renormalising the rest", () => {
    const trials = [
      trial(1, 0.9, { maxFoldFitSeconds: 4 }),
      trial(2, 0.8, { maxFoldFitSeconds: 4 }),
      trial(3, 0.7, { maxFoldFitSeconds: 4 }),
    ];
    const choice = {
      members: [
        { seq: 1, weight: 0.5 },
        { seq: 2, weight: 0.3 },
        { seq: 3, weight: 0.2 },
      ],
      score: 0.95,
      ensembled: true,
    };
    // Each refit ≈ 4 × 5/4 × 1.3 = 6.5 s; two lanes fit two members in 7 s, not three.
    const fitted = fitEnsembleToTime(choice, trials, 7000, 2);
    expect(fitted.members.map((m) => m.seq)).toEqual([1, 2]);
    expect(fitted.members[0]?.weight).toBeCloseTo(0.625, 12);
    expect(fitEnsembleToTime(choice, trials, 1000, 2).members.map((m) => m.seq)).toEqual([1]);
    expect(fitEnsembleToTime(choice, trials, 60_000, 2)).toBe(choice);
  });
});
