/**
 * The baseline portfolio: a few fast, diverse defaults per task, cheapest first, so that even a
 * tight budget ends with a sound model. Sizes adapt to the data: costly models are trimmed (or
 * left out) where their default fit would eat the budget.
 */
import { type Frame, getColumn, hasColumn } from "../data/frame.js";
import {
  defaultSteps,
  type PipelineSpec,
  parsePipelineSpec,
  type StepInput,
} from "../data/preprocess/index.js";
import { isClassification, type Task } from "../data/task.js";
import { METRICS, type MetricName } from "../evaluate/metrics/registry.js";
import { MODEL_REGISTRY } from "../trainers/registry.js";

interface Entry {
  estimator: string;
  params?: Record<string, unknown>;
  /** Leave out above this many cells (rows × features): its fit would not fit a typical budget. */
  maxCells?: number;
  /** Leave out above this many rows (brute-force neighbours cost rows² at prediction). */
  maxRows?: number;
}

const CLASSIFICATION: readonly Entry[] = [
  { estimator: "logistic_regression" },
  { estimator: "hist_gradient_boosting_classifier" },
  { estimator: "knn_classifier", maxRows: 20_000 },
  { estimator: "extra_trees_classifier" },
  { estimator: "random_forest_classifier" },
  { estimator: "lda" },
  { estimator: "gaussian_nb" },
  { estimator: "mlp_classifier", params: { early_stopping: true }, maxCells: 100_000 },
];

/**
 * Gradient boosting grows one tree per class each round: from this many classes on, its default fit
 * costs more than the forests' (letter, 26 classes: 3.8 s a trial against extra trees' 1.6 s, and a
 * 6.7 s run lost its time to it), so the baseline runs it after them instead of second.
 */
const MANY_CLASSES = 10;

const REGRESSION: readonly Entry[] = [
  { estimator: "ridge" },
  { estimator: "hist_gradient_boosting_regressor" },
  { estimator: "knn_regressor", maxRows: 20_000 },
  { estimator: "extra_trees_regressor", params: { max_features: "fraction", max_features_fraction: 0.5 } },
  { estimator: "random_forest_regressor", params: { max_features: "fraction", max_features_fraction: 0.5 } },
  { estimator: "mlp_regressor", params: { early_stopping: true }, maxCells: 100_000 },
];

/**
 * Forests on large data: fewer, shallower-leaved trees keep a fit within seconds. Applied to the
 * portfolio's params, and to pipelines learned elsewhere (warm starts), where it only ever lightens.
 */
export function sizedParams(
  estimator: string,
  rows: number,
  given: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const params = { ...given };
  const forest = MODEL_REGISTRY.get(estimator)?.family === "forest";
  if (forest && rows > 10_000) {
    const trees = typeof given.n_estimators === "number" ? given.n_estimators : Number.POSITIVE_INFINITY;
    params.n_estimators = Math.min(50, trees);
    const leaf = typeof given.min_samples_leaf === "number" ? given.min_samples_leaf : 1;
    params.min_samples_leaf = Math.max(rows > 30_000 ? 5 : 2, leaf);
  }
  if (forest && rows > 20_000) {
    // Each tree on a half-size bootstrap sample: about twice as fast, and a forest barely loses.
    params.bootstrap = true;
    const share = typeof given.max_samples === "number" ? given.max_samples : 1;
    params.max_samples = Math.min(0.5, share);
  }
  return params;
}

const LIMITS: ReadonlyMap<string, Entry> = new Map(
  [...CLASSIFICATION, ...REGRESSION].map((e) => [e.estimator, e]),
);

/** False when the estimator's default fit is too costly for this frame (the portfolio's size limits). */
export function fitsFrame(estimator: string, frame: Frame): boolean {
  return fitsSize(estimator, frame.nRows, frame.columns.length - 1);
}

/** fitsFrame for a table of `rows` rows and `features` feature columns. */
export function fitsSize(estimator: string, rows: number, features: number): boolean {
  const entry = LIMITS.get(estimator);
  if (entry === undefined) return true;
  const cells = rows * Math.max(1, features);
  if (entry.maxCells !== undefined && cells > entry.maxCells) return false;
  return entry.maxRows === undefined || rows <= entry.maxRows;
}

/**
 * The steps of `estimator` on top of the data's default steps: scaling where the estimator needs it,
 * and categoricals as category codes (not one-hot) for one that splits on categories natively.
 */
export function stepsFor(estimator: string, base: readonly StepInput[]): StepInput[] {
  const spec = MODEL_REGISTRY.get(estimator);
  const steps = spec?.tags.handlesCategorical
    ? base.map((s) =>
        s.type === "encode" && s.method === "one_hot" ? { ...s, method: "native" as const } : s,
      )
    : [...base];
  if (spec?.tags.needsScaling) steps.push({ type: "scale", method: "standard" });
  return steps;
}

export interface PortfolioOptions {
  frame: Frame;
  target: string;
  task: Task;
  metric: MetricName;
  seed: number;
  /** Leakage suspects of the profile. */
  leaks?: readonly string[];
}

/** The built-in entries of a task, in the order they run on this frame (see MANY_CLASSES). */
function entriesFor(o: PortfolioOptions): readonly Entry[] {
  if (o.task === "regression") return REGRESSION;
  if (!isClassification(o.task)) return [];
  if (o.task !== "multiclass" || classCount(o.frame, o.target) < MANY_CLASSES) return CLASSIFICATION;
  const late = (e: Entry) => MODEL_REGISTRY.get(e.estimator)?.family === "boosting";
  const forestsEnd = CLASSIFICATION.findLastIndex(
    (e) => MODEL_REGISTRY.get(e.estimator)?.family === "forest",
  );
  const before = CLASSIFICATION.slice(0, forestsEnd + 1);
  return [...before.filter((e) => !late(e)), ...before.filter(late), ...CLASSIFICATION.slice(forestsEnd + 1)];
}

/** Distinct target values (0 when the frame has no such column). */
function classCount(frame: Frame, target: string): number {
  if (!hasColumn(frame, target)) return 0;
  const c = getColumn(frame, target);
  return new Set<number>(c.kind === "categorical" || c.kind === "text" ? c.codes : c.values).size;
}

/** Baseline specs in the order they run. Estimators the metric cannot use (no probabilities) are left out. */
export function baselinePortfolio(o: PortfolioOptions): PipelineSpec[] {
  const entries = entriesFor(o);
  const needsProba = METRICS[o.metric].needs === "proba";
  const base = baseSteps(o);
  const specs: PipelineSpec[] = [];
  for (const entry of entries) {
    const est = MODEL_REGISTRY.get(entry.estimator);
    if (est === undefined || !est.tasks.includes(o.task)) continue;
    if (needsProba && !est.tags.probabilities) continue;
    if (!fitsFrame(entry.estimator, o.frame)) continue;
    specs.push(
      parsePipelineSpec({
        version: 1,
        task: o.task,
        target: o.target,
        steps: stepsFor(entry.estimator, base),
        estimator: {
          name: entry.estimator,
          params: sizedParams(entry.estimator, o.frame.nRows, entry.params),
        },
        seed: o.seed,
      }),
    );
  }
  return specs;
}

/** The data's default steps, with the profile's leakage suspects dropped first: every baseline spec starts here. */
export function baseSteps(o: Pick<PortfolioOptions, "frame" | "target" | "leaks">): StepInput[] {
  const base: StepInput[] = defaultSteps(o.frame, { target: o.target });
  // Features that give the answer away are dropped up front (the report says so), never rewarded.
  const leaks = (o.leaks ?? []).filter((c) => c !== o.target);
  if (leaks.length > 0) base.unshift({ type: "drop_columns", columns: leaks });
  return base;
}
