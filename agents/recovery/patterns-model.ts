/** Failure patterns of the estimator and its configuration: singular systems, divergence, probabilities, params. */
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import {
  type Candidate,
  codeIs,
  definePattern,
  estimatorName,
  estimatorOf,
  hasStep,
  namedColumn,
  namedParameter,
  says,
} from "./failure-pattern.js";
import {
  changeModel,
  fallbackFix,
  lowerLearningRate,
  moreIterations,
  regularise,
  scaleFix,
  selectFeatures,
  setParam,
  triedEstimators,
} from "./fix-builders.js";

export const singularMatrix = definePattern({
  id: "singular-matrix",
  category: "model",
  description: "A singular or ill-conditioned linear system (collinear, duplicated or constant features).",
  specificity: 3,
  match: (ctx) =>
    says(
      ctx,
      /singular|not positive definite|positive[- ]definite|collinear|ill-conditioned|linalg|cholesky|not invertible|non-invertible/i,
    ),
  diagnose: (ctx) =>
    `${estimatorName(ctx)}'s linear system is singular: some features are exact combinations of others (collinear, duplicated or constant), so the coefficients are not unique without regularisation.`,
  candidates: (ctx, actx) => [
    ...regularise(ctx, actx),
    hasStep(ctx, "select_features") ? null : selectFeatures(0.5),
  ],
});

export const nonConvergence = definePattern({
  id: "non-convergence",
  category: "model",
  description: "An iterative solver that stops before converging.",
  specificity: 3,
  match: (ctx) =>
    says(ctx, /converge|maximum number of iterations|iteration limit|iterations? (limit )?reached|max_iter/i),
  diagnose: (ctx) => {
    const est = estimatorOf(ctx);
    const iter = ctx.spec.estimator.params.max_iter;
    const limit = typeof iter === "number" ? ` within max_iter = ${iter} iterations` : "";
    const scaled =
      est?.tags.needsScaling === true && !hasStep(ctx, "scale") ? ", and its features are not scaled" : "";
    return `${estimatorName(ctx)}'s solver did not converge${limit}${scaled}.`;
  },
  candidates: (ctx, actx) => {
    const unscaled = estimatorOf(ctx)?.tags.needsScaling === true && !hasStep(ctx, "scale");
    return unscaled ? [scaleFix(ctx), moreIterations(actx)] : [moreIterations(actx), scaleFix(ctx)];
  },
});

export const explodingLoss = definePattern({
  id: "exploding-loss",
  category: "model",
  description: "A fit that diverges: loss, weights or predictions become NaN or infinite.",
  specificity: 3,
  match: (ctx) =>
    says(
      ctx,
      /\bnan\b.{0,30}\b(loss|predictions?|outputs?|scores?|gradients?|weights?|coef\w*)|\b(loss|predictions?|outputs?|gradients?|weights?|coef\w*)\b.{0,30}\b(nan|inf|infinite|non-finite)\b|overflow|diverg|explod|is not a number/i,
    ),
  diagnose: (ctx) =>
    `${estimatorName(ctx)} diverged: its loss or predictions became NaN or infinite${hasStep(ctx, "scale") ? "" : " (its features are not scaled)"}, typically from large feature values or too large a learning rate.`,
  candidates: (ctx, actx) => [
    scaleFix(ctx),
    ...lowerLearningRate(actx),
    hasStep(ctx, "clip_outliers") ? null : { action: "clip_outliers", value: true },
    fallbackFix(ctx),
  ],
});

/** An estimator of the same family that gives probabilities, for a model that does not. */
function probabilisticSibling(ctx: Parameters<typeof estimatorOf>[0]): string | null {
  const est = estimatorOf(ctx);
  if (est === undefined) return null;
  const tried = triedEstimators(ctx);
  for (const s of MODEL_REGISTRY.values()) {
    if (s.family === est.family && s.tags.probabilities && s.tasks.includes(ctx.task) && !tried.has(s.name)) {
      return s.name;
    }
  }
  return est.family === "linear" && !tried.has("logistic_regression") ? "logistic_regression" : null;
}

export const probabilitiesMissing = definePattern({
  id: "probabilities-missing",
  category: "config",
  description: "The metric scores probabilities, but the estimator gives only labels.",
  specificity: 3,
  match: (ctx) => says(ctx, /predict_?proba|probabilit|needs input\.(proba|scores)|needs proba/i),
  diagnose: (ctx) =>
    `The metric ${ctx.metric} scores probabilities, but ${estimatorName(ctx)} predicts labels only.`,
  candidates: (ctx) => [
    changeModel(probabilisticSibling(ctx)),
    fallbackFix(ctx, (s) => s.tags.probabilities),
  ],
});

export const invalidParams = definePattern({
  id: "invalid-params",
  category: "config",
  description: "An estimator parameter outside its declared bounds.",
  specificity: 2,
  match: (ctx) =>
    codeIs(ctx, "INVALID_PARAMS") ||
    says(ctx, /invalid param|unknown param|outside (its|the) (declared )?(bounds|range)/i),
  diagnose: (ctx) => {
    const p = namedParameter(ctx);
    return `${p !== undefined ? `The parameter '${p}'` : "A parameter"} of ${estimatorName(ctx)} is outside its declared bounds (${ctx.error.message.slice(0, 200)}).`;
  },
  candidates: (ctx, actx) => {
    const p = namedParameter(ctx);
    const est = estimatorOf(ctx);
    let reset: Candidate = null;
    if (p !== undefined && est !== undefined && p in est.params.shape) {
      const v = (est.params.parse({}) as Record<string, unknown>)[p];
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean")
        reset = setParam(actx, p, v);
    }
    // change_model to the current estimator resets every parameter to the registry defaults.
    return [reset, est !== undefined ? changeModel(est.name) : null, fallbackFix(ctx)];
  },
});

export const unknownEstimator = definePattern({
  id: "unknown-estimator",
  category: "config",
  description: "An estimator name that is not in MODEL_REGISTRY.",
  specificity: 3,
  match: (ctx) => codeIs(ctx, "UNKNOWN_ESTIMATOR") || says(ctx, /no estimator named/i),
  diagnose: (ctx) => `'${estimatorName(ctx)}' is not an estimator of the model registry.`,
  candidates: (ctx) => {
    // Suggestions are by spelling: the ones that cannot serve the task fail validation and drop out.
    const s = ctx.error.details?.suggestions;
    const named = Array.isArray(s)
      ? s.filter((x): x is string => typeof x === "string").map(changeModel)
      : [];
    return [...named, fallbackFix(ctx)];
  },
});

export const invalidSpec = definePattern({
  id: "invalid-spec",
  category: "config",
  description:
    "A preprocessing step that does not fit the data or the task (e.g. mean imputation of a categorical column).",
  specificity: 2,
  match: (ctx) => codeIs(ctx, "INVALID_SPEC", "COLUMN_NOT_FOUND"),
  diagnose: (ctx) => {
    const col = namedColumn(ctx);
    return `A preprocessing step does not fit the data${col !== undefined ? ` (column '${col.name}')` : ""}: ${ctx.error.message.slice(0, 200)}`;
  },
  candidates: (ctx) => [
    says(ctx, /target encoding/i) ? { action: "encoding", value: "one_hot" } : null,
    says(ctx, /rebalance/i) ? { action: "rebalance_classes", value: "none" } : null,
    says(ctx, /strategy/i) ? { action: "imputation", value: "median" } : null,
    says(ctx, /feature selection/i) ? { action: "feature_selection", value: "none" } : null,
    says(ctx, /datetime|date/i) ? { action: "datetime_features", value: false } : null,
    says(ctx, /text/i) ? { action: "text_features", value: "off" } : null,
  ],
});

/** The model and configuration patterns. */
export const MODEL_PATTERNS = [
  singularMatrix,
  nonConvergence,
  explodingLoss,
  probabilitiesMissing,
  unknownEstimator,
  invalidParams,
  invalidSpec,
] as const;
