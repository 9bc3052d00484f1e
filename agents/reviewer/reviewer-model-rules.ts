/** The reviewer's rules on models: underfitting against the baseline, and which families to try next. */
import { familyOf } from "./estimator-family.js";
import { GAP_THRESHOLDS, relative } from "./metric-scale.js";
import { better, f, flexibleModels, q, type ReviewContext, REVIEW_RULES, step } from "./review-context.js";

export function underfitRule(ctx: ReviewContext): void {
  const { best, board, scale, input } = ctx;
  if (input.task === "clustering" || input.task === "anomaly") return;
  const baseline = board.find((e) => familyOf(e.estimator) === "baseline");
  if (baseline === best) {
    ctx.findings.push({
      kind: "underfit",
      evidence: `the baseline ${q(best.estimator)} is the best model (${f(best.cvScore)} ${input.metric}): nothing learnt beats it`,
      severity: "high",
    });
    flexibleModels(ctx, "no model beats the baseline");
    return;
  }
  if (baseline) {
    const gain = relative(scale, better(ctx, best.cvScore, baseline.cvScore), baseline.cvScore);
    const floor = scale.kind === "unit" ? 0.02 : 0.05;
    if (gain < floor) {
      ctx.findings.push({
        kind: "underfit",
        evidence: `${q(best.estimator)} (${f(best.cvScore)}) barely beats the baseline ${q(baseline.estimator)} (${f(baseline.cvScore)} ${input.metric})`,
        severity: "high",
      });
      flexibleModels(ctx, "the best model barely beats the baseline");
      return;
    }
  }
  const modest = scale.modest;
  if (modest === undefined || best.trainScore === undefined || input.direction !== "max") return;
  const gap = better(ctx, best.trainScore, best.cvScore);
  if (best.trainScore < modest && gap < GAP_THRESHOLDS.unit[0]) {
    ctx.findings.push({
      kind: "underfit",
      evidence: `train ${f(best.trainScore)} and CV ${f(best.cvScore)} ${input.metric} are both modest: ${q(best.estimator)} cannot fit even the training data`,
      severity: "medium",
    });
    flexibleModels(ctx, "even the training score is modest");
  }
}

/** Model-family moves: boosting for large data won by a linear model, a tree ensemble when none ran. */
export function familyRule(ctx: ReviewContext): void {
  const { input, family, nRows, board } = ctx;
  // The underfit rule's "more flexible models" already says it.
  if (ctx.topics.has("flexible")) return;
  if (input.task === "clustering" || input.task === "anomaly") return;
  const rows = nRows !== undefined ? `${nRows} rows` : "this much data";
  if (
    (family === "linear" || family === "discriminant") &&
    nRows !== undefined &&
    nRows >= REVIEW_RULES.largeRows
  ) {
    step(
      ctx,
      "flexible",
      "try histogram gradient boosting",
      `with ${rows} a non-linear model usually beats the best linear one (${q(ctx.best.estimator)})`,
    );
  }
  const ensembles = board.some((e) => {
    const fam = familyOf(e.estimator);
    return fam === "boosting" || fam === "forest";
  });
  if (!ensembles && (nRows === undefined || nRows >= REVIEW_RULES.tinyRows * 2)) {
    step(
      ctx,
      "flexible",
      "try a tree ensemble (histogram gradient boosting or random forest)",
      "none is on the leaderboard, and they are strong defaults on tabular data",
    );
  }
}
