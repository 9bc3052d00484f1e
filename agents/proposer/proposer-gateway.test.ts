/**
 * The proposer through the real gateway (`openai/…`, the real SDK) against the local fake server, on
 * every supervised shared dataset: a valid answer (structured), malformed JSON then a fixed answer
 * (json), and 500s until the retries give up (heuristic). Every result is one valid action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction, validateAction } from "../../actions/index.js";
import { readCsv } from "../../data/csv-reader.js";
import { defaultSteps, parsePipelineSpec } from "../../data/preprocess/index.js";
import { profileFrame } from "../../data/profile/index.js";
import type { Task } from "../../data/task.js";
import { METRICS, type MetricName } from "../../evaluate/metrics/registry.js";
import type { ProposalRequest, ProposalResult } from "../../loop/proposer.js";
import { estimatorsFor } from "../../trainers/registry.js";
import { type Harness, harness } from "../../test/fake-llm/gateway-harness.js";
import {
  DATASET_NAMES,
  type DatasetName,
  datasetMeta,
  datasetPath,
  datasetsAvailable,
} from "../../test/datasets.js";
import { createAgentProposer } from "./agent-proposer.js";
import { sceneOf } from "./proposer-checks.js";
import { requestOf, trialOf } from "./proposer-fixtures.js";
import { heuristicCandidates } from "./proposer-heuristic.js";
import { proposerInput } from "./proposer-input.js";

const SUPERVISED: readonly Task[] = ["binary", "multiclass", "regression"];

/** The first registry estimator for the task that is not a baseline and can serve the metric. */
function firstEstimator(task: Task, metric: MetricName): string {
  const proba = METRICS[metric].needs === "proba";
  const est = estimatorsFor(task).find((e) => e.family !== "baseline" && (!proba || e.tags.probabilities));
  if (est === undefined) throw new Error(`no estimator for ${task}`);
  return est.name;
}

interface Setup {
  name: DatasetName;
  task: Task;
  request: ProposalRequest;
}

function setupFor(name: DatasetName): Setup {
  const meta = datasetMeta(name);
  const read = readCsv(datasetPath(name, "train.csv"));
  const profile = profileFrame(read.frame, { target: meta.target, coercions: read.coercions });
  const metric = meta.metric as MetricName;
  const spec = parsePipelineSpec({
    version: 1,
    task: profile.task,
    target: meta.target,
    steps: defaultSteps(read.frame, { target: meta.target }),
    estimator: { name: firstEstimator(profile.task, metric), params: {} },
  });
  const incumbent = trialOf({ seq: 1, spec, score: 0.5 });
  return {
    name,
    task: profile.task,
    request: requestOf({ profile, metric, trials: [incumbent], incumbent, runId: `run-${name}` }),
  };
}

/** The accepted decision's action is valid here, and `next` is exactly the incumbent with it applied. */
function expectValid(s: Setup, result: ProposalResult): unknown {
  const { ctx, state } = sceneOf(proposerInput(s.request));
  const accepted = result.decisions.filter((d) => d.accepted);
  expect(accepted).toHaveLength(1);
  const action = (accepted[0]!.output as { action: unknown }).action;
  expect(validateAction(action, ctx).ok).toBe(true);
  expect(result.next?.spec).toEqual(executeAction(state, action, ctx).spec);
  expect(result.next?.spec.target).toBe(s.request.incumbent.spec.target);
  return action;
}

const suite = datasetsAvailable() ? describe : describe.skip;

suite("proposer through the real gateway and a fake OpenAI server", () => {
  let h: Harness;
  let setups: Setup[] = [];
  beforeAll(async () => {
    h = await harness("openai");
    setups = DATASET_NAMES.filter((n) => SUPERVISED.includes(datasetMeta(n).task)).map(setupFor);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("covers binary, multiclass and regression datasets", () => {
    expect(new Set(setups.map((s) => s.task))).toEqual(new Set(SUPERVISED));
    expect(setups.length).toBeGreaterThanOrEqual(6);
  });

  it("uses a valid structured answer for each dataset", async () => {
    for (const s of setups) {
      const model =
        s.task === "regression" ? "hist_gradient_boosting_regressor" : "hist_gradient_boosting_classifier";
      const before = h.fake.chatRequests().length;
      h.fake.enqueue(
        h.fake.json({
          action: { action: "change_model", value: model },
          rationale: `Gradient boosting handles the ${s.name} features without scaling.`,
          expected_effect: "A better cross-validated score.",
        }),
      );
      const result = await createAgentProposer({ gateway: h.gateway }).propose(s.request);
      expect(result.decisions[0]).toMatchObject({
        tier: "structured",
        model: "openai/fake-model",
        failures: [],
      });
      expect(result.decisions[0]!.inputTokens).toBeGreaterThan(0);
      expect(result.next?.spec.estimator).toEqual({ name: model, params: {} });
      expect(result.next?.origin).toBe(`change_model = ${model} (structured)`);
      expectValid(s, result);
      const [request] = h.fake.chatRequests().slice(before);
      expect((request!.body as { response_format?: { type?: string } }).response_format?.type).toBe(
        "json_schema",
      );
    }
    const rows = h.memory.ledger.rows({ purpose: "proposer" });
    expect(rows.length).toBe(setups.length);
    expect(rows.every((r) => r.outcome === "ok")).toBe(true);
  });

  it("recovers from malformed JSON with the json tier", async () => {
    for (const s of setups) {
      h.fake.enqueue(
        h.fake.text('{"action": {"action": "scaling", "value": "stan'),
        h.fake.json({
          action: { action: "scaling", value: "standard" },
          rationale: "Scale-sensitive estimator, unscaled features.",
          expected_effect: "Better conditioning.",
        }),
      );
      const result = await createAgentProposer({ gateway: h.gateway }).propose(s.request);
      const [decision] = result.decisions;
      expect(decision?.tier).toBe("json");
      expect(decision?.failures.map((f) => [f.tier, f.code])).toEqual([["structured", "LLM_BAD_RESPONSE"]]);
      expect(result.next?.origin).toBe("scaling = standard (json)");
      expect(result.next?.spec.steps.at(-1)).toEqual({
        type: "scale",
        method: "standard",
        columns: "numeric",
      });
      expectValid(s, result);
    }
  });

  it("falls back to the heuristic when the server keeps failing", async () => {
    for (const s of setups) {
      const before = h.fake.chatRequests().length;
      h.fake.enqueue(
        h.fake.error(500, "The server had an error."),
        h.fake.error(500, "The server had an error."),
        h.fake.error(500, "The server had an error."),
      );
      const result = await createAgentProposer({ gateway: h.gateway }).propose(s.request);
      const [decision] = result.decisions;
      expect(decision?.tier).toBe("heuristic");
      expect(decision?.failures.map((f) => [f.tier, f.code])).toEqual([["structured", "LLM_UNAVAILABLE"]]);
      // LLM_UNAVAILABLE is terminal: no json tier after the retries gave up.
      expect(h.fake.chatRequests().length - before).toBe(3);
      const action = expectValid(s, result);
      expect(action).toEqual(heuristicCandidates(proposerInput(s.request))[0]?.action);
      expect(result.next?.origin).toMatch(/ \(heuristic\)$/);
    }
  });
});
