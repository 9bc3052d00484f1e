/** createAgentRecoverer on the pattern library: the fixes of a timed-out forest, then the whole rest of the fallback chain. */
import { beforeAll, describe, expect, it } from "vitest";
import { parsePipelineSpec } from "../../data/preprocess/index.js";
import { createGateway } from "../../llm/index.js";
import { loadRunData, parseRunConfig, type RunData, type Trial, trialKey } from "../../loop/index.js";
import { datasetPath } from "../../test/datasets.js";
import { MODEL_FALLBACK_CHAINS } from "./fallback-chains.js";
import { createAgentRecoverer } from "./agent-recoverer.js";

let data: RunData;
beforeAll(async () => {
  data = await loadRunData(
    parseRunConfig({ train: datasetPath("penguins", "train.csv"), target: "Species", seed: 1 }),
  );
});

function timedOutForest(): Trial {
  return {
    seq: 5,
    phase: "baseline",
    spec: parsePipelineSpec({
      version: 1,
      task: "multiclass",
      target: "Species",
      steps: [
        { type: "impute", strategy: "median", columns: "numeric" },
        { type: "encode", method: "ordinal" },
      ],
      estimator: { name: "random_forest_classifier", params: {} },
    }),
    settings: { cv_folds: 5, ensemble: true },
    status: "timed_out",
    score: null,
    foldScores: [],
    std: null,
    fitSeconds: 0,
    maxFoldFitSeconds: 0,
    seconds: 3,
    resource: 1,
    error: {
      code: "FIT_TIMEOUT",
      message:
        "random_forest_classifier: the fit ran past its deadline of 1200 ms; its worker was terminated.",
      details: { estimator: "random_forest_classifier", deadlineMs: 1200 },
    },
    origin: "portfolio",
    recovery: null,
  };
}

describe("createAgentRecoverer", () => {
  it("walks the fallback chain to its end as the loop counts each proposal as tried", async () => {
    const recoverer = createAgentRecoverer({ gateway: createGateway({ model: "none" }) });
    const failed = timedOutForest();
    const tried = new Set([trialKey(failed.spec, failed.settings)]);
    const proposed: string[] = [];
    let reason: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await recoverer.recover({
        runId: "r",
        profile: data.profile,
        metric: "accuracy",
        rows: data.y.length,
        failed,
        chain: [failed],
        trials: [failed],
        tried,
      });
      if (r.next === null) {
        reason = r.reason;
        break;
      }
      const { fix } = r.next.recovery;
      proposed.push(fix.action === "change_model" ? String(fix.value) : `${fix.param}=${String(fix.value)}`);
      tried.add(trialKey(r.next.spec, r.next.settings, failed.resource));
    }
    // Cheaper settings of the forest first, then every other model of the chain, in its order.
    expect(proposed[0]).toBe("n_estimators=25");
    const chain = (MODEL_FALLBACK_CHAINS.multiclass ?? []).filter((m) => m !== "random_forest_classifier");
    expect(proposed.filter((p) => !p.includes("="))).toEqual(chain);
    expect(reason).toMatch(/^no untried fix left/);
  });
});
