import { describe, expect, it } from "vitest";
import type { StepInput } from "../../data/preprocess/index.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import type { Trial } from "../../loop/trial.js";
import { ScriptedGateway } from "../testing/scripted-gateway.js";
import { createAgentProposer } from "./agent-proposer.js";
import { moveKey } from "./move-label.js";
import { proposerAgent } from "./proposer-agent.js";
import { resolveMove } from "./proposer-checks.js";
import { profileOn, requestOf, specOn, toyFrame, trialOf } from "./proposer-fixtures.js";
import { heuristicCandidates, proposerHeuristic } from "./proposer-heuristic.js";
import { MAX_HISTORY, proposerInput } from "./proposer-input.js";
import type { ProposerFacts, ProposerInput, ProposerOutput } from "./proposer-schema.js";

const SCALE: StepInput[] = [{ type: "scale", method: "standard" }];
const balanced = toyFrame();
const balancedProfile = profileOn(balanced, "y");

interface Case {
  estimator: string;
  params?: Record<string, unknown>;
  extra?: StepInput[];
  metric?: MetricName;
  frame?: ReturnType<typeof toyFrame>;
  facts?: Partial<ProposerFacts>;
  /** Trials before the incumbent (which is appended last unless one of these is flagged). */
  before?: Trial[];
}

function setup(c: Case) {
  const frame = c.frame ?? balanced;
  const profile = frame === balanced ? balancedProfile : profileOn(frame, "y");
  const spec = specOn(frame, {
    target: "y",
    task: "binary",
    estimator: c.estimator,
    params: c.params ?? {},
    extra: c.extra ?? [],
  });
  const before = c.before ?? [];
  const incumbent = trialOf({
    seq: before.length + 1,
    spec,
    score: 0.8,
    phase: before.length > 0 ? "explore" : "baseline",
  });
  const trials = [...before, incumbent];
  const request = requestOf({ profile, metric: c.metric ?? "roc_auc", trials, incumbent });
  const input = proposerInput(request);
  return { request, input: { ...input, facts: { ...input.facts, ...c.facts } }, spec, trials };
}

const label = (o: ProposerOutput) => {
  const a = o.action as { action: string; value: unknown; param?: string };
  return a.param !== undefined ? `${a.param}=${String(a.value)}` : `${a.action}=${String(a.value)}`;
};
const labels = (input: ProposerInput) => heuristicCandidates(input).map(label);

describe("proposer input", () => {
  it("reads the facts of the features from the profile", () => {
    const { input } = setup({ estimator: "logistic_regression", frame: toyFrame({ minority: 0.1 }) });
    expect(input.facts).toMatchObject({
      nRows: 200,
      nFeatures: 3,
      categorical: [{ name: "color", cardinality: 3 }],
      heavyTailed: ["b"],
      negatives: false,
      textColumns: 0,
    });
    expect(input.facts.minorityShare).toBeCloseTo(0.1, 5);
    expect(input.direction).toBe("max");
    expect(input.columns.find((c) => c.name === "y")).toEqual({
      name: "y",
      kind: "categorical",
      target: true,
    });
  });

  it("shows the last trials, compactly", () => {
    const spec = specOn(balanced, { target: "y", task: "binary", estimator: "knn_classifier", extra: SCALE });
    const trials = Array.from({ length: 35 }, (_, i) =>
      trialOf({ seq: i + 1, spec: { ...spec, seed: i }, score: 0.5 + i / 100 }),
    );
    const request = requestOf({
      profile: balancedProfile,
      metric: "roc_auc",
      trials,
      incumbent: trials[34]!,
    });
    const { history } = proposerInput(request);
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history[0]).toMatchObject({
      seq: 6,
      phase: "baseline",
      estimator: "knn_classifier",
      params: {},
      steps: "impute(median) > encode(one_hot) > scale(standard)",
      status: "ok",
      beatIncumbent: null,
    });
  });
});

describe("proposer heuristic rules", () => {
  it("scales an unscaled kNN first, then its best-known levers", () => {
    const { input } = setup({ estimator: "knn_classifier" });
    expect(labels(input).slice(0, 3)).toEqual(["scaling=standard", "weights=distance", "n_neighbors=15"]);
    const first = proposerHeuristic(input);
    expect(first.rationale).toMatch(/knn_classifier depends on feature scale/);
  });

  it("gives gradient boosting native categoricals, then learning rate and rounds", () => {
    const { input } = setup({ estimator: "hist_gradient_boosting_classifier" });
    expect(labels(input).slice(0, 3)).toEqual(["encoding=native", "learning_rate=0.05", "max_iter=300"]);
    // With early stopping on (over 10,000 rows), more rounds come first: they cost little.
    const big = setup({ estimator: "hist_gradient_boosting_classifier", facts: { nRows: 20_000 } }).input;
    expect(labels(big).slice(0, 3)).toEqual(["encoding=native", "max_iter=300", "learning_rate=0.05"]);
  });

  it("target-encodes a high-cardinality categorical for a linear model", () => {
    const { input } = setup({
      estimator: "logistic_regression",
      extra: SCALE,
      frame: toyFrame({ levels: 30 }),
    });
    expect(input.facts.categorical).toEqual([{ name: "color", cardinality: 30 }]);
    expect(labels(input)[0]).toBe("encoding=target");
    // Three levels fit one-hot: no target encoding.
    expect(labels(setup({ estimator: "logistic_regression", extra: SCALE }).input)).not.toContain(
      "encoding=target",
    );
  });

  it("rebalances a rare class under a metric that rewards it, with weights or by oversampling", () => {
    const frame = toyFrame({ minority: 0.1 });
    const weighted = setup({ estimator: "logistic_regression", extra: SCALE, frame, metric: "f1" }).input;
    expect(labels(weighted)[0]).toBe("rebalance_classes=class_weight");
    const knn = setup({ estimator: "knn_classifier", extra: SCALE, frame, metric: "f1" }).input;
    expect(labels(knn)[0]).toBe("rebalance_classes=oversample");
    const accuracy = setup({
      estimator: "logistic_regression",
      extra: SCALE,
      frame,
      metric: "accuracy",
    }).input;
    expect(labels(accuracy).some((l) => l.startsWith("rebalance_classes"))).toBe(false);
  });

  it("selects features for a noise-sensitive model on many features, clips outliers for a linear one", () => {
    const knn = setup({ estimator: "knn_classifier", extra: SCALE, facts: { nFeatures: 50 } }).input;
    expect(labels(knn)[0]).toBe("feature_selection=0.5");
    const linear = setup({ estimator: "logistic_regression", extra: SCALE }).input;
    expect(labels(linear)[0]).toBe("clip_outliers=true");
    const calm = setup({ estimator: "logistic_regression", extra: SCALE, facts: { heavyTailed: [] } }).input;
    expect(labels(calm)).not.toContain("clip_outliers=true");
  });

  it("regularises a linear model more first when rows are few per feature", () => {
    const base = { estimator: "logistic_regression", extra: SCALE, facts: { heavyTailed: [] } };
    expect(labels(setup(base).input).slice(0, 2)).toEqual(["C=10", "C=0.1"]);
    const wide = setup({ ...base, facts: { heavyTailed: [], nRows: 100, nFeatures: 50 } }).input;
    expect(labels(wide).slice(0, 2)).toEqual(["C=0.1", "C=10"]);
  });

  it("tries forests with half the features per split and larger leaves", () => {
    const { input } = setup({ estimator: "random_forest_classifier" });
    expect(labels(input).slice(0, 2)).toEqual(["max_features=fraction", "min_samples_leaf=3"]);
  });
});

describe("proposer heuristic and the trials", () => {
  it("never returns a tried state, and never two moves to the same state", () => {
    const { input } = setup({ estimator: "knn_classifier" });
    const all = heuristicCandidates(input);
    const keys = all.map((c) => {
      const r = resolveMove(input, c.action);
      if (!r.ok) throw new Error(r.problem);
      return r.key;
    });
    expect(new Set(keys).size).toBe(keys.length);
    const tried = new Set([...input.tried, keys[0]!]);
    const next = heuristicCandidates({ ...input, tried });
    expect(next[0]).toEqual(all[1]);
    expect(next).toHaveLength(all.length - 1);
  });

  it("is deterministic", () => {
    const a = setup({ estimator: "hist_gradient_boosting_classifier" });
    const b = setup({ estimator: "hist_gradient_boosting_classifier" });
    expect(heuristicCandidates(b.input)).toEqual(heuristicCandidates(a.input));
    expect(proposerAgent.heuristic(a.input)).toEqual(heuristicCandidates(a.input)[0]);
  });

  it("does not repeat a move that made the same estimator worse", () => {
    const hgb = (params: Record<string, unknown>) =>
      specOn(balanced, {
        target: "y",
        task: "binary",
        estimator: "hist_gradient_boosting_classifier",
        params,
      });
    // The native-encoded incumbent, made by the move itself.
    const first = setup({ estimator: "hist_gradient_boosting_classifier" });
    const nativeMove = resolveMove(first.input, { action: "encoding", value: "native" });
    if (!nativeMove.ok) throw new Error(nativeMove.problem);
    const before = [
      trialOf({ seq: 1, spec: hgb({}), score: 0.8 }),
      trialOf({
        seq: 2,
        phase: "explore",
        spec: hgb({ learning_rate: 0.05 }),
        score: 0.79,
        origin: "set_hyperparameter learning_rate = 0.05 (heuristic)",
      }),
    ];
    const incumbent = trialOf({
      seq: 3,
      phase: "explore",
      spec: nativeMove.state.spec,
      score: 0.85,
      origin: "encoding = native (heuristic)",
    });
    const trials = [...before, incumbent];
    const input = proposerInput(
      requestOf({ profile: balancedProfile, metric: "roc_auc", trials, incumbent }),
    );
    expect(input.search.movesThatDidNotHelp).toEqual([
      moveKey("hist_gradient_boosting_classifier", "set_hyperparameter learning_rate = 0.05"),
    ]);
    expect(input.history.map((h) => h.beatIncumbent)).toEqual([null, false, true]);
    const l = labels(input);
    expect(l).not.toContain("learning_rate=0.05");
    expect(l[0]).toBe("max_iter=300");
  });

  it("changes model only to untried estimators that did not fail, the runners-up last", () => {
    const other = (estimator: string, seq: number, score: number | null) =>
      trialOf({ seq, spec: specOn(balanced, { target: "y", task: "binary", estimator }), score });
    const before = [
      other("logistic_regression", 1, 0.7),
      other("adaboost_classifier", 2, null),
      other("hist_gradient_boosting_classifier", 3, 0.75),
    ];
    const { input } = setup({
      estimator: "random_forest_classifier",
      extra: [{ type: "clip_outliers" }],
      metric: "f1",
      before,
    });
    expect(input.search.failedEstimators).toEqual(["adaboost_classifier"]);
    const models = heuristicCandidates(input)
      .map((c) => c.action as { action: string; value: string })
      .filter((a) => a.action === "change_model")
      .map((a) => a.value);
    expect(models).not.toContain("adaboost_classifier");
    expect(models.some((m) => m.startsWith("constant_"))).toBe(false);
    // The strong untried family first; the runner-up last, on the incumbent's steps; logistic
    // regression (tried, and unscaled here) not at all.
    expect(models[0]).toBe("extra_trees_classifier");
    expect(models.at(-1)).toBe("hist_gradient_boosting_classifier");
    expect(models).not.toContain("logistic_regression");
    // Estimators that need scaling wait behind those that fit the unscaled steps.
    expect(models.indexOf("decision_tree_classifier")).toBeGreaterThan(0);
    expect(models.indexOf("linear_svc")).toBeGreaterThan(models.indexOf("decision_tree_classifier"));
  });

  it("does not change to a model the portfolio leaves out for the table's size, nor lets a proposal do so", () => {
    const { input } = setup({ estimator: "random_forest_classifier" });
    const models = (i: typeof input) =>
      heuristicCandidates(i)
        .map((c) => c.action as { action: string; value: string })
        .filter((a) => a.action === "change_model")
        .map((a) => a.value);
    expect(models(input)).toEqual(expect.arrayContaining(["knn_classifier", "mlp_classifier"]));
    // 40,000 rows × 9 features: past KNN's 20,000 rows and the MLP's 100,000 cells.
    const big = models({ ...input, facts: { ...input.facts, nRows: 40_000, nFeatures: 9 } });
    expect(big).not.toContain("knn_classifier");
    expect(big).not.toContain("mlp_classifier");
    expect(big).toContain("extra_trees_classifier");
    const proposed = resolveMove(
      { ...input, facts: { ...input.facts, nRows: 40_000, nFeatures: 9 } },
      { action: "change_model", value: "mlp_classifier" },
    );
    expect(proposed.ok ? "" : proposed.problem).toMatch(/^too costly here: .* 40000 rows × 9 features/);
    expect(resolveMove(input, { action: "change_model", value: "mlp_classifier" }).ok).toBe(true);
  });

  it("has nothing to offer once every candidate was tried, and the proposer then returns null without asking", async () => {
    const { input, request } = setup({ estimator: "knn_classifier", extra: SCALE });
    const keys = heuristicCandidates(input).map((c) => {
      const r = resolveMove(input, c.action);
      return r.ok ? r.key : "";
    });
    expect(keys.length).toBeGreaterThan(5);
    const tried = new Set([...input.tried, ...keys]);
    expect(heuristicCandidates({ ...input, tried })).toEqual([]);
    expect(() => proposerHeuristic({ ...input, tried })).toThrow(/no untried move/);
    const gateway = new ScriptedGateway();
    const result = await createAgentProposer({ gateway }).propose({ ...request, tried });
    expect(result).toEqual({ next: null, decisions: [] });
    expect(gateway.calls).toHaveLength(0);
  });
});
