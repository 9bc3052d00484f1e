/** Failure patterns of the target and of the cross-validation split: NaN targets, single classes, empty folds. */
import type { ErrorContext } from "./error-context.js";
import {
  type Candidate,
  codeIs,
  definePattern,
  estimatorName,
  hasStep,
  namedParameter,
  says,
} from "./failure-pattern.js";
import { fallbackFix, fewerFolds } from "./fix-builders.js";

const target = (ctx: ErrorContext): string => `'${ctx.spec.target}'`;

/** The message every class check of ours and scikit-learn's use for a lone class. */
const SINGLE_CLASS =
  /has [01] class|only one class|single class|1 class\b|one distinct (class|value)|contains only one/i;

const smallestClass = (ctx: ErrorContext): { label: string; count: number } | null => {
  const c = ctx.classes?.counts;
  if (c === undefined || c.length === 0) return null;
  return c.reduce((a, b) => (b.count < a.count ? b : a));
};

export const missingTarget = definePattern({
  id: "missing-target",
  category: "target",
  description: "NaN or ±Infinity in the target: those rows cannot be trained on.",
  specificity: 3,
  match: (ctx) =>
    (codeIs(ctx, "INVALID_TARGET") && says(ctx, /\b(missing|nan|infinite|-?infinity)\b/i)) ||
    says(ctx, /target.{0,40}\b(nan|missing|infinit\w*)\b/i),
  diagnose: (ctx) => {
    const row = ctx.error.details?.row;
    const at = typeof row === "number" ? ` (first at row ${row})` : "";
    return `The target ${target(ctx)} is missing or infinite in some rows${at}: no model can learn from those rows, and no action of the action space drops rows; fix or drop them in the data.`;
  },
  candidates: () => [],
  recoverable: () => false,
});

export const singleClassTarget = definePattern({
  id: "single-class-target",
  category: "target",
  description: "The whole target holds a single class: there is nothing to classify.",
  specificity: 4,
  match: (ctx) =>
    codeIs(ctx, "INVALID_TARGET") &&
    says(ctx, SINGLE_CLASS) &&
    ctx.classes !== null &&
    ctx.classes.nClasses < 2,
  diagnose: (ctx) =>
    `Every training row of the target ${target(ctx)} holds the same class, so a ${ctx.task} model has nothing to learn; the data needs rows of at least two classes.`,
  candidates: () => [],
  recoverable: () => false,
});

export const singleClassFold = definePattern({
  id: "single-class-fold",
  category: "split",
  description: "A cross-validation fold whose training rows hold a single class.",
  specificity: 4,
  match: (ctx) =>
    codeIs(ctx, "INVALID_TARGET") &&
    says(ctx, SINGLE_CLASS) &&
    (ctx.classes === null || ctx.classes.nClasses >= 2),
  diagnose: (ctx) => {
    const small = smallestClass(ctx);
    const why = small !== null ? ` (the smallest class '${small.label}' has only ${small.count} rows)` : "";
    return `A cross-validation fold's training rows hold a single class of ${target(ctx)}${why}, so ${estimatorName(ctx)} cannot be fitted on that fold; fewer folds keep every class in each training part.`;
  },
  candidates: (ctx) => {
    const small = smallestClass(ctx);
    return [
      fewerFolds(ctx, small !== null ? Math.min(small.count, ctx.settings.cv_folds - 1) : 3),
      fewerFolds(ctx, 2),
    ];
  },
});

export const targetTaskMismatch = definePattern({
  id: "target-task-mismatch",
  category: "target",
  description:
    "A target that cannot serve the run's task (text for regression, 3 classes for binary, dates).",
  specificity: 3,
  match: (ctx) =>
    codeIs(ctx, "INVALID_TARGET") &&
    says(ctx, /needs numbers|needs exactly 2|is a datetime column|cannot serve|needs at least 2/i) &&
    !says(ctx, SINGLE_CLASS),
  diagnose: (ctx) =>
    `The target ${target(ctx)} does not fit the task '${ctx.task}' (${ctx.error.message.slice(0, 200)}); the task is chosen for the run, and no action changes it.`,
  candidates: () => [],
  recoverable: () => false,
});

export const tooFewPerClass = definePattern({
  id: "too-few-per-class",
  category: "split",
  description: "A class with fewer rows than cross-validation folds: stratification cannot reach every fold.",
  specificity: 3,
  match: (ctx) =>
    says(
      ctx,
      /least populated class|fewer members|members (in|of) (each|every|the smallest) class|n_splits|no rows of class|only rows of class|both positives and negatives/i,
    ) ||
    (ctx.classes !== null &&
      ctx.classes.smallest < ctx.settings.cv_folds &&
      codeIs(ctx, "NOT_ENOUGH_ROWS", "INVALID_TARGET", "INVALID_ARGUMENT")),
  diagnose: (ctx) => {
    const small = smallestClass(ctx);
    const who =
      small !== null
        ? `class '${small.label}' of ${target(ctx)} has only ${small.count} rows`
        : `smallest class of ${target(ctx)} is tiny`;
    return `The ${who}, too few for ${ctx.settings.cv_folds} stratified folds: some fold gets no row of it, so the fit or the fold's score is undefined.`;
  },
  candidates: (ctx) => {
    const small = ctx.classes?.smallest ?? 2;
    return [fewerFolds(ctx, Math.min(small, ctx.settings.cv_folds - 1)), fewerFolds(ctx, 2)];
  },
});

const IMBALANCED_SHARE = 0.02;

export const extremeImbalance = definePattern({
  id: "extreme-imbalance",
  category: "target",
  description: "A class so rare (under 2% of rows) that folds and fits see it rarely or never.",
  specificity: 2,
  match: (ctx) => {
    const c = ctx.classes;
    if (c === null || c.counts.length < 2) return false;
    const total = c.counts.reduce((a, b) => a + b.count, 0);
    const rare = total > 0 && c.smallest / total < IMBALANCED_SHARE;
    return rare && (codeIs(ctx, "INVALID_TARGET") || says(ctx, /class|positive|negative|minority|imbalanc/i));
  },
  diagnose: (ctx) => {
    const small = smallestClass(ctx);
    const total = ctx.classes?.counts.reduce((a, b) => a + b.count, 0) ?? 0;
    const pct = small !== null && total > 0 ? ((100 * small.count) / total).toFixed(2) : "?";
    return `The class '${small?.label ?? "?"}' of ${target(ctx)} holds only ${small?.count ?? "?"} of ${total} rows (${pct}%): extreme imbalance, so folds and fits see it rarely or never.`;
  },
  candidates: (ctx) => {
    const foldProblem = says(ctx, /no rows of class|only rows of class|both positives and negatives/i);
    const rebalance: Candidate[] = hasStep(ctx, "rebalance")
      ? []
      : [
          { action: "rebalance_classes", value: "oversample" },
          { action: "rebalance_classes", value: "class_weight" },
        ];
    const folds = fewerFolds(ctx, Math.min(ctx.classes?.smallest ?? 2, ctx.settings.cv_folds - 1));
    return foldProblem ? [folds, ...rebalance] : [...rebalance, folds];
  },
});

export const emptySplit = definePattern({
  id: "empty-split",
  category: "split",
  description: "A split that leaves no (or too few) training or validation rows.",
  specificity: 3,
  match: (ctx) =>
    (codeIs(ctx, "NOT_ENOUGH_ROWS") &&
      namedParameter(ctx) !== "folds" &&
      says(
        ctx,
        /no training rows|no train row|needs at least \d+ rows?|need more than|leaves no|n=0|empty/i,
      )) ||
    says(ctx, /empty (split|fold|training set|validation set)|0 samples/i),
  diagnose: (ctx) =>
    `A cross-validation split left no (or too few) rows to train or score on (${ctx.data.rows ?? "unknown"} training rows, ${ctx.settings.cv_folds} folds).`,
  candidates: (ctx) => {
    const rows = ctx.data.rows;
    return [
      fewerFolds(ctx, rows !== null ? Math.min(ctx.settings.cv_folds - 1, rows / 2) : 3),
      fewerFolds(ctx, 2),
    ];
  },
  recoverable: (ctx) => ctx.data.rows === null || ctx.data.rows >= 4,
});

export const targetEncodingFolds = definePattern({
  id: "target-encoding-folds",
  category: "config",
  description: "Target encoding's inner folds need more rows than a training fold has.",
  specificity: 4,
  match: (ctx) =>
    codeIs(ctx, "NOT_ENOUGH_ROWS") &&
    (namedParameter(ctx) === "folds" || says(ctx, /rows cannot make \d+ folds/i)),
  diagnose: () =>
    "Target encoding computes its values out-of-fold, and a training fold has fewer rows than its inner folds: use an encoding that needs no inner folds.",
  candidates: () => [
    { action: "encoding", value: "one_hot" },
    { action: "encoding", value: "ordinal" },
  ],
});

export const sampleCountMismatch = definePattern({
  id: "sample-count-mismatch",
  category: "split",
  description: "Features, target or sample weights of a fold with different row counts.",
  specificity: 2,
  match: (ctx) =>
    codeIs(ctx, "LENGTH_MISMATCH") ||
    says(ctx, /inconsistent numbers of samples|feature rows but \d+ targets|rows but \d+ sample weights/i),
  diagnose: (ctx) =>
    `The features and the target (or the sample weights) of a fold do not have the same number of rows (${ctx.error.message.slice(0, 200)})${hasStep(ctx, "rebalance") ? "; the rebalance step is where the rows change" : ""}.`,
  candidates: (ctx) => [
    hasStep(ctx, "rebalance") ? { action: "rebalance_classes", value: "none" } : null,
    fallbackFix(ctx),
  ],
});

/** The target and split patterns. */
export const TARGET_SPLIT_PATTERNS = [
  singleClassTarget,
  singleClassFold,
  targetEncodingFolds,
  missingTarget,
  targetTaskMismatch,
  emptySplit,
  tooFewPerClass,
  extremeImbalance,
  sampleCountMismatch,
] as const;
