/**
 * The proposer and the warm start's history: the LLM prompt shows the nearest past datasets and
 * their winners (through the real gateway and the fake OpenAI server), the heuristic switches to an
 * estimator that won there, and without history nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalRequest } from "../../loop/proposer.js";
import { type PastDataset, plainRecipe } from "../../loop/warm-start/index.js";
import { type Harness, harness } from "../../test/fake-llm/gateway-harness.js";
import { createAgentProposer } from "./agent-proposer.js";
import { pastVotes } from "./model-moves.js";
import { proposerAgent } from "./proposer-agent.js";
import { profileOn, requestOf, specOn, toyFrame, trialOf } from "./proposer-fixtures.js";
import { heuristicCandidates } from "./proposer-heuristic.js";
import { proposerInput } from "./proposer-input.js";
import type { ProposerOutput } from "./proposer-schema.js";

const frame = toyFrame();
const profile = profileOn(frame, "y");

/** Two past datasets: the nearer one was won by `nearWinner`, the farther one by extra trees. */
function history(nearWinner: string): PastDataset[] {
  return [
    {
      dataset: "credit_data/train.csv",
      distance: 0.08,
      metric: "roc_auc",
      best: [
        { recipe: { ...plainRecipe(nearWinner), encoding: "ordinal" }, score: 0.91, normalized: 1 },
        { recipe: plainRecipe("logistic_regression", { C: 0.1 }), score: 0.85, normalized: 0.3 },
      ],
    },
    {
      dataset: "letter/train.csv",
      distance: 0.4,
      metric: "accuracy",
      best: [{ recipe: plainRecipe("extra_trees_classifier"), score: 0.95, normalized: 1 }],
    },
  ];
}

/**
 * The search so far: logistic regression (the incumbent, scaled, so no preprocessing fix comes
 * first) and gradient boosting; every other estimator is untried.
 */
function request(warmStart?: PastDataset[]): ProposalRequest {
  const spec = (estimator: string) =>
    specOn(frame, {
      target: "y",
      task: "binary",
      estimator,
      extra: [{ type: "scale", method: "standard" }],
    });
  const incumbent = trialOf({ seq: 1, spec: spec("logistic_regression"), score: 0.8 });
  const trials = [
    incumbent,
    trialOf({ seq: 2, spec: spec("hist_gradient_boosting_classifier"), score: 0.7 }),
  ];
  const r = requestOf({ profile, metric: "roc_auc", trials, incumbent });
  return warmStart === undefined ? r : { ...r, warmStart };
}

const firstModel = (outs: readonly ProposerOutput[]) =>
  outs.map((o) => o.action as { action: string; value: unknown }).find((a) => a.action === "change_model")
    ?.value;

describe("proposer heuristic with a warm start", () => {
  it("switches first to an untried estimator that won on the nearest past datasets", () => {
    const cold = heuristicCandidates(proposerInput(request()));
    // The family prior alone: the other boosting estimator.
    expect(firstModel(cold)).toBe("adaboost_classifier");
    for (const winner of ["gaussian_nb", "knn_classifier", "lda"]) {
      const warm = heuristicCandidates(proposerInput(request(history(winner))));
      expect(firstModel(warm)).toBe(winner);
      const move = warm.find((o) => (o.action as { value: unknown }).value === winner);
      expect(move?.rationale).toContain("credit_data/train.csv");
    }
  });

  it("weighs nearer datasets more, and skips what was already tried here", () => {
    const votes = pastVotes(proposerInput(request(history("gaussian_nb"))));
    expect(votes.get("gaussian_nb")?.vote).toBeGreaterThan(votes.get("extra_trees_classifier")?.vote ?? 0);
    expect(votes.get("gaussian_nb")?.dataset).toBe("credit_data/train.csv");
    // Boosting won the nearest dataset but was tried here: the next past winner (extra trees) comes first.
    const warm = heuristicCandidates(proposerInput(request(history("hist_gradient_boosting_classifier"))));
    expect(firstModel(warm)).toBe("extra_trees_classifier");
  });

  it("changes nothing without history (absent or empty)", () => {
    const cold = heuristicCandidates(proposerInput(request()));
    expect(heuristicCandidates(proposerInput(request([])))).toEqual(cold);
    expect(proposerInput(request([]))).not.toHaveProperty("warmStart");
    // A past dataset whose winners all sat at its median or below votes for nothing.
    const flat = history("gaussian_nb").map((d) => ({
      ...d,
      best: d.best.map((b) => ({ ...b, normalized: 0 })),
    }));
    expect(heuristicCandidates(proposerInput(request(flat)))).toEqual(cold);
  });
});

describe("proposer prompt with a warm start", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness("openai");
  });
  afterAll(async () => {
    await h?.close();
  });

  const answer = {
    action: { action: "change_model", value: "gaussian_nb" },
    rationale: "Naive Bayes won on the nearest past dataset.",
    expected_effect: "A better cross-validated score.",
  };

  /** The text of every message of the last chat request. */
  function lastPrompt(): string {
    const body = h.fake.chatRequests().at(-1)?.body as { messages?: { content?: unknown }[] };
    return (body.messages ?? []).map((m) => JSON.stringify(m.content)).join("\n");
  }

  it("carries the nearest past datasets, their distance and winners to the LLM", async () => {
    h.fake.enqueue(h.fake.json(answer));
    const result = await createAgentProposer({ gateway: h.gateway }).propose(request(history("gaussian_nb")));
    expect(result.next?.spec.estimator.name).toBe("gaussian_nb");
    const prompt = lastPrompt();
    expect(prompt).toContain('<data name=\\"past_runs\\">');
    for (const s of ["credit_data/train.csv", "letter/train.csv", "0.08", "gaussian_nb", "ordinal"])
      expect(prompt).toContain(s);
    // Only the non-default choices of a recipe are shown.
    const block = prompt.slice(prompt.indexOf("past_runs"), prompt.indexOf('<data name=\\"profile'));
    expect(block).toContain("ordinal");
    expect(block).not.toContain("clip_outliers");
  });

  it("has no past-runs block on a cold run", async () => {
    h.fake.enqueue(h.fake.json(answer));
    await createAgentProposer({ gateway: h.gateway }).propose(request());
    const prompt = lastPrompt();
    expect(prompt).not.toContain("past_runs");
    expect(prompt).not.toContain("credit_data");
  });

  it("renders the same messages for an absent and an empty history", () => {
    const a = proposerAgent.messages(proposerInput(request()));
    expect(proposerAgent.messages(proposerInput(request([])))).toEqual(a);
    expect(JSON.stringify(a)).not.toContain("past_runs");
    expect(JSON.stringify(proposerAgent.messages(proposerInput(request(history("lda")))))).toContain(
      "past_runs",
    );
  });
});
