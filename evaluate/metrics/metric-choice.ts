/** Choosing and comparing metrics: the default per task, better-than, names from user text. */
import { AlchemistError } from "../../core/errors.js";
import { closestNames } from "../../data/did-you-mean.js";
import type { Task } from "../../data/task.js";
import { METRICS, type MetricName, MetricNameSchema } from "./registry.js";

export interface DefaultMetricOptions {
  /** Clustering only: whether reference labels exist to score against (ARI); else silhouette. */
  hasReferenceLabels?: boolean;
}

/**
 * The metric a run optimises when the user names none: binary → roc_auc, multiclass → accuracy,
 * regression → rmse, forecast → mase, clustering → ari with reference labels else silhouette,
 * anomaly → roc_auc (of the anomaly score against the anomaly labels).
 */
export function defaultMetric(task: Task, options: DefaultMetricOptions = {}): MetricName {
  switch (task) {
    case "binary":
      return "roc_auc";
    case "multiclass":
      return "accuracy";
    case "regression":
      return "rmse";
    case "forecast":
      return "mase";
    case "clustering":
      return options.hasReferenceLabels === true ? "ari" : "silhouette";
    case "anomaly":
      return "roc_auc";
  }
}

/**
 * Whether score `a` is strictly better than `b` under `metric`'s direction. NaN is never better,
 * and any number is better than NaN, so a failed score never wins a leaderboard.
 */
export function isBetter(metric: MetricName, a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return METRICS[metric].direction === "max" ? a > b : a < b;
}

/** The names of the metrics meaningful for `task`, in registry order. */
export function metricsForTask(task: Task): MetricName[] {
  return MetricNameSchema.options.filter((name) => METRICS[name].tasks.includes(task));
}

/**
 * Parses a metric name from user or LLM text: trimmed, case-insensitive, `-` and spaces read as
 * `_`. Throws INVALID_ARGUMENT with did-you-mean suggestions and the allowed names otherwise.
 */
export function parseMetricName(text: string): MetricName {
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const parsed = MetricNameSchema.safeParse(normalised);
  if (parsed.success) return parsed.data;
  const suggestions = closestNames(normalised, MetricNameSchema.options);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(", ")}?` : "";
  throw new AlchemistError("INVALID_ARGUMENT", `unknown metric "${text}"${hint}`, {
    parameter: "metric",
    suggestions,
    allowed: MetricNameSchema.options,
  });
}
