/** The reviewer's rules on fit quality: each reads the leaderboard and diagnostics, adds findings and steps. */
import { isClassification } from "../../data/task.js";
import { familyOf, isComplex, regularisationAdvice } from "./estimator-family.js";
import { GAP_THRESHOLDS, isNearPerfect, relative, SPREAD_THRESHOLDS, severityOf } from "./metric-scale.js";
import { better, f, q, type ReviewContext, REVIEW_RULES, simplerModels, step } from "./review-context.js";

export function leakageRule(ctx: ReviewContext): void {
  const { best, input, scale } = ctx;
  const suspects = input.diagnostics?.leakageSuspects ?? [];
  const unsupervised = input.task === "clustering";
  const perfect = !unsupervised && isNearPerfect(scale, best.cvScore);
  const score = `${input.metric} ${f(best.cvScore)}`;
  if (suspects.length > 0) {
    const names =
      suspects.slice(0, 5).map(q).join(", ") +
      (suspects.length > 5 ? ` and ${suspects.length - 5} more` : "");
    ctx.findings.push({
      kind: "leakage",
      evidence: `profiling flagged ${names} as leaking the target${perfect ? `, and the best CV score is near perfect (${score})` : ""}`,
      severity: "high",
    });
    step(
      ctx,
      "leakage",
      `drop ${names} and retrain, unless ${suspects.length === 1 ? "it is" : "they are"} known at prediction time`,
      "a feature that alone gives the answer away makes every score on this leaderboard optimistic",
    );
  } else if (perfect) {
    ctx.findings.push({
      kind: "leakage",
      evidence: `the best CV score is near perfect (${score} ± ${f(best.cvStd)}): too good to trust without a check`,
      severity: "medium",
    });
    step(
      ctx,
      "leakage",
      `check the most important features of ${q(best.estimator)} for one that gives the answer away (an ID sorted by label, a field filled after the outcome)`,
      `a near-perfect ${input.metric} usually means leakage unless the problem is known to be easy`,
    );
  }
}

export function overfitRule(ctx: ReviewContext): void {
  const { best, input, scale } = ctx;
  const gap =
    input.diagnostics?.overfitGap ??
    (best.trainScore !== undefined ? better(ctx, best.trainScore, best.cvScore) : undefined);
  if (gap === undefined || input.task === "clustering") return;
  const severity = severityOf(relative(scale, gap, best.cvScore), GAP_THRESHOLDS[scale.kind]);
  if (severity === null) return;
  const train = best.trainScore !== undefined ? `train ${f(best.trainScore)} vs ` : "";
  ctx.findings.push({
    kind: "overfit",
    evidence: `${train}CV ${f(best.cvScore)} ${input.metric} for ${q(best.estimator)} (gap ${f(gap)})`,
    severity,
  });
  if (severity === "low") return;
  step(
    ctx,
    "regularise",
    `regularise ${q(best.estimator)}: ${regularisationAdvice(ctx.family)}`,
    `the train-CV gap is ${f(gap)}`,
  );
  if (ctx.nRows !== undefined && ctx.nRows < REVIEW_RULES.fewRows && isComplex(ctx.family)) {
    simplerModels(ctx, "it overfits");
  }
}

export function varianceRule(ctx: ReviewContext): void {
  const { best, scale, input } = ctx;
  const severity = severityOf(relative(scale, best.cvStd, best.cvScore), SPREAD_THRESHOLDS[scale.kind]);
  if (severity === null) return;
  ctx.findings.push({
    kind: "variance",
    evidence: `fold scores of ${q(best.estimator)} spread ± ${f(best.cvStd)} around ${f(best.cvScore)} ${input.metric}`,
    severity,
  });
  if (severity === "low") return;
  step(
    ctx,
    "repeated-cv",
    "compare models with repeated cross-validation (e.g. 3 × 5 folds) before trusting the ranking",
    `a fold spread of ± ${f(best.cvStd)} hides smaller differences`,
  );
  if (ctx.nRows !== undefined && ctx.nRows < REVIEW_RULES.fewRows && isComplex(ctx.family)) {
    simplerModels(ctx, "its scores vary from fold to fold");
  }
}

export function noiseRule(ctx: ReviewContext): void {
  const { best, board, input } = ctx;
  if (best.cvStd <= 0) return;
  const close = board.slice(1).filter((e) => Math.abs(e.cvScore - best.cvScore) <= best.cvStd);
  if (close.length === 0) return;
  const shown = close.slice(0, 3).map((e) => `${q(e.estimator)} (${f(e.cvScore)})`);
  ctx.findings.push({
    kind: "noise",
    evidence: `${shown.join(", ")}${close.length > 3 ? ` and ${close.length - 3} more` : ""} within one fold standard deviation (${f(best.cvStd)}) of ${q(best.estimator)} (${f(best.cvScore)} ${input.metric}): their order is noise`,
    severity: "low",
  });
  const tied = [best, ...close];
  const fastest = tied.reduce((a, b) => (b.fitSeconds < a.fitSeconds ? b : a));
  const families = new Set(tied.map((e) => familyOf(e.estimator)));
  if (families.size > 1) {
    step(
      ctx,
      "ensemble",
      `ensemble the tied models (${tied
        .slice(0, 4)
        .map((e) => q(e.estimator))
        .join(", ")})`,
      "models of different families that score alike often err differently, and averaging them helps",
    );
  }
  if (fastest !== best) {
    step(
      ctx,
      "fastest",
      `prefer ${q(fastest.estimator)} if speed matters (${f(fastest.fitSeconds)} s per fit vs ${f(best.fitSeconds)} s)`,
      "it is statistically tied with the best",
    );
  }
}

export function imbalanceRule(ctx: ReviewContext): void {
  const { input } = ctx;
  const ratio = input.diagnostics?.imbalanceRatio;
  if (ratio === undefined || ratio <= REVIEW_RULES.imbalance || !isClassification(input.task)) return;
  const accuracy = input.metric === "accuracy";
  ctx.findings.push({
    kind: "imbalance",
    evidence: `the majority class is ${f(ratio)}× the minority${accuracy ? `; accuracy rewards predicting the majority${input.task === "binary" ? ` (always guessing it scores ${f(ratio / (ratio + 1))})` : ""}` : ""}`,
    severity: ratio > 10 || accuracy ? "high" : "medium",
  });
  if (accuracy) {
    step(
      ctx,
      "metric",
      `judge by ${input.task === "binary" ? "roc_auc or f1" : "balanced_accuracy or f1_macro"} instead of accuracy`,
      `with a ${f(ratio)}:1 imbalance accuracy hides how the minority class is predicted`,
    );
  }
  step(
    ctx,
    "rebalance",
    "weight the classes (rebalance with class_weight) and keep the folds stratified",
    `the classes are ${f(ratio)}:1`,
  );
}

export function dataSizeRule(ctx: ReviewContext): void {
  const d = ctx.input.diagnostics;
  if (!d) return;
  if (d.nFeatures > 0 && d.nFeatures >= d.nRows) {
    ctx.findings.push({
      kind: "data_size",
      evidence: `${d.nFeatures} features for ${d.nRows} rows: flexible models can memorise them`,
      severity: "high",
    });
    step(
      ctx,
      "features",
      "select features or regularise strongly (e.g. lasso, ridge)",
      `there are more features (${d.nFeatures}) than rows (${d.nRows})`,
    );
  }
  const severity =
    d.nRows < REVIEW_RULES.tinyRows
      ? "high"
      : d.nRows < REVIEW_RULES.smallRows
        ? "medium"
        : d.nRows < REVIEW_RULES.fewRows
          ? "low"
          : null;
  if (severity === null) return;
  ctx.findings.push({
    kind: "data_size",
    evidence: `only ${d.nRows} training rows: scores are noisy`,
    severity,
  });
  if (severity !== "low") {
    step(
      ctx,
      "repeated-cv",
      "use repeated cross-validation (e.g. 3 × 5 folds)",
      `${d.nRows} rows give noisy fold scores`,
    );
    if (isComplex(ctx.family)) simplerModels(ctx, "the data are small");
  }
}
