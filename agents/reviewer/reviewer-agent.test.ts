import { describe, expect, it } from "vitest";
import { answer, ScriptedGateway } from "../testing/scripted-gateway.js";
import { familyOf } from "./estimator-family.js";
import { reviewerAgent } from "./reviewer-agent.js";
import { checkReviewerOutput } from "./reviewer-checks.js";
import { reviewerHeuristic } from "./reviewer-heuristic.js";
import { type ReviewerInput, type ReviewerOutput, ReviewerOutputSchema } from "./reviewer-schema.js";

const overfit: ReviewerInput = {
  task: "binary",
  metric: "roc_auc",
  direction: "max",
  leaderboard: [
    {
      rank: 2,
      estimator: "logistic_regression",
      cvScore: 0.79,
      cvStd: 0.015,
      trainScore: 0.8,
      fitSeconds: 0.2,
    },
    {
      rank: 1,
      estimator: "hist_gradient_boosting_classifier",
      cvScore: 0.81,
      cvStd: 0.01,
      trainScore: 0.999,
      fitSeconds: 3.2,
    },
    { rank: 3, estimator: "constant_classifier", cvScore: 0.5, cvStd: 0, trainScore: 0.5, fitSeconds: 0.01 },
  ],
  diagnostics: { nRows: 3340, nFeatures: 20, imbalanceRatio: 2.55 },
};

const leakage: ReviewerInput = {
  task: "binary",
  metric: "roc_auc",
  direction: "max",
  leaderboard: [
    {
      rank: 1,
      estimator: "random_forest_classifier",
      cvScore: 0.9995,
      cvStd: 0.0004,
      trainScore: 1,
      fitSeconds: 2,
    },
    {
      rank: 2,
      estimator: "logistic_regression",
      cvScore: 0.998,
      cvStd: 0.001,
      trainScore: 0.999,
      fitSeconds: 0.3,
    },
  ],
  diagnostics: { nRows: 5000, nFeatures: 12, leakageSuspects: ["account_closed_date"] },
};

const healthy: ReviewerInput = {
  task: "regression",
  metric: "rmse",
  direction: "min",
  leaderboard: [
    {
      rank: 1,
      estimator: "hist_gradient_boosting_regressor",
      cvScore: 540,
      cvStd: 12,
      trainScore: 500,
      fitSeconds: 4,
    },
    {
      rank: 2,
      estimator: "random_forest_regressor",
      cvScore: 575,
      cvStd: 15,
      trainScore: 520,
      fitSeconds: 9,
    },
    { rank: 3, estimator: "ridge", cvScore: 1130, cvStd: 20, trainScore: 1120, fitSeconds: 0.1 },
    {
      rank: 4,
      estimator: "constant_regressor",
      cvScore: 3990,
      cvStd: 30,
      trainScore: 3990,
      fitSeconds: 0.01,
    },
  ],
  diagnostics: { nRows: 40455, nFeatures: 26 },
};

function review(input: ReviewerInput): ReviewerOutput {
  const out = reviewerAgent.heuristic(input);
  expect(ReviewerOutputSchema.safeParse(out).success).toBe(true);
  expect(checkReviewerOutput(out, input)).toEqual([]);
  return out;
}
const kinds = (out: ReviewerOutput) => out.findings.map((f) => f.kind);

describe("reviewer heuristic", () => {
  it("overfit: a large train-CV gap on the best model, with regularisation advice", () => {
    const out = review(overfit);
    expect(out.findings[0]).toMatchObject({ kind: "overfit", severity: "medium" });
    expect(out.findings[0]!.evidence).toContain("train 0.999 vs CV 0.81");
    expect(out.verdict).toMatch(/hist_gradient_boosting_classifier.*overfits/);
    expect(out.nextSteps[0]!.action).toMatch(/regularise 'hist_gradient_boosting_classifier'.*learning rate/);
    expect(kinds(out)).not.toContain("ok");
    expect(kinds(out)).not.toContain("imbalance"); // 2.55:1 is under the threshold
    expect(out.confidence).toBe("medium");
  });

  it("overfit on an error metric is judged relative to the score", () => {
    const out = review({
      ...healthy,
      leaderboard: [{ ...healthy.leaderboard[0]!, trainScore: 100 }, ...healthy.leaderboard.slice(1)],
    });
    expect(out.findings[0]).toMatchObject({ kind: "overfit", severity: "high" });
  });

  it("leakage: suspects and a near-perfect score make a high finding and low confidence", () => {
    const out = review(leakage);
    expect(out.findings[0]).toMatchObject({ kind: "leakage", severity: "high" });
    expect(out.findings[0]!.evidence).toMatch(/'account_closed_date'.*near perfect/);
    expect(out.nextSteps[0]!.action).toMatch(/drop 'account_closed_date'/);
    expect(out.confidence).toBe("low");
    expect(out.verdict).toMatch(/leakage/);
  });

  it("leakage: a near-perfect score alone asks for a check", () => {
    const { diagnostics, ...rest } = leakage;
    const out = review({
      ...rest,
      diagnostics: { nRows: diagnostics!.nRows, nFeatures: diagnostics!.nFeatures },
    });
    expect(out.findings[0]).toMatchObject({ kind: "leakage", severity: "medium" });
    expect(out.nextSteps[0]!.action).toMatch(/check the most important features/);
  });

  it("healthy: ok, tune next, high confidence", () => {
    const out = review(healthy);
    expect(out.findings[0]).toMatchObject({ kind: "ok", severity: "low" });
    expect(out.findings.every((f) => f.severity === "low")).toBe(true);
    expect(out.verdict).toMatch(/^Healthy: 'hist_gradient_boosting_regressor' leads with rmse 540/);
    expect(out.nextSteps[0]!.action).toMatch(/tune/);
    expect(out.confidence).toBe("high");
  });

  it("imbalance judged by accuracy, tiny data, high variance and ties", () => {
    const out = review({
      task: "multiclass",
      metric: "accuracy",
      direction: "max",
      leaderboard: [
        { rank: 1, estimator: "mlp_classifier", cvScore: 0.72, cvStd: 0.12, trainScore: 1, fitSeconds: 1 },
        { rank: 2, estimator: "gaussian_nb", cvScore: 0.7, cvStd: 0.08, trainScore: 0.74, fitSeconds: 0.01 },
      ],
      diagnostics: { nRows: 80, nFeatures: 10, imbalanceRatio: 6 },
    });
    expect(kinds(out)).toEqual(
      expect.arrayContaining(["overfit", "variance", "imbalance", "data_size", "noise"]),
    );
    const actions = out.nextSteps.map((s) => s.action).join("\n");
    expect(actions).toMatch(/balanced_accuracy/);
    expect(actions).toMatch(/simpler models/);
    expect(actions).toMatch(/repeated cross-validation/);
    expect(out.confidence).toBe("low");
  });

  it("underfit: the baseline wins", () => {
    const out = review({
      task: "regression",
      metric: "rmse",
      direction: "min",
      leaderboard: [
        { rank: 1, estimator: "constant_regressor", cvScore: 77, cvStd: 3, fitSeconds: 0.01 },
        { rank: 2, estimator: "ridge", cvScore: 78, cvStd: 3, fitSeconds: 0.1 },
      ],
      diagnostics: { nRows: 331, nFeatures: 10 },
    });
    expect(out.findings[0]).toMatchObject({ kind: "underfit", severity: "high" });
    expect(out.nextSteps.map((s) => s.action).join("\n")).toMatch(/more flexible models/);
  });

  it("model families: boosting when a linear model wins on a large table", () => {
    const out = review({
      task: "binary",
      metric: "roc_auc",
      direction: "max",
      leaderboard: [
        {
          rank: 1,
          estimator: "logistic_regression",
          cvScore: 0.86,
          cvStd: 0.004,
          trainScore: 0.862,
          fitSeconds: 1,
        },
        { rank: 2, estimator: "constant_classifier", cvScore: 0.5, cvStd: 0, fitSeconds: 0.01 },
      ],
      diagnostics: { nRows: 50_000, nFeatures: 10 },
    });
    expect(out.nextSteps.some((s) => /gradient boosting/.test(s.action))).toBe(true);
  });

  it("reads estimator families from registry names", () => {
    expect(familyOf("hist_gradient_boosting_regressor")).toBe("boosting");
    expect(familyOf("extra_trees_classifier")).toBe("forest");
    expect(familyOf("decision_tree_regressor")).toBe("tree");
    expect(familyOf("gaussian_nb")).toBe("naive_bayes");
    expect(familyOf("constant_classifier")).toBe("baseline");
    expect(familyOf("linear_svc")).toBe("linear");
    expect(familyOf("lda")).toBe("discriminant");
    expect(familyOf("knn_regressor")).toBe("neighbors");
    expect(familyOf("mlp_classifier")).toBe("neural");
  });
});

describe("reviewer agent", () => {
  it("refuses an empty leaderboard (a caller bug)", async () => {
    const gateway = new ScriptedGateway({ modelId: "none" });
    await expect(reviewerAgent.analyze({ ...healthy, leaderboard: [] }, { gateway })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });

  it("rejects a model answer that ignores the leakage suspects, then falls back to the heuristic", async () => {
    const blind: ReviewerOutput = {
      verdict: "Great model.",
      findings: [{ kind: "ok", evidence: "0.9995", severity: "low" }],
      nextSteps: [{ action: "ship it", why: "high score" }],
      confidence: "high",
    };
    const gateway = new ScriptedGateway({
      structured: [answer(blind)],
      json: [answer(blind), answer(blind)],
    });
    const r = await reviewerAgent.analyze(leakage, { gateway });
    expect(r.tier).toBe("heuristic");
    expect(r.failures.map((f) => f.code)).toEqual([
      "SEMANTIC_INVALID",
      "SEMANTIC_INVALID",
      "SEMANTIC_INVALID",
    ]);
    expect(r.failures[0]!.message).toContain('"account_closed_date"');
    expect(r.value).toEqual(reviewerHeuristic(leakage));
    expect(r.usage.calls).toBe(3);
  });

  it("flags an 'ok' finding beside a high one", () => {
    const out: ReviewerOutput = {
      verdict: "v",
      findings: [
        { kind: "ok", evidence: "fine", severity: "low" },
        { kind: "overfit", evidence: "gap 0.3", severity: "high" },
      ],
      nextSteps: [{ action: "a", why: "b" }],
      confidence: "low",
    };
    expect(checkReviewerOutput(out, healthy)).toEqual([expect.stringMatching(/'ok' finding contradicts/)]);
  });

  it("shows the metric's direction and meaning, and the leaderboard by rank, as data", () => {
    const [, user] = reviewerAgent.messages(overfit);
    expect(user!.content).toContain('<data name="metric">');
    expect(user!.content).toContain("area under the ROC curve");
    const review = /<data name="review">\n(.*)\n<\/data>/.exec(user!.content)?.[1];
    const parsed = JSON.parse(review!) as { leaderboard: { rank: number }[] };
    expect(parsed.leaderboard.map((e) => e.rank)).toEqual([1, 2, 3]);
  });
});
