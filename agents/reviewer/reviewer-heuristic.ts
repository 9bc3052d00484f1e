/** The reviewer's heuristic tier: rules over the leaderboard and diagnostics, a verdict and a confidence. */
import { contextOf, f, type ReviewContext, REVIEW_RULES } from "./review-context.js";
import { familyRule, underfitRule } from "./reviewer-model-rules.js";
import {
  dataSizeRule,
  imbalanceRule,
  leakageRule,
  noiseRule,
  overfitRule,
  varianceRule,
} from "./reviewer-rules.js";
import type { Finding, ReviewerInput, ReviewerOutput } from "./reviewer-schema.js";

const RANK: Record<Finding["severity"], number> = { high: 0, medium: 1, low: 2 };

const CONCERN: Record<Finding["kind"], string> = {
  leakage: "the score may come from leakage",
  overfit: "it overfits",
  underfit: "it underfits",
  variance: "its fold scores are unstable",
  imbalance: "the class imbalance distorts the picture",
  data_size: "the data are small",
  noise: "the top models are statistically tied",
  ok: "nothing stands out",
};

/**
 * Rules, in order: leakage (suspects, near-perfect CV), overfit (train−CV gap against the metric's
 * scale), variance (fold spread), noise (models tied within one fold std), imbalance (> 3:1, worse
 * under accuracy), data size (< 1000 / 500 / 100 rows, features ≥ rows), underfit (the baseline wins or
 * is barely beaten, or even the train score is modest), model families (boosting when a linear model
 * wins on ≥ 10k rows, a tree ensemble when none ran, simpler models on small data). No concern: "ok".
 */
export function reviewerHeuristic(input: ReviewerInput): ReviewerOutput {
  const ctx = contextOf(input);
  for (const rule of [
    leakageRule,
    overfitRule,
    varianceRule,
    noiseRule,
    imbalanceRule,
    dataSizeRule,
    underfitRule,
  ]) {
    rule(ctx);
  }
  const serious = ctx.findings.some((x) => x.severity !== "low");
  if (!serious) {
    ctx.findings.unshift({
      kind: "ok",
      evidence: `${headline(ctx)}${gapText(ctx)}; no leakage, overfitting or instability detected`,
      severity: "low",
    });
    ctx.topics.add("tune");
    ctx.steps.push({
      action: `tune the hyperparameters of ${`'${ctx.best.estimator}'`}${ctx.board[1] ? ` and the runner-up '${ctx.board[1].estimator}'` : ""}`,
      why: "the models are healthy: the remaining gains are in tuning",
    });
  }
  familyRule(ctx);
  const findings = ctx.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]).slice(0, 30);
  const worst = findings[0]!;
  const verdict =
    worst.kind === "ok"
      ? `Healthy: ${headline(ctx)}; no overfitting, leakage or instability detected.`
      : `${headline(ctx)}, but ${CONCERN[worst.kind]}: ${worst.evidence}.`;
  return {
    verdict: verdict.slice(0, 600),
    findings,
    nextSteps: ctx.steps.slice(0, 10),
    confidence: confidenceOf(ctx, findings),
  };
}

function headline(ctx: ReviewContext): string {
  const { best, input } = ctx;
  return `'${best.estimator}' leads with ${input.metric} ${f(best.cvScore)} ± ${f(best.cvStd)} (CV)`;
}

function gapText(ctx: ReviewContext): string {
  const t = ctx.best.trainScore;
  return t === undefined ? "" : `, train ${f(t)}`;
}

/** low: the scores may be wrong (leakage, high variance, tiny data, a single model); high: healthy, big, compared. */
function confidenceOf(ctx: ReviewContext, findings: readonly Finding[]): ReviewerOutput["confidence"] {
  const rows = ctx.nRows;
  const doubtful = findings.some(
    (x) => x.severity === "high" && (x.kind === "leakage" || x.kind === "variance" || x.kind === "data_size"),
  );
  if (doubtful || ctx.board.length === 1 || (rows !== undefined && rows < REVIEW_RULES.tinyRows * 2))
    return "low";
  const clean = findings.every((x) => x.severity === "low");
  if (clean && ctx.board.length >= 3 && rows !== undefined && rows >= REVIEW_RULES.fewRows) return "high";
  return "medium";
}
