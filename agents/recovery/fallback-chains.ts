/** Model fallback chains: robust estimators to switch to when a model keeps failing, most capable first. */
import type { Task } from "../../data/task.js";
import { METRICS, type MetricName } from "../../evaluate/metrics/registry.js";
import type { EstimatorSpec } from "../../trainers/estimator.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";

const CLASSIFICATION_CHAIN = [
  "hist_gradient_boosting_classifier",
  "random_forest_classifier",
  "extra_trees_classifier",
  "logistic_regression",
  "ridge_classifier",
  "decision_tree_classifier",
  "constant_classifier",
] as const;

const REGRESSION_CHAIN = [
  "hist_gradient_boosting_regressor",
  "random_forest_regressor",
  "extra_trees_regressor",
  "ridge",
  "decision_tree_regressor",
  "constant_regressor",
] as const;

/**
 * Per supervised task, the estimators to fall back to in order: a strong model that copes with
 * missing values and categories first, then forests, regularised linear models (ridge_classifier, with
 * no probabilities, is skipped under a probability metric), one tree, and the constant baseline, which
 * fits anything with at least one row. Registry names only (a test checks).
 */
export const MODEL_FALLBACK_CHAINS: Readonly<Partial<Record<Task, readonly string[]>>> = {
  binary: CLASSIFICATION_CHAIN,
  multiclass: CLASSIFICATION_CHAIN,
  regression: REGRESSION_CHAIN,
};

/**
 * The next estimator of `task`'s chain that is not in `tried`, serves the task, gives probabilities
 * when `metric` scores them (METRICS[m].needs), and passes `accept` (e.g. handles missing values);
 * null when the chain is exhausted.
 */
export function nextFallback(
  task: Task,
  metric: MetricName,
  tried: Iterable<string>,
  accept?: (spec: EstimatorSpec) => boolean,
): string | null {
  const skip = new Set(tried);
  const needsProba = METRICS[metric].needs === "proba";
  for (const name of MODEL_FALLBACK_CHAINS[task] ?? []) {
    if (skip.has(name)) continue;
    const spec = MODEL_REGISTRY.get(name);
    if (spec === undefined || !spec.tasks.includes(task)) continue;
    if (needsProba && !spec.tags.probabilities) continue;
    if (accept !== undefined && !accept(spec)) continue;
    return name;
  }
  return null;
}
