/** Builders of candidate fixes that patterns share: parameter moves within bounds, cheaper models, fallbacks. */
import { type ActionContext, type ParamDomain, paramDomains } from "../../actions/index.js";
import { isClassification } from "../../data/task.js";
import type { EstimatorSpec } from "../../trainers/estimator.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import type { ErrorContext } from "./error-context.js";
import { estimatorOf, type Candidate, featureFacts, hasStep } from "./failure-pattern.js";
import { nextFallback } from "./fallback-chains.js";
import { failedEstimators } from "./fix-check.js";

function domainOf(actx: ActionContext, name: string): ParamDomain | undefined {
  const spec = MODEL_REGISTRY.get(actx.spec.estimator.name);
  return spec === undefined ? undefined : paramDomains(spec).find((p) => p.name === name);
}

function currentOf(actx: ActionContext, d: ParamDomain): unknown {
  return actx.spec.estimator.params[d.name] ?? d.default;
}

/** set_hyperparameter `name` = `value` when the current estimator has that parameter. */
export function setParam(actx: ActionContext, name: string, value: string | number | boolean): Candidate {
  return domainOf(actx, name) === undefined ? null : { action: "set_hyperparameter", param: name, value };
}

/**
 * A numeric parameter times `factor`, clamped to its bounds (and to `floor` when lowering), rounded for
 * integers; `fromZero` replaces a current value of 0 when raising. Null when nothing would change.
 */
export function scaleParam(
  actx: ActionContext,
  name: string,
  factor: number,
  o: { floor?: number; fromZero?: number } = {},
): Candidate {
  const d = domainOf(actx, name);
  if (d === undefined || (d.kind !== "int" && d.kind !== "float")) return null;
  const now = Number(currentOf(actx, d));
  if (!Number.isFinite(now)) return null;
  let next = now <= 0 && factor > 1 ? (o.fromZero ?? d.min) : now * factor;
  if (factor < 1 && o.floor !== undefined) next = Math.max(next, Math.min(o.floor, now));
  next = Math.min(d.max, Math.max(d.min, next));
  if (d.kind === "int") next = factor < 1 ? Math.floor(next) : Math.ceil(next);
  else next = Number(next.toPrecision(6));
  return next === now ? null : { action: "set_hyperparameter", param: name, value: next };
}

/** A depth limit: an unlimited depth (0) becomes `limit`, a set one is halved (at least 1). */
export function limitDepth(actx: ActionContext, limit: number): Candidate {
  const d = domainOf(actx, "max_depth");
  if (d === undefined || d.kind !== "int") return null;
  const now = Number(currentOf(actx, d));
  const next = now === 0 ? Math.min(limit, d.max) : Math.max(1, d.min, Math.floor(now / 2));
  return next === now ? null : { action: "set_hyperparameter", param: "max_depth", value: next };
}

export function changeModel(name: string | null): Candidate {
  return name === null ? null : { action: "change_model", value: name };
}

/** Estimators that count as tried: the current one, those that failed in the run, those switched to already. */
export function triedEstimators(ctx: ErrorContext): Set<string> {
  const out = failedEstimators(ctx);
  out.add(ctx.spec.estimator.name);
  for (const f of ctx.triedFixes) if (f.action === "change_model") out.add(String(f.value));
  return out;
}

/** change_model to the next untried model of the task's fallback chain (optionally filtered). */
export function fallbackFix(ctx: ErrorContext, accept?: (spec: EstimatorSpec) => boolean): Candidate {
  return changeModel(nextFallback(ctx.task, ctx.metric, triedEstimators(ctx), accept));
}

/** A fallback that accepts missing values (a real model: the constant baseline is no fix for NaN). */
export function missingTolerantFix(ctx: ErrorContext): Candidate {
  return fallbackFix(ctx, (s) => s.tags.handlesMissing && s.family !== "baseline");
}

/** scaling = `method` unless a scale step with that method is already there. */
export function scaleFix(
  ctx: ErrorContext,
  method: "standard" | "minmax" | "robust" = "standard",
): Candidate {
  const has = ctx.spec.steps.some((s) => s.type === "scale" && s.method === method);
  return has ? null : { action: "scaling", value: method };
}

/** cv_folds lowered to `k` (at least 2) when that is fewer folds than now. */
export function fewerFolds(ctx: ErrorContext, k: number): Candidate {
  const to = Math.max(2, Math.floor(k));
  return to < ctx.settings.cv_folds ? { action: "cv_folds", value: to } : null;
}

/** Keeps `fraction` of the final features (clamped to the action's range). */
export function selectFeatures(fraction: number): Candidate {
  const f = Math.min(1, Math.max(0.05, Number(fraction.toFixed(2))));
  return { action: "feature_selection", value: f };
}

/** Stronger regularisation of the current estimator, or a regularised linear model instead. */
export function regularise(ctx: ErrorContext, actx: ActionContext): Candidate[] {
  const out: Candidate[] = [
    scaleParam(actx, "alpha", 10, { fromZero: 1 }),
    scaleParam(actx, "C", 0.1),
    scaleParam(actx, "l2_regularization", 10, { fromZero: 1 }),
    scaleParam(actx, "var_smoothing", 100, { fromZero: 1e-9 }),
  ];
  const est = estimatorOf(ctx);
  const penalty = actx.spec.estimator.params.penalty;
  if (est !== undefined && penalty === "none") out.push(setParam(actx, "penalty", "l2"));
  if (est?.name === "lda") out.push(setParam(actx, "shrinkage", "auto"));
  if (est === undefined || est.family !== "linear" || out.every((c) => c === null)) {
    out.push(changeModel(isClassification(ctx.task) ? "logistic_regression" : "ridge"));
  }
  return out;
}

/** Cheaper settings of the current estimator: fewer/shallower trees, fewer iterations, smaller layers. */
export function cheaper(ctx: ErrorContext, actx: ActionContext, what: "memory" | "time"): Candidate[] {
  const time = what === "time";
  const out: Candidate[] = [
    scaleParam(actx, "n_estimators", 0.25, { floor: 10 }),
    time ? scaleParam(actx, "max_iter", 0.25, { floor: 10 }) : null,
    limitDepth(actx, time ? 12 : 10),
    scaleParam(actx, "hidden_units", 0.25, { floor: 8 }),
    scaleParam(actx, "max_leaf_nodes", 0.5, { floor: 8 }),
    time ? null : scaleParam(actx, "max_bins", 0.25, { floor: 16 }),
    time && actx.spec.estimator.params.early_stopping !== "on"
      ? setParam(actx, "early_stopping", "on")
      : null,
  ];
  if (featureFacts(ctx).length > 50 && !hasStep(ctx, "select_features")) out.push(selectFeatures(0.5));
  return out;
}

/** Lower step sizes (gradient boosting, MLP, SGD). */
export function lowerLearningRate(actx: ActionContext): Candidate[] {
  return [
    scaleParam(actx, "learning_rate", 0.1),
    scaleParam(actx, "learning_rate_init", 0.1),
    scaleParam(actx, "eta0", 0.1),
  ];
}

/** More iterations for an iterative solver (ten times, within bounds). */
export function moreIterations(actx: ActionContext): Candidate {
  return scaleParam(actx, "max_iter", 10);
}
