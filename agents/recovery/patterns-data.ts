/** Failure patterns caused by feature values: text in numbers, NaN, ±Infinity, negatives, constants, dates, levels. */
import type { ErrorContext } from "./error-context.js";
import {
  type Candidate,
  codeIs,
  columnPhrase,
  definePattern,
  estimatorName,
  estimatorOf,
  featureFacts,
  hasStep,
  namedColumn,
  says,
} from "./failure-pattern.js";
import {
  changeModel,
  fallbackFix,
  missingTolerantFix,
  regularise,
  scaleFix,
  selectFeatures,
  triedEstimators,
} from "./fix-builders.js";

const dropNamed = (ctx: ErrorContext): Candidate => {
  const c = namedColumn(ctx);
  return c === undefined ? null : { action: "drop_column", value: c.name };
};

const hasNumericImpute = (ctx: ErrorContext): boolean =>
  ctx.spec.steps.some((s) => s.type === "impute" && (s.columns === "numeric" || s.columns === "all"));

export const unparsableNumbers = definePattern({
  id: "unparsable-numbers",
  category: "data",
  description: "Text in a column used as numbers (values that do not parse as numbers).",
  specificity: 3,
  match: (ctx) =>
    says(
      ctx,
      /could not convert string to (float|int)|invalid literal for|unparsable|cannot parse .{0,40}number|non-numeric|not a valid number|strings? (values? )?in (a )?numeric/i,
    ) ||
    (codeIs(ctx, "INVALID_COLUMN_TYPE") && !says(ctx, /date|time/i)),
  diagnose: (ctx) =>
    `${columnPhrase(ctx, "A column")} holds text where numbers are expected (values that do not parse as numbers), so ${estimatorName(ctx)} cannot use it as a numeric feature.`,
  candidates: (ctx) => {
    const facts = featureFacts(ctx);
    return [
      dropNamed(ctx),
      facts.some((c) => c.kind === "text") && !hasStep(ctx, "text_features")
        ? { action: "text_features", value: "hash" }
        : null,
      facts.some((c) => c.kind === "categorical") && !hasStep(ctx, "encode")
        ? { action: "encoding", value: "one_hot" }
        : null,
    ];
  },
});

export const missingValues = definePattern({
  id: "missing-values",
  category: "data",
  description: "NaN in the features of an estimator that cannot handle missing values.",
  specificity: 2,
  match: (ctx) =>
    codeIs(ctx, "MISSING_VALUES") ||
    (says(
      ctx,
      /input contains nan|contains missing values|cannot handle missing|missing values? in (the )?features?/i,
    ) &&
      !says(ctx, /target/i)),
  diagnose: (ctx) => {
    const col = namedColumn(ctx);
    const count = col !== undefined && col.missing > 0 ? ` (${col.missing} missing cells)` : "";
    const where = hasNumericImpute(ctx)
      ? "they remain after preprocessing (an encoding or a derived feature makes them), so the imputation step does not cover them"
      : "the pipeline has no numeric imputation step";
    return `${columnPhrase(ctx, "A feature")} has missing values${count} and ${estimatorName(ctx)} cannot handle them: ${where}.`;
  },
  candidates: (ctx) => {
    const col = namedColumn(ctx);
    const ordinal = ctx.spec.steps.some((s) => s.type === "encode" && s.method === "ordinal");
    return [
      hasNumericImpute(ctx) ? null : { action: "imputation", value: "median" },
      col?.kind === "categorical" && ordinal ? { action: "encoding", value: "one_hot" } : null,
      missingTolerantFix(ctx),
      hasNumericImpute(ctx) ? dropNamed(ctx) : { action: "imputation", value: "most_frequent" },
    ];
  },
});

export const nonFiniteFeatures = definePattern({
  id: "non-finite-features",
  category: "data",
  description: "±Infinity in the features (no estimator accepts infinite values).",
  specificity: 2,
  match: (ctx) =>
    codeIs(ctx, "NON_FINITE_VALUES") ||
    (says(ctx, /infinity|inf values|too large for dtype|non-finite|not finite/i) &&
      !says(ctx, /target|loss|predict|gradient|weights?\b/i)),
  diagnose: (ctx) => {
    const col = namedColumn(ctx);
    const n = col?.infinite !== undefined && col.infinite > 0 ? ` in ${col.infinite} rows` : "";
    return `${columnPhrase(ctx, "A feature")} holds ±Infinity${n} (often a division by zero upstream); no estimator accepts infinite features, and imputation does not replace them.`;
  },
  candidates: (ctx) => [
    hasStep(ctx, "clip_outliers") ? null : { action: "clip_outliers", value: true },
    dropNamed(ctx),
  ],
});

export const negativeValues = definePattern({
  id: "negative-values",
  category: "data",
  description:
    "Negative features given to an estimator that needs non-negative ones (multinomial naive Bayes).",
  specificity: 3,
  match: (ctx) => codeIs(ctx, "NEGATIVE_VALUES") || says(ctx, /negative values?|needs non-?negative/i),
  diagnose: (ctx) => {
    const col = namedColumn(ctx);
    const n = col?.negatives !== undefined && col.negatives > 0 ? ` (${col.negatives} rows below 0)` : "";
    return `${estimatorName(ctx)} models counts and needs non-negative features, but ${columnPhrase(ctx)} has negative values${n}.`;
  },
  candidates: (ctx) => [
    scaleFix(ctx, "minmax"),
    triedEstimators(ctx).has("gaussian_nb") ? null : changeModel("gaussian_nb"),
    fallbackFix(ctx, (s) => s.tags.nonNegativeFeatures !== true),
  ],
});

export const constantFeatures = definePattern({
  id: "constant-features",
  category: "data",
  description: "Constant (zero-variance) features that make a computation degenerate.",
  specificity: 3,
  match: (ctx) =>
    says(
      ctx,
      /\bconstant (features?|columns?|values?|input)|zero[- ]variance|no variance|variance (is |of )?(0|zero)\b|(std|standard deviation) (is )?(0|zero)\b|features? (are|is) constant/i,
    ),
  diagnose: (ctx) => {
    const named = namedColumn(ctx);
    const constant = featureFacts(ctx).filter((c) => c.constant === true);
    const list = named !== undefined ? [named.name] : constant.slice(0, 5).map((c) => c.name);
    const which = list.length > 0 ? `The column(s) ${list.map((n) => `'${n}'`).join(", ")}` : "Some feature";
    return `${which} hold one value in every row (zero variance): they carry no information and make ${estimatorName(ctx)}'s computation degenerate.`;
  },
  candidates: (ctx) => [
    dropNamed(ctx),
    ...featureFacts(ctx)
      .filter((c) => c.constant === true)
      .slice(0, 3)
      .map((c): Candidate => ({ action: "drop_column", value: c.name })),
    hasStep(ctx, "select_features") ? null : selectFeatures(0.9),
  ],
});

const moreFeaturesThanRows = (ctx: ErrorContext): boolean =>
  ctx.data.rows !== null && ctx.data.rows > 0 && ctx.data.features >= ctx.data.rows;

export const featuresExceedRows = definePattern({
  id: "more-features-than-rows",
  category: "data",
  description: "More features than training rows: coefficients are underdetermined.",
  specificity: 4,
  match: (ctx) =>
    says(ctx, /more features than|n_features.{0,20}n_samples|underdetermined/i) ||
    (moreFeaturesThanRows(ctx) &&
      (codeIs(ctx, "FIT_FAILED", "INTERNAL") ||
        says(ctx, /singular|converge|ill-conditioned|\bnan\b|not a number/i))),
  diagnose: (ctx) =>
    `There are ${ctx.data.features} feature columns for only ${ctx.data.rows ?? "a few"} training rows (more features than rows), so ${estimatorName(ctx)} cannot pin down its coefficients without feature selection or regularisation.`,
  candidates: (ctx, actx) => {
    const rows = ctx.data.rows ?? 0;
    const features = Math.max(1, ctx.data.features);
    return [
      hasStep(ctx, "select_features") ? null : selectFeatures(rows > 0 ? rows / (2 * features) : 0.1),
      ...regularise(ctx, actx),
    ];
  },
});

export const dateParsing = definePattern({
  id: "date-parsing",
  category: "data",
  description: "A date column that cannot be parsed or turned into calendar features.",
  specificity: 3,
  match: (ctx) =>
    (says(
      ctx,
      /(pars\w*|invalid|unrecogni[sz]ed|unknown|format)\W.{0,40}\b(dates?|datetimes?|timestamps?)\b|\b(dates?|datetimes?|timestamps?)\b.{0,40}(pars\w*|format|invalid|out of (bounds|range))|time ?zone/i,
    ) &&
      !says(ctx, /\btarget\b/i)) ||
    (namedColumn(ctx)?.kind === "datetime" &&
      codeIs(ctx, "INVALID_COLUMN_TYPE", "INVALID_SPEC", "FIT_FAILED")),
  diagnose: (ctx) =>
    `${columnPhrase(ctx, "A date column")} holds dates that could not be parsed or turned into calendar features (mixed or unexpected formats).`,
  candidates: (ctx) => [
    featureFacts(ctx).some((c) => c.kind === "datetime")
      ? { action: "datetime_features", value: false }
      : null,
    dropNamed(ctx),
  ],
});

const HIGH_CARDINALITY = 100;

export const highCardinality = definePattern({
  id: "high-cardinality",
  category: "data",
  description: "A categorical column with too many levels for its encoding.",
  specificity: 3,
  match: (ctx) => {
    if (says(ctx, /too many (levels|categories|distinct)|high[- ]cardinality|\bcardinality\b/i)) return true;
    const col = namedColumn(ctx);
    return (
      col !== undefined &&
      (col.kind === "categorical" || col.kind === "text") &&
      (col.cardinality ?? 0) >= HIGH_CARDINALITY &&
      codeIs(ctx, "INVALID_SPEC", "FIT_FAILED", "FIT_OUT_OF_MEMORY")
    );
  },
  diagnose: (ctx) => {
    const col = namedColumn(ctx);
    const levels = col?.cardinality !== undefined ? ` has ${col.cardinality} distinct levels and` : "";
    return `${columnPhrase(ctx, "A categorical column")}${levels} has too many levels for its encoding: one feature per level blows up the matrix.`;
  },
  candidates: (ctx) => [
    { action: "encoding", value: "target" },
    estimatorOf(ctx)?.tags.handlesCategorical === true ? { action: "encoding", value: "native" } : null,
    dropNamed(ctx),
  ],
});

export const unseenCategory = definePattern({
  id: "unseen-category",
  category: "data",
  description:
    "A category at prediction time that the fitted encoding never saw (features differ between fit and predict).",
  specificity: 3,
  match: (ctx) =>
    codeIs(ctx, "FEATURE_MISMATCH") ||
    says(ctx, /unseen|unknown (categor|level|label)|found unknown|not seen (during|at) fit|new categor/i),
  diagnose: (ctx) =>
    `${columnPhrase(ctx, "A categorical column")} has values at prediction time that the fitted encoding never saw, so the encoded features differ between fit and predict.`,
  candidates: (ctx) => {
    const method = encodeMethod(ctx);
    return [
      method !== "one_hot" ? { action: "encoding", value: "one_hot" } : null,
      estimatorOf(ctx)?.tags.handlesCategorical === true ? { action: "encoding", value: "native" } : null,
      { action: "encoding", value: "target" },
      dropNamed(ctx),
    ];
  },
});

function encodeMethod(ctx: ErrorContext): string | null {
  for (const s of ctx.spec.steps) if (s.type === "encode") return s.method;
  return null;
}

/** The data patterns, in no particular order (matchPatterns sorts by specificity). */
export const DATA_PATTERNS = [
  unparsableNumbers,
  missingValues,
  nonFiniteFeatures,
  negativeValues,
  constantFeatures,
  featuresExceedRows,
  dateParsing,
  highCardinality,
  unseenCategory,
] as const;
