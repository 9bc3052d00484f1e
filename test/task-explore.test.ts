/**
 * Forecasting, clustering and anomaly detection in ACTION_SPACE and the explore phase: which actions
 * apply to each task, a scripted proposer's moves run and recorded by a clustering run, and the
 * proposer agent through the real gateway (fake OpenAI server) steering a forecast run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Action,
  actionContext,
  allowedValues,
  applicableActions,
  executeAction,
} from "../actions/index.js";
import { ACTION_SPACE } from "../actions/action-space.js";
import { createAgentProposer } from "../agents/proposer/agent-proposer.js";
import { readCsv } from "../data/csv-reader.js";
import { safeParsePipelineSpec } from "../data/preprocess/index.js";
import { profileFrame } from "../data/profile/index.js";
import type { Task } from "../data/task.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { searchForecastRun } from "../loop/forecast-run.js";
import type { ProposalRequest, Proposer } from "../loop/proposer.js";
import { taskSpec } from "../loop/task-explore.js";
import { searchUnsupervisedRun } from "../loop/unsupervised-run.js";
import { estimatorsFor } from "../trainers/registry.js";
import { datasetPath, datasetsAvailable } from "./datasets.js";
import { type Harness, harness } from "./fake-llm/gateway-harness.js";

const settings = { cv_folds: 5, ensemble: true };

function contextFor(task: Task, estimator: string, metric: MetricName, target: string) {
  const file =
    task === "forecast" ? "airpassengers" : task === "clustering" ? "iris_clusters" : "shuttle_anomaly";
  const frame = readCsv(datasetPath(file, "train.csv")).frame;
  const profile = profileFrame(frame, { task, ...(target !== "" ? { target } : {}) });
  const spec = taskSpec({ task, target, seed: 0 }, { estimator, params: {}, steps: [] });
  return { profile, spec, ctx: actionContext(profile, spec, metric) };
}

const suite = datasetsAvailable() ? describe : describe.skip;

suite("ACTION_SPACE for forecasting, clustering and anomaly detection", () => {
  it("offers each task its own estimators, their parameters, and scaling only where a search honours it", () => {
    const cases = [
      { task: "forecast", estimator: "ets", metric: "mase", target: "passengers" },
      { task: "clustering", estimator: "kmeans", metric: "silhouette", target: "" },
      { task: "anomaly", estimator: "isolation_forest", metric: "roc_auc", target: "" },
    ] as const;
    for (const c of cases) {
      const { ctx } = contextFor(c.task, c.estimator, c.metric, c.target);
      const names = applicableActions(ctx).map((d) => d.name);
      expect(names, c.task).toEqual(
        c.task === "forecast"
          ? ["change_model", "set_hyperparameter"]
          : ["change_model", "set_hyperparameter", "scaling"],
      );
      const models = allowedValues(ACTION_SPACE.get("change_model")!, ctx);
      // ROC AUC of an anomaly task ranks detector scores: no class probabilities needed.
      expect(models).toEqual({ kind: "enum", values: estimatorsFor(c.task).map((e) => e.name) });
      const params = allowedValues(ACTION_SPACE.get("set_hyperparameter")!, ctx);
      expect(params.kind === "param" && params.params.length).toBeGreaterThan(0);
    }
  });

  it("applies a move to a task spec and refuses one that does not apply", () => {
    const { ctx, spec } = contextFor("clustering", "kmeans", "silhouette", "");
    const state = { spec, settings };
    const next = executeAction(state, { action: "set_hyperparameter", param: "k", value: 3 }, ctx);
    expect(next.spec.estimator).toEqual({ name: "kmeans", params: { k: 3 } });
    const scaled = executeAction(state, { action: "scaling", value: "minmax" }, ctx);
    expect(scaled.spec.steps).toEqual([{ type: "scale", method: "minmax", columns: "numeric" }]);
    expect(() => executeAction(state, { action: "imputation", value: "mean" }, ctx)).toThrow(/clustering/);
    expect(() => executeAction(state, { action: "change_model", value: "ridge" }, ctx)).toThrow();
  });

  it("takes an empty target for unsupervised specs only", () => {
    const spec = (task: Task) => ({ version: 1, task, target: "", estimator: { name: "kmeans" } });
    expect(safeParsePipelineSpec(spec("clustering")).ok).toBe(true);
    expect(safeParsePipelineSpec(spec("anomaly")).ok).toBe(true);
    const r = safeParsePipelineSpec(spec("regression"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/target/);
  });
});

/** A proposer that plays a fixed list of actions on the incumbent and records what it was asked. */
function scripted(actions: Action[]): Proposer & { requests: ProposalRequest[] } {
  const requests: ProposalRequest[] = [];
  return {
    requests,
    async propose(request) {
      requests.push(request);
      const action = actions[requests.length - 1];
      if (action === undefined) return { next: null, decisions: [] };
      const ctx = actionContext(request.profile, request.incumbent.spec, request.metric);
      const next = executeAction({ spec: request.incumbent.spec, settings }, action, ctx);
      const label = `${action.action}${action.param !== undefined ? ` ${action.param}` : ""} = ${action.value}`;
      return {
        next: { spec: next.spec, settings: next.settings, origin: `${label} (scripted)` },
        decisions: [],
      };
    },
  };
}

suite("the explore phase of the task searches", () => {
  it("runs a scripted proposer's moves after the clustering sweep and records them", async () => {
    const proposer = scripted([
      { action: "set_hyperparameter", param: "n_init", value: 25 },
      { action: "scaling", value: "minmax" },
    ]);
    const outcome = await searchUnsupervisedRun(
      {
        train: datasetPath("iris_clusters", "train.csv"),
        evalLabel: "species",
        seed: 0,
      } as Parameters<typeof searchUnsupervisedRun>[0],
      "clustering",
      8000,
      undefined,
      { runId: "run-test", proposer },
    );
    // Asked after the sweep: every request sees the sweep's registry estimators, label never a feature.
    expect(proposer.requests.length).toBe(3);
    const first = proposer.requests[0]!;
    expect(first.task).toBe("clustering");
    expect(first.trials.length).toBeGreaterThan(30);
    expect(new Set(first.trials.map((t) => t.spec.estimator.name))).toEqual(
      new Set(["kmeans", "gaussian_mixture", "ward", "dbscan"]),
    );
    expect(first.incumbent.score).toBe(Math.max(...first.trials.map((t) => t.score ?? -1)));
    expect(first.profile.columns.find((c) => c.name === "species")?.role).toBe("target");
    // The scores are silhouettes, whatever label scores the result: the proposer is told so.
    expect(first.metric).toBe("silhouette");
    expect(first.scoreMeaning).toMatch(/^silhouette .*labels play no part$/);
    const explored = outcome.trials.filter((t) => t.phase === "explore");
    expect(explored.map((t) => t.origin)).toEqual([
      "set_hyperparameter n_init = 25 (scripted)",
      "scaling = minmax (scripted)",
    ]);
    expect(explored[0]!.spec.estimator.params).toMatchObject({ n_init: 25 });
    expect(explored[1]!.spec.steps).toEqual([{ type: "scale", method: "minmax", columns: "numeric" }]);
    expect(explored.every((t) => t.status === "ok" && typeof t.score === "number")).toBe(true);
    expect(outcome.notes).toContain("2 candidate(s) came from the proposer after the sweep.");
  });

  describe("through the real gateway", () => {
    let h: Harness;
    let dir: string;
    beforeAll(async () => {
      h = await harness("openai");
      dir = mkdtempSync(join(tmpdir(), "alchemist-task-explore-"));
    });
    afterAll(async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("a clustering run tells the LLM what its scores measure and runs its move", async () => {
      h.fake.enqueue(
        h.fake.json({
          action: { action: "set_hyperparameter", param: "n_init", value: 40 },
          rationale: "More restarts may find a better partition.",
          expected_effect: "A higher silhouette.",
        }),
      );
      const before = h.fake.chatRequests().length;
      const outcome = await searchUnsupervisedRun(
        {
          train: datasetPath("iris_clusters", "train.csv"),
          evalLabel: "species",
          seed: 0,
        } as Parameters<typeof searchUnsupervisedRun>[0],
        "clustering",
        6000,
        undefined,
        { runId: "run-clusters", proposer: createAgentProposer({ gateway: h.gateway }) },
      );
      const prompt = JSON.stringify(h.fake.chatRequests()[before]!.body);
      expect(prompt).toContain('\\"scoresMeasure\\":\\"silhouette');
      const explored = outcome.trials.filter((t) => t.phase === "explore");
      expect(explored[0]?.origin).toBe("set_hyperparameter n_init = 40 (structured)");
      expect(explored[0]?.spec.estimator.params).toMatchObject({ n_init: 40 });
    });

    it("a forecast run takes the LLM's move, then the heuristic's when the answers are unusable", async () => {
      h.fake.enqueue(
        h.fake.json({
          action: { action: "set_hyperparameter", param: "season_length", value: 6 },
          rationale: "A half-year cycle may explain the residual swings.",
          expected_effect: "A lower MASE.",
        }),
      );
      const before = h.fake.chatRequests().length;
      const outcome = await searchForecastRun(
        {
          train: datasetPath("airpassengers", "train.csv"),
          target: "passengers",
          time: "month",
          horizon: 29,
          seed: 0,
        } as Parameters<typeof searchForecastRun>[0],
        6000,
        undefined,
        { runId: "run-forecast", proposer: createAgentProposer({ gateway: h.gateway }) },
      );
      const asked = h.fake.chatRequests().slice(before);
      expect(asked.length).toBeGreaterThan(0);
      // The menu offers the forecasters of the registry and their parameters, nothing tabular.
      const prompt = JSON.stringify(asked[0]!.body);
      const menu = prompt.slice(prompt.indexOf("## Actions"), prompt.indexOf("<schema>"));
      expect(menu).toContain("`stl_forecast`");
      expect(menu).toContain("`season_length`");
      expect(menu).not.toContain("random_forest_classifier");
      expect(menu).not.toContain("`imputation`");
      const explored = outcome.trials.filter((t) => t.phase === "explore");
      expect(explored[0]?.origin).toMatch(/season_length = 6 \(structured\)$/);
      expect(explored[0]?.spec.estimator.params).toMatchObject({ season_length: 6 });
      expect(outcome.decisions[0]).toMatchObject({ tier: "structured", accepted: true });
      // The fake's fallback answer is not a proposal: later moves come from the heuristic tier.
      expect(explored.slice(1).every((t) => t.origin.endsWith("(heuristic)"))).toBe(true);
      expect(outcome.decisions.slice(1).every((d) => d.tier === "heuristic")).toBe(true);
    });
  });
});
