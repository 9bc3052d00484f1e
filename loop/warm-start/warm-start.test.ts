/** Metalearning parts on real data: meta-features, distance, recipes rebuilt on other data, outcomes, warm-start plans. */
import { beforeAll, describe, expect, it } from "vitest";
import { parsePipelineSpec } from "../../data/preprocess/index.js";
import type { OutcomeRecord } from "../../memory/index.js";
import { datasetPath } from "../../test/datasets.js";
import { trialFixture } from "../../test/trial-fixture.js";
import { planExploit } from "../exploit.js";
import { baselinePortfolio } from "../portfolio.js";
import { loadRunData, type RunData } from "../run-data.js";
import { parseRunConfig } from "../run-loop.js";
import type { Trial } from "../trial.js";
import { trialKey } from "../trial.js";
import {
  adaptRecipe,
  computeMetaFeatures,
  metaDistance,
  outcomePipelines,
  planWarmStart,
  type Recipe,
  recipeKey,
  recipeOf,
  seededPortfolio,
  seedsOf,
  TWIN_DISTANCE,
} from "./index.js";

const settings = { cv_folds: 5, ensemble: true };

const load = (name: "penguins" | "breast_cancer" | "credit_data" | "diabetes" | "letter", target: string) =>
  loadRunData(parseRunConfig({ train: datasetPath(name, "train.csv"), target }));

let penguins: RunData;
let cancer: RunData;
let credit: RunData;
let diabetes: RunData;
beforeAll(async () => {
  [penguins, cancer, credit, diabetes] = await Promise.all([
    load("penguins", "Species"),
    load("breast_cancer", "diagnosis"),
    load("credit_data", "Status"),
    load("diabetes", "progression"),
  ]);
});

const meta = (d: RunData, seed = 0) =>
  computeMetaFeatures({
    frame: d.frame,
    target: d.target,
    task: d.task,
    y: d.y,
    nClasses: d.classes?.length ?? 0,
    seed,
  });

/** Another table much like `f` (its 1-NN landmark 0.4 lower): near, yet not this table (a twin). */
const nearby = (f: Record<string, number | null>) => ({ ...f, landmark_1nn: (f.landmark_1nn ?? 0) - 0.4 });

const target = (d: RunData) => ({
  frame: d.frame,
  target: d.target,
  task: d.task,
  metric: d.metric,
  profile: d.profile,
  seed: 0,
  leaks: [],
});

describe("meta-features", () => {
  it("describe the table and its target, the same for the same seed", () => {
    const m = meta(penguins);
    expect(meta(penguins)).toEqual(m);
    expect(m.rows).toBe(penguins.frame.nRows);
    expect(m.features).toBe(penguins.frame.columns.length - 1);
    expect(
      m.share_numeric + m.share_categorical + m.share_boolean + m.share_datetime + m.share_text,
    ).toBeCloseTo(1);
    expect(m.classes).toBe(3);
    expect(m.missing_rate).toBeGreaterThan(0);
    expect(m.target_skew).toBeNull();
    // Penguin species are easy to tell apart by their measurements.
    expect(m.landmark_1nn).toBeGreaterThan(0.9);
    const r = meta(diabetes);
    expect(r.classes).toBeNull();
    expect(r.class_entropy).toBeNull();
    expect(r.target_skew).not.toBeNull();
    expect(r.categorical_cardinality).toBeNull();
  });

  it("give distance 0 to the same data, symmetric, and nearer for the same task", () => {
    const [p, c, b, d] = [meta(penguins), meta(credit), meta(cancer), meta(diabetes)];
    expect(metaDistance(p, p)).toBe(0);
    expect(metaDistance(p, c)).toBeCloseTo(metaDistance(c, p), 12);
    for (const other of [p, c, b]) {
      expect(metaDistance(other, d)).toBeGreaterThan(metaDistance(other, other === p ? c : p));
      expect(metaDistance(other, d)).toBeLessThanOrEqual(1);
    }
  });
});

describe("recipes", () => {
  const tuned = (d: RunData) =>
    parsePipelineSpec({
      version: 1,
      task: d.task,
      target: d.target,
      steps: [
        { type: "impute", strategy: "mean", add_indicator: true, columns: "numeric" },
        { type: "impute", strategy: "constant", columns: "categorical" },
        { type: "encode", method: "ordinal" },
        { type: "scale", method: "robust" },
      ],
      estimator: { name: "logistic_regression", params: { C: 3.5 } },
      seed: 0,
    });

  it("carry estimator, params and step kinds to another table's columns", () => {
    const recipe = recipeOf(tuned(credit));
    expect(recipe).toMatchObject({
      estimator: "logistic_regression",
      params: { C: 3.5 },
      imputation: "mean",
      encoding: "ordinal",
      scaling: "robust",
    });
    const onPenguins = adaptRecipe(recipe, target(penguins));
    expect(onPenguins?.target).toBe("Species");
    expect(onPenguins?.task).toBe("multiclass");
    expect(recipeOf(onPenguins as never)).toEqual(recipe);
    // No categorical column in breast_cancer: the encoding choice has nothing to act on.
    const onCancer = adaptRecipe(recipe, target(cancer));
    expect(onCancer?.steps.some((s) => s.type === "encode")).toBe(false);
    expect(onCancer?.estimator.params).toMatchObject({ C: 3.5 });
  });

  it("leave out steps the data's defaults put there, so one model with defaults is one recipe everywhere", () => {
    const builtin = (d: RunData) => baselinePortfolio({ ...target(d), seed: 0 });
    for (const name of ["hist_gradient_boosting_classifier", "logistic_regression", "knn_classifier"]) {
      const onCredit = builtin(credit).find((s) => s.estimator.name === name);
      const onCancer = builtin(cancer).find((s) => s.estimator.name === name);
      const onPenguins = builtin(penguins).find((s) => s.estimator.name === name);
      // credit has categoricals with missing values (encoded, constant fill), breast_cancer none:
      // gradient boosting splits on their codes, the others see them one-hot.
      const encoding = onCredit?.steps.find((s) => s.type === "encode");
      expect(encoding).toMatchObject({ method: name.startsWith("hist_") ? "native" : "one_hot" });
      expect(onCancer?.steps.some((s) => s.type === "encode")).toBe(false);
      const r = recipeOf(onCredit as never);
      expect(r).toMatchObject({ imputation: null, encoding: null, scaling: null, text_features: null });
      expect(recipeKey(recipeOf(onCancer as never))).toBe(recipeKey(r));
      expect(recipeKey(recipeOf(onPenguins as never))).toBe(recipeKey(r));
      // Rebuilt elsewhere, the default recipe is the built-in entry there (scaling included where needed).
      expect(adaptRecipe(r, target(cancer))?.steps).toEqual(onCancer?.steps);
    }
    // A scale-needing estimator left unscaled is a choice, and it travels.
    const unscaled = recipeOf(specOf(credit, "logistic_regression"));
    expect(unscaled.scaling).toBe("none");
    expect(adaptRecipe(unscaled, target(cancer))?.steps.some((s) => s.type === "scale")).toBe(false);
    // A non-default choice still counts: mean imputation is not the default median.
    expect(recipeOf(tuned(credit)).imputation).toBe("mean");
  });

  it("are refused where the estimator is (another task, no probabilities for the metric)", () => {
    const base: Recipe = { ...recipeOf(tuned(credit)), estimator: "ridge_classifier", params: {} };
    // roc_auc needs probabilities; ridge_classifier has none.
    expect(adaptRecipe(base, target(cancer))).toBeNull();
    expect(adaptRecipe(base, target(diabetes))).toBeNull();
  });

  it("leave out a param that set_hyperparameter refuses here, and keep the valid ones", () => {
    const ridge: Recipe = { ...recipeOf(tuned(credit)), estimator: "ridge", params: { alpha: 1e9 } };
    expect(adaptRecipe(ridge, target(diabetes))?.estimator.params).not.toHaveProperty("alpha");
    const ok = adaptRecipe({ ...ridge, params: { alpha: 5 } }, target(diabetes));
    expect(ok?.estimator).toEqual({ name: "ridge", params: { alpha: 5 } });
  });
});

const trial = (seq: number, spec: Trial["spec"], score: number, over: Partial<Trial> = {}): Trial =>
  trialFixture(spec, { seq, settings, score, std: 0.01, origin: "portfolio", ...over });

const specOf = (d: RunData, estimator: string, params: Record<string, unknown> = {}) =>
  parsePipelineSpec({ version: 1, task: d.task, target: d.target, estimator: { name: estimator, params } });

describe("outcomes", () => {
  it("keep one pipeline per recipe, best first, normalised between the median and the best", () => {
    const trials = [
      trial(1, specOf(cancer, "logistic_regression"), 0.9),
      trial(2, specOf(cancer, "extra_trees_classifier"), 0.97),
      trial(3, specOf(cancer, "extra_trees_classifier"), 0.97),
      trial(4, specOf(cancer, "gaussian_nb"), 0.8),
      trial(5, specOf(cancer, "lda"), 0.99, { resource: 1 / 3 }),
    ];
    const out = outcomePipelines(trials, "roc_auc");
    expect(out.map((p) => p.seq)).toEqual([2, 1, 4]);
    expect(out[0]?.normalized).toBe(1);
    expect(out[2]?.normalized).toBe(0);
    const rmse = outcomePipelines(trials, "rmse");
    expect(rmse[0]?.seq).toBe(4);
  });
});

function outcomeRecord(
  runId: string,
  d: RunData,
  features: Record<string, number | null>,
  pipelines: unknown[],
): OutcomeRecord {
  return {
    runId,
    fingerprint: runId,
    target: d.target,
    task: d.task,
    metric: d.metric,
    dataset: `/x/${runId}/train.csv`,
    metaVersion: 1,
    pipelines,
    cvScore: null,
    testScore: null,
    seconds: 1,
    createdAt: "2024-01-01T00:00:00.000Z",
    features,
  };
}

describe("warm-start plan", () => {
  it("seeds the nearest datasets' best recipes first, rebuilt here; other task families are ignored", () => {
    const near = outcomePipelines(
      [trial(1, specOf(credit, "extra_trees_classifier", { max_depth: 12 }), 0.9)],
      "roc_auc",
    );
    const far = outcomePipelines(
      [trial(1, specOf(credit, "gaussian_nb", { var_smoothing: 1e-6 }), 0.9)],
      "roc_auc",
    );
    const reg = outcomePipelines([trial(1, specOf(diabetes, "ridge"), 50)], "rmse");
    const here = meta(cancer);
    const outcomes = [
      outcomeRecord("far", credit, meta(penguins), far),
      outcomeRecord("near", credit, nearby(here), near),
      outcomeRecord("reg", diabetes, meta(diabetes), reg),
    ];
    const plan = planWarmStart(outcomes, { features: here, ...target(cancer) }, settings);
    expect(plan?.from.map((f) => f.run_id)).toEqual(["near", "far"]);
    expect(plan?.from[0]?.distance).toBeGreaterThan(TWIN_DISTANCE);
    expect(plan?.from[0]?.distance).toBeLessThan(0.1);
    const seeds = seedsOf(plan as never);
    expect(seeds.specs.map((s) => s.spec.estimator.name)).toEqual(["extra_trees_classifier", "gaussian_nb"]);
    expect(seeds.specs[0]?.spec.target).toBe("diagnosis");
    expect(seeds.specs[0]?.spec.estimator.params).toMatchObject({ max_depth: 12 });
    expect(seeds.params.get("extra_trees_classifier")?.[0]).toMatchObject({ max_depth: 12 });
    // The proposer's history: the neighbours nearest first, with their winners.
    expect(seeds.history?.map((h) => [h.dataset, h.best[0]?.recipe.estimator])).toEqual([
      ["near/train.csv", "extra_trees_classifier"],
      ["far/train.csv", "gaussian_nb"],
    ]);
    // Only defaults learned (the built-in entries run anyway): no seed, yet the run still learns.
    const defaults = outcomePipelines([trial(1, specOf(credit, "lda"), 0.9)], "roc_auc");
    const plain = planWarmStart(
      [outcomeRecord("plain", credit, nearby(here), defaults)],
      { features: here, ...target(cancer) },
      settings,
    );
    expect(plain?.seeds).toEqual([]);
    expect(plain?.from.map((f) => f.run_id)).toEqual(["plain"]);
    expect(planWarmStart([], { features: here, ...target(cancer) }, settings)).toBeNull();
    expect(planWarmStart(outcomes.slice(2), { features: here, ...target(cancer) }, settings)).toBeNull();
  });

  it("leaves costly pipelines to TPE under a tight budget and never seeds more trees than the default", () => {
    const here = meta(cancer);
    const slow = outcomePipelines(
      [
        trial(1, specOf(cancer, "extra_trees_classifier", { n_estimators: 400, max_depth: 10 }), 0.99, {
          fitSeconds: 50,
        }),
      ],
      "roc_auc",
    );
    const fast = outcomePipelines(
      [trial(1, specOf(cancer, "gaussian_nb", { var_smoothing: 1e-6 }), 0.9, { fitSeconds: 0.5 })],
      "roc_auc",
    );
    const outcomes = [
      outcomeRecord("slow", credit, nearby(here), slow),
      outcomeRecord("fast", credit, meta(credit), fast),
    ];
    const loose = planWarmStart(outcomes, { features: here, ...target(cancer) }, settings);
    const trees = seedsOf(loose as never).specs.find(
      (s) => s.spec.estimator.name === "extra_trees_classifier",
    );
    // 400 trees in the source run; the seed starts at the registry default (100).
    expect(trees?.spec.estimator.params).not.toHaveProperty("n_estimators");
    // The cheap seed runs first, though it scored lower.
    expect(seedsOf(loose as never).specs[0]?.spec.estimator.name).toBe("gaussian_nb");
    const tight = planWarmStart(outcomes, { features: here, budgetSeconds: 20, ...target(cancer) }, settings);
    expect(seedsOf(tight as never).specs.map((s) => s.spec.estimator.name)).toEqual(["gaussian_nb"]);
    expect(tight?.params.map((p) => p.estimator)).toContain("extra_trees_classifier");
  });

  it("lets this same table's best pipelines lead, built-in defaults among them, as they ran there", () => {
    const here = meta(cancer);
    const past = outcomePipelines(
      [
        trial(1, specOf(cancer, "logistic_regression"), 0.9),
        trial(2, specOf(cancer, "hist_gradient_boosting_classifier"), 0.99),
        trial(3, specOf(cancer, "extra_trees_classifier", { n_estimators: 400 }), 0.98),
        trial(4, specOf(cancer, "gaussian_nb"), 0.5),
        trial(5, specOf(cancer, "lda"), 0.6),
      ],
      "roc_auc",
    );
    const plan = planWarmStart(
      [outcomeRecord("twin", cancer, here, past)],
      { features: here, ...target(cancer) },
      settings,
    );
    const seeds = seedsOf(plan as never);
    // Its best three estimators at least halfway from its median to its best, best first; HGB with
    // default params leads too (a seed from another table equal to a built-in entry is not added).
    expect(seeds.specs.filter((s) => s.lead).map((s) => s.spec.estimator.name)).toEqual([
      "hist_gradient_boosting_classifier",
      "extra_trees_classifier",
    ]);
    expect(seeds.specs[1]?.spec.estimator.params).toMatchObject({ n_estimators: 400 });
    expect(seeds.specs[0]?.origin).toBe("warm start: twin/train.csv (same data)");
    const builtin = baselinePortfolio({ ...target(cancer) });
    const order = seededPortfolio(builtin, seeds, settings);
    expect(order.leads).toBe(2);
    expect(order.specs.slice(0, 3).map((s) => s.estimator.name)).toEqual([
      "hist_gradient_boosting_classifier",
      "extra_trees_classifier",
      "logistic_regression",
    ]);
    // Built-in estimators that only ran out of time or failed on this table are passed over, when
    // this run's budget is no larger than that run's time (outcomeRecord: 1 s).
    const trialsOf = () => [
      { phase: "baseline", status: "timed_out", spec: specOf(cancer, "knn_classifier") },
      { phase: "baseline", status: "failed", spec: specOf(cancer, "random_forest_classifier") },
      {
        phase: "baseline",
        status: "ok",
        spec: specOf(cancer, "random_forest_classifier", { n_estimators: 10 }),
      },
      { phase: "exploit", status: "timed_out", spec: specOf(cancer, "lda") },
    ];
    const budgeted = (budgetSeconds: number) =>
      planWarmStart(
        [outcomeRecord("twin", cancer, here, past)],
        { features: here, budgetSeconds, ...target(cancer) },
        settings,
        trialsOf,
      );
    expect(budgeted(1)?.skip).toEqual(["knn_classifier"]);
    expect(budgeted(2)?.skip).toBeUndefined();
    expect(seedsOf(budgeted(1) as never).skip?.has("knn_classifier")).toBe(true);
    // The built-in HGB runs once, as the lead.
    const keys = order.specs.map((s) => trialKey(s, settings));
    expect(new Set(keys).size).toBe(keys.length);
    expect(order.specs.filter((s) => s.estimator.name === "hist_gradient_boosting_classifier")).toHaveLength(
      1,
    );
  });

  it("offers warm params to TPE before its random startup trials, once each", () => {
    const base = specOf(cancer, "extra_trees_classifier");
    const trials = [trial(1, base, 0.9)];
    const tried = new Set(trials.map((t) => trialKey(t.spec, t.settings)));
    const warm = new Map([["extra_trees_classifier", [{ max_depth: 7 }]]]);
    const first = planExploit(trials, "roc_auc", 0, 400, tried, 1, warm);
    expect(first?.origin).toContain("warm start");
    expect(first?.spec.estimator.params).toMatchObject({ max_depth: 7 });
    tried.add(trialKey(first!.spec, first!.settings));
    const next = planExploit(
      [...trials, trial(2, first!.spec, 0.91, { phase: "exploit" })],
      "roc_auc",
      0,
      400,
      tried,
      1,
      warm,
    );
    expect(next?.origin).not.toContain("warm start");
    expect(planExploit(trials, "roc_auc", 0, 400, new Set(tried), 1)?.origin).not.toContain("warm start");
  });
});
