/** How to read a metric's numbers: bounded (a unit scale) or an error in target units, and what "perfect" is. */
import type { MetricName } from "../../evaluate/metrics/registry.js";

export interface MetricScale {
  /** unit: scores live on a ~0..1 scale, gaps are absolute; error: ≥ 0 in target units, gaps are relative. */
  kind: "unit" | "error";
  /** The best possible value. */
  perfect: number;
  /** A CV score this close to `perfect` is suspicious (null: no meaningful "too good"). */
  suspiciousWithin: number | null;
  /** (unit, larger is better) Below this even the training score is modest. */
  modest?: number;
}

const unit = (perfect: number, modest?: number): MetricScale =>
  modest === undefined
    ? { kind: "unit", perfect, suspiciousWithin: 0.005 }
    : { kind: "unit", perfect, suspiciousWithin: 0.005, modest };
const error = (suspiciousWithin: number | null): MetricScale => ({
  kind: "error",
  perfect: 0,
  suspiciousWithin,
});

/** Every metric of the registry (a Record: a new metric fails to compile until it is placed here). */
export const METRIC_SCALES: Readonly<Record<MetricName, MetricScale>> = {
  accuracy: unit(1, 0.7),
  balanced_accuracy: unit(1, 0.7),
  precision: unit(1, 0.6),
  recall: unit(1, 0.6),
  f1: unit(1, 0.6),
  precision_macro: unit(1, 0.6),
  recall_macro: unit(1, 0.6),
  f1_macro: unit(1, 0.6),
  precision_weighted: unit(1, 0.6),
  recall_weighted: unit(1, 0.6),
  f1_weighted: unit(1, 0.6),
  roc_auc: unit(1, 0.7),
  roc_auc_ovr: unit(1, 0.7),
  roc_auc_ovr_weighted: unit(1, 0.7),
  mcc: unit(1, 0.4),
  r2: unit(1, 0.5),
  ari: { kind: "unit", perfect: 1, suspiciousWithin: null },
  silhouette: { kind: "unit", perfect: 1, suspiciousWithin: null },
  brier: { kind: "unit", perfect: 0, suspiciousWithin: 0.002 },
  log_loss: error(0.01),
  rmse: error(1e-9),
  mae: error(1e-9),
  mape: error(0.005),
  smape: error(0.005),
  mase: error(0.05),
  davies_bouldin: error(null),
};

/** Gap and spread thresholds (low, medium, high) on each kind of scale. */
export const GAP_THRESHOLDS = { unit: [0.05, 0.1, 0.2], error: [0.1, 0.25, 0.5] } as const;
export const SPREAD_THRESHOLDS = { unit: [0.03, 0.05, 0.1], error: [0.05, 0.1, 0.25] } as const;

/** A difference in metric units on a comparable scale: absolute on unit metrics, relative to `ref` on errors. */
export function relative(scale: MetricScale, diff: number, ref: number): number {
  return scale.kind === "unit" ? diff : diff / Math.max(Math.abs(ref), 1e-12);
}

/** The severity a relative amount reaches against (low, medium, high) thresholds, or null below low. */
export function severityOf(
  amount: number,
  thresholds: readonly [number, number, number],
): "low" | "medium" | "high" | null {
  if (amount >= thresholds[2]) return "high";
  if (amount >= thresholds[1]) return "medium";
  if (amount >= thresholds[0]) return "low";
  return null;
}

export function isNearPerfect(scale: MetricScale, score: number): boolean {
  return scale.suspiciousWithin !== null && Math.abs(score - scale.perfect) <= scale.suspiciousWithin;
}
