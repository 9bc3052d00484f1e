/** Seeds added to the built-in portfolio on real data: their places, and when a costly one is skipped. */
import { beforeAll, describe, expect, it } from "vitest";
import { parsePipelineSpec } from "../../data/preprocess/index.js";
import { datasetPath } from "../../test/datasets.js";
import { trialFixture } from "../../test/trial-fixture.js";
import { baselinePortfolio } from "../portfolio.js";
import { loadRunData, type RunData } from "../run-data.js";
import { parseRunConfig } from "../run-loop.js";
import { type Trial, trialKey } from "../trial.js";
import { seededPortfolio, skipSeed } from "./index.js";

const settings = { cv_folds: 5, ensemble: true };
let cancer: RunData;
beforeAll(async () => {
  cancer = await loadRunData(
    parseRunConfig({ train: datasetPath("breast_cancer", "train.csv"), target: "diagnosis" }),
  );
});

const target = (d: RunData) => ({
  frame: d.frame,
  target: d.target,
  task: d.task,
  metric: d.metric,
  leaks: [],
});
const specOf = (d: RunData, estimator: string, params: Record<string, unknown> = {}) =>
  parsePipelineSpec({ version: 1, task: d.task, target: d.target, estimator: { name: estimator, params } });

const trial = (seq: number, spec: Trial["spec"], score: number, over: Partial<Trial> = {}): Trial =>
  trialFixture(spec, { seq, settings, score, std: 0.01, origin: "portfolio", ...over });

describe("seeded portfolio", () => {
  it("interleaves seeds with the built-in portfolio, keeping its order, never running one pipeline twice", () => {
    const builtin = baselinePortfolio({ ...target(cancer), seed: 0 });
    const et = builtin.findIndex((s) => s.estimator.name === "extra_trees_classifier");
    const variant = {
      ...builtin[et]!,
      estimator: { name: "extra_trees_classifier", params: { max_depth: 5 } },
    };
    const boost = { ...builtin[0]!, estimator: { name: "adaboost_classifier", params: {} } };
    const seeds = [
      { spec: variant, origin: "warm start: a" },
      { spec: builtin[1]!, origin: "warm start: b" },
      { spec: boost, origin: "warm start: c" },
    ];
    const p = seededPortfolio(builtin, { specs: seeds, params: new Map() }, settings);
    expect(p.specs.length).toBe(builtin.length + 2);
    // The built-in entries keep their order and their origin; a seed equal to one adds nothing.
    expect(p.specs.filter((_, i) => p.origins[i] === "portfolio")).toEqual(builtin);
    expect(p.origins).not.toContain("warm start: b");
    // Interleaved from the second place: built-in, seed, built-in, seed, …
    expect(p.specs.slice(0, 4)).toEqual([builtin[0], variant, builtin[1], boost]);
    expect(p.origins.slice(0, 4)).toEqual(["portfolio", "warm start: a", "portfolio", "warm start: c"]);
    expect(new Set(p.specs.map((s) => trialKey(s, settings))).size).toBe(p.specs.length);
    expect(seededPortfolio(builtin, undefined, settings).specs).toEqual(builtin);
  });

  it("skips a seed whose estimator's built-in trial here failed or was costly for the budget", () => {
    const spec = specOf(cancer, "extra_trees_classifier", { max_depth: 5 });
    const own = (over: Partial<Trial>) => [trial(1, specOf(cancer, "extra_trees_classifier"), 0.9, over)];
    expect(skipSeed(spec, [], 20)).toBe(false);
    expect(skipSeed(spec, own({ seconds: 1 }), 20)).toBe(false);
    expect(skipSeed(spec, own({ seconds: 5 }), 20)).toBe(true);
    expect(skipSeed(spec, own({ seconds: 5 }), undefined)).toBe(false);
    expect(skipSeed(spec, own({ status: "timed_out", score: null }), 20)).toBe(true);
    // Another estimator's cost says nothing about this one.
    expect(skipSeed(specOf(cancer, "lda"), own({ seconds: 5 }), 20)).toBe(false);
  });
});
