/**
 * The baseline portfolio: a few fast, diverse defaults per task, cheapest first, so that even a
 * tight budget ends with a sound model. Sizes adapt to the data: costly models are trimmed (or
 * left out) where their default fit would eat the budget.
 */
import type { Frame } from "../data/frame.js";
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

const REGRESSION: readonly Entry[] = [
  { estimator: "ridge" },
  { estimator: "hist_gradient_boosting_regressor" },
  { estimator: "knn_regressor", maxRows: 20_000 },
  { estimator: "extra_trees_regressor", params: { max_features: "fraction", max_features_fraction: 0.5 } },
  { estimator: "random_forest_regressor", params: { max_features: "fraction", max_features_fraction: 0.5 } },
  { estimator: "mlp_regressor", params: { early_stopping: true }, maxCells: 100_000 },
];

/** Forests on large data: fewer, shallower-leaved trees keep a fit within seconds. */
function sized(entry: Entry, rows: number): Record<string, unknown> {
  const params = { ...(entry.params ?? {}) };
  const forest = MODEL_REGISTRY.get(entry.estimator)?.family === "forest";
  if (forest && rows > 10_000) {
    params.n_estimators = 50;
    params.min_samples_leaf = rows > 30_000 ? 5 : 2;
  }
  if (forest && rows > 20_000) {
    // Each tree on a half-size bootstrap sample: about twice as fast, and a forest barely loses.
    params.bootstrap = true;
    params.max_samples = 0.5;
  }
  return params;
}

/** The steps of `estimator` on top of the data's default steps: scaling where the estimator needs it. */
export function stepsFor(estimator: string, base: readonly StepInput[]): StepInput[] {
  const spec = MODEL_REGISTRY.get(estimator);
  const steps = [...base];
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

/** Baseline specs in the order they run. Estimators the metric cannot use (no probabilities) are left out. */
export function baselinePortfolio(o: PortfolioOptions): PipelineSpec[] {
  const entries = isClassification(o.task) ? CLASSIFICATION : o.task === "regression" ? REGRESSION : [];
  const needsProba = METRICS[o.metric].needs === "proba";
  const base: StepInput[] = defaultSteps(o.frame, { target: o.target });
  // Features that give the answer away are dropped up front (the report says so), never rewarded.
  const leaks = (o.leaks ?? []).filter((c) => c !== o.target);
  if (leaks.length > 0) base.unshift({ type: "drop_columns", columns: leaks });
  const cells = o.frame.nRows * Math.max(1, o.frame.columns.length - 1);
  const specs: PipelineSpec[] = [];
  for (const entry of entries) {
    const est = MODEL_REGISTRY.get(entry.estimator);
    if (est === undefined || !est.tasks.includes(o.task)) continue;
    if (needsProba && !est.tags.probabilities) continue;
    if (entry.maxCells !== undefined && cells > entry.maxCells) continue;
    if (entry.maxRows !== undefined && o.frame.nRows > entry.maxRows) continue;
    specs.push(
      parsePipelineSpec({
        version: 1,
        task: o.task,
        target: o.target,
        steps: stepsFor(entry.estimator, base),
        estimator: { name: entry.estimator, params: sized(entry, o.frame.nRows) },
        seed: o.seed,
      }),
    );
  }
  return specs;
}
