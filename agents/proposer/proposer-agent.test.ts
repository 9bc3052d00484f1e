import { describe, expect, it } from "vitest";
import { executeAction, ProposalSchema } from "../../actions/index.js";
import { DATA_RULES, outputJsonSchema } from "../contract/agent-prompt.js";
import { answer, failWith, ScriptedGateway, type ScriptStep } from "../testing/scripted-gateway.js";
import { createAgentProposer } from "./agent-proposer.js";
import { proposerAgent } from "./proposer-agent.js";
import { sceneOf } from "./proposer-checks.js";
import { profileOn, requestOf, specOn, toyFrame, trialOf } from "./proposer-fixtures.js";
import { heuristicCandidates } from "./proposer-heuristic.js";
import { proposerInput } from "./proposer-input.js";
import { ProposerOutputSchema } from "./proposer-schema.js";

const frame = toyFrame();
const profile = profileOn(frame, "y");
const spec = specOn(frame, {
  target: "y",
  task: "binary",
  estimator: "knn_classifier",
  extra: [{ type: "scale", method: "standard" }],
});
const incumbent = trialOf({ seq: 1, spec, score: 0.8 });
const request = requestOf({ profile, metric: "roc_auc", trials: [incumbent], incumbent });
const input = proposerInput(request);
const scene = sceneOf(input);

const proposal = (action: unknown) => ({
  action,
  rationale: "Nine neighbours smooth the noisy boundary the profile shows.",
  expected_effect: "A slightly better ROC AUC.",
});

async function propose(script: { structured?: ScriptStep[]; json?: ScriptStep[]; modelId?: string }) {
  const gateway = new ScriptedGateway(script);
  const result = await createAgentProposer({ gateway }).propose(request);
  return { gateway, result };
}

describe("proposer agent: the LLM path", () => {
  it("uses a valid structured proposal, applied to the incumbent through executeAction", async () => {
    const action = { action: "set_hyperparameter", param: "n_neighbors", value: 9 };
    const { gateway, result } = await propose({ structured: [answer(proposal(action))] });
    expect(result.next?.origin).toBe("set_hyperparameter n_neighbors = 9 (structured)");
    expect(result.next?.spec).toEqual(executeAction(scene.state, action, scene.ctx).spec);
    expect(result.next?.spec.estimator.params).toEqual({ n_neighbors: 9 });
    expect(result.next?.settings).toEqual(incumbent.settings);
    expect(result.decisions).toEqual([
      {
        agent: "proposer",
        tier: "structured",
        model: "scripted/test-model",
        output: proposal(action),
        failures: [],
        accepted: true,
        inputTokens: 100,
        outputTokens: 20,
        costUsd: 0.001,
        latencyMs: 5,
      },
    ]);
    expect(result.moneyExhausted).toBeUndefined();
    expect(gateway.calls).toHaveLength(1);
    expect(gateway.calls[0]!.options).toMatchObject({
      purpose: "proposer",
      runId: "run-test",
      temperature: 0,
    });
  });

  it("rejects an unknown action with did-you-mean; the repair turn fixes it (tier json)", async () => {
    const typo = proposal({ action: "chnage_model", value: "random_forest_classifier" });
    const fixed = proposal({ action: "change_model", value: "random_forest_classifier" });
    const { gateway, result } = await propose({
      structured: [answer(typo)],
      json: [answer(typo), answer(fixed)],
    });
    const [decision] = result.decisions;
    expect(decision?.tier).toBe("json");
    expect(decision?.failures.map((f) => [f.tier, f.code])).toEqual([
      ["structured", "SCHEMA_INVALID"],
      ["json", "SCHEMA_INVALID"],
    ]);
    expect(decision?.failures[0]?.message).toContain(
      "Unknown action 'chnage_model'. Did you mean 'change_model'?",
    );
    const repair = gateway.callsTo("completeJson")[1]!.messages.at(-1)!.content;
    expect(repair).toContain("Did you mean 'change_model'?");
    expect(result.next?.spec.estimator).toEqual({ name: "random_forest_classifier", params: {} });
    expect(result.next?.spec.steps).toEqual(spec.steps);
    expect(result.next?.origin).toBe("change_model = random_forest_classifier (json)");
    expect(decision).toMatchObject({ inputTokens: 300, outputTokens: 60, accepted: true });
  });

  it("checks values against the context and the tried states, naming what is allowed", async () => {
    const { gateway, result } = await propose({
      // A regressor for a binary task, a parameter out of bounds, and the incumbent's own state.
      structured: [answer(proposal({ action: "change_model", value: "ridge" }))],
      json: [
        answer(proposal({ action: "set_hyperparameter", param: "n_neighbors", value: 0 })),
        answer(proposal({ action: "scaling", value: "standard" })),
      ],
    });
    const [decision] = result.decisions;
    expect(decision?.tier).toBe("heuristic");
    expect(decision?.model).toBeNull();
    expect(decision?.failures.map((f) => f.code)).toEqual([
      "SEMANTIC_INVALID",
      "SEMANTIC_INVALID",
      "SEMANTIC_INVALID",
    ]);
    const [model, bounds, same] = decision!.failures.map((f) => f.message);
    expect(model).toMatch(/change_model: 'ridge' is not allowed here\..*Allowed: .*knn_classifier/);
    expect(bounds).toMatch(/n_neighbors: 0 is outside the allowed values: an integer from 1 to 10000/);
    expect(same).toMatch(/already tried: `scaling = standard`/);
    // The repair turn showed the model what was wrong with its first JSON answer.
    expect(gateway.callsTo("completeJson")[1]!.messages.at(-1)!.content).toContain(
      "outside the allowed values",
    );
    const first = heuristicCandidates(input)[0]!;
    expect(decision?.output).toEqual(first);
    expect(result.next?.spec).toEqual(executeAction(scene.state, first.action, scene.ctx).spec);
    expect(result.next?.origin).toMatch(/ \(heuristic\)$/);
  });

  it("falls back to the heuristic on garbage, recording every failure", async () => {
    const { result } = await propose({
      structured: [answer("I think you should try harder")],
      json: [answer("no JSON here"), answer({ action: "change_model" })],
    });
    const [decision] = result.decisions;
    expect(decision?.tier).toBe("heuristic");
    expect(decision?.failures.map((f) => [f.tier, f.code])).toEqual([
      ["structured", "SCHEMA_INVALID"],
      ["json", "SCHEMA_INVALID"],
      ["json", "SCHEMA_INVALID"],
    ]);
    expect(result.next?.origin).toBe("set_hyperparameter weights = distance (heuristic)");
  });

  it("reports a spent money budget and still proposes with the heuristic", async () => {
    const { gateway, result } = await propose({ structured: [failWith("LLM_BUDGET_EXCEEDED")] });
    expect(result.moneyExhausted).toBe(true);
    expect(result.decisions[0]).toMatchObject({ tier: "heuristic", accepted: true });
    expect(result.next).not.toBeNull();
    expect(gateway.calls).toHaveLength(1);
  });

  it("uses the heuristic alone with no LLM configured", async () => {
    const { gateway, result } = await propose({ modelId: "none" });
    expect(gateway.calls).toHaveLength(0);
    expect(result.decisions[0]?.failures).toEqual([
      { tier: "structured", code: "LLM_UNAVAILABLE", message: "no LLM configured (model none)" },
    ]);
    expect(result.decisions[0]?.inputTokens).toBe(0);
  });
});

describe("proposer agent: the prompt", () => {
  const [system, user] = proposerAgent.messages(input);

  it("states the rules and carries the menu, the incumbent and the trials", () => {
    expect(system!.content).toMatch(/exactly one action/);
    expect(system!.content).toMatch(/Never propose a state that was already evaluated/);
    expect(system!.content).toContain(DATA_RULES);
    const content = user!.content;
    expect(content).toContain("## Actions");
    expect(content).toContain("Current estimator: `knn_classifier`");
    expect(content).toMatch(/`n_neighbors`: an integer from 1 to 10000 \(log scale\); default 5\. /);
    for (const block of ["run", "incumbent", "search", "trials", "profile"]) {
      expect(content).toContain(`<data name="${block}">`);
    }
    const incumbentBlock = /<data name="incumbent">\n(.*)\n<\/data>/.exec(content)?.[1];
    expect(JSON.parse(incumbentBlock!)).toMatchObject({
      trial: 1,
      estimator: "knn_classifier",
      cvScore: 0.8,
    });
    // The schema is ProposalSchema's.
    expect(content).toMatch(/<schema>\n.*"const":"change_model".*\n<\/schema>/);
  });

  it("asks for ProposalSchema's JSON Schema", () => {
    expect(outputJsonSchema(ProposerOutputSchema)).toEqual(outputJsonSchema(ProposalSchema()));
  });

  it("keeps the tried keys and the validation context out of the prompt", () => {
    const [key] = [...input.tried];
    expect(user!.content).not.toContain(key!);
    expect(user!.content).not.toContain('"tried"');
    expect(user!.content).not.toContain('{"name":"a","kind":"numeric"}');
  });
});
