/**
 * The recovery agent through the real gateway (`openai/…`, the real SDK) against the local fake server:
 * a valid answer (structured), malformed JSON then a fixed answer (json), and 500s until the retries
 * give up (the pattern library). Every result's fixes validate on the failing state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateAction } from "../../actions/index.js";
import { type Harness, harness } from "../../test/fake-llm/gateway-harness.js";
import { actionContextOf } from "./error-context.js";
import { type Diagnosis, diagnoseFailure } from "./recover.js";
import { caseOf } from "./recovery-fixtures.js";
import { recoveryHeuristic } from "./recovery-heuristic.js";

const ctx = caseOf({
  error: {
    code: "FIT_OUT_OF_MEMORY",
    message: "random_forest_classifier: the fit exceeded 512 MiB of heap; its worker was terminated.",
  },
  estimator: "random_forest_classifier",
});

const verdict = {
  root_cause: "500 trees of unlimited depth outgrow the heap cap.",
  category: "resources",
  recoverable: true,
  fixes: [{ action: "set_hyperparameter", param: "n_estimators", value: 50 }],
  rationale: "Fewer trees take proportionally less memory.",
};

function expectValid(d: Diagnosis): void {
  expect(d.fixes.length).toBeGreaterThan(0);
  for (const f of d.fixes) expect(validateAction(f, actionContextOf(ctx)).ok).toBe(true);
}

describe("recovery through the real gateway and a fake OpenAI server", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness("openai");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("uses a valid structured answer", async () => {
    h.fake.enqueue(h.fake.json(verdict));
    const d = await diagnoseFailure(ctx, { gateway: h.gateway, runId: "run-rec" });
    expect(d).toMatchObject({ tier: "structured", fixes: verdict.fixes, category: "resources" });
    expect(d.decision.model).toBe("openai/fake-model");
    expectValid(d);
    const rows = h.memory.ledger.rows({ purpose: "recovery" });
    expect(rows.length).toBe(1);
  });

  it("recovers from malformed JSON with the json tier", async () => {
    h.fake.enqueue(h.fake.text('{"root_cause": "too many tr'), h.fake.json(verdict));
    const d = await diagnoseFailure(ctx, { gateway: h.gateway });
    expect(d.tier).toBe("json");
    expect(d.decision.failures.map((f) => [f.tier, f.code])).toEqual([["structured", "LLM_BAD_RESPONSE"]]);
    expectValid(d);
  });

  it("falls back to the pattern library when the server keeps failing", async () => {
    const error = h.fake.error(500, "The server had an error.");
    h.fake.enqueue(error, error, error);
    const d = await diagnoseFailure(ctx, { gateway: h.gateway });
    expect(d.tier).toBe("heuristic");
    expect(d.fixes).toEqual(recoveryHeuristic(ctx).fixes);
    expect(d.fixes[0]).toEqual({ action: "set_hyperparameter", param: "n_estimators", value: 25 });
    expectValid(d);
  });
});
