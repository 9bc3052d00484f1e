/** TEST FIXTURES for the recovery tests: hand-built error contexts over a small set of columns of every kind. */
import type { Action } from "../../actions/index.js";
import type { StepInput } from "../../data/preprocess/index.js";
import type { Task } from "../../data/task.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import { type ColumnFact, type ErrorContext, errorContextFrom } from "./error-context.js";

/** Feature columns of every kind, with facts patterns read (missing, negatives, ±Infinity, constant, levels). */
export const FEATURES: readonly ColumnFact[] = [
  { name: "age", kind: "numeric", missing: 12, negatives: 0, infinite: 0, cardinality: 50 },
  { name: "balance", kind: "numeric", missing: 0, negatives: 30, infinite: 2, cardinality: 190 },
  { name: "color", kind: "categorical", missing: 0, cardinality: 3 },
  { name: "city", kind: "categorical", missing: 0, cardinality: 5000 },
  { name: "signup", kind: "datetime", missing: 0, cardinality: 180 },
  { name: "notes", kind: "text", missing: 3, cardinality: 150 },
  { name: "flag", kind: "numeric", missing: 0, constant: true, negatives: 0, infinite: 0, cardinality: 1 },
];

/** The default steps for FEATURES (as defaultSteps would make them). */
export const STEPS: StepInput[] = [
  { type: "datetime_features" },
  { type: "impute", strategy: "median", add_indicator: true, columns: "numeric" },
  { type: "text_features", method: "hash" },
  { type: "encode", method: "one_hot" },
];

export interface CaseOptions {
  error: {
    code: string;
    message: string;
    details?: Record<string, unknown> | undefined;
    stack?: string | undefined;
  };
  estimator: string;
  params?: Record<string, unknown>;
  steps?: StepInput[];
  task?: Task;
  metric?: MetricName;
  rows?: number | null;
  classCounts?: Record<string, number>;
  cvFolds?: number;
  columns?: readonly ColumnFact[];
  previousErrors?: { code: string; message: string; estimator: string | null }[];
  triedFixes?: Action[];
  recoveries?: number;
}

/** An ErrorContext: binary target `y` (or numeric `price` for regression) over FEATURES. */
export function caseOf(o: CaseOptions): ErrorContext {
  const task = o.task ?? "binary";
  const regression = task === "regression";
  const target = regression ? "price" : "y";
  const targetColumn: ColumnFact = regression
    ? { name: "price", kind: "numeric", target: true, missing: 0 }
    : { name: "y", kind: "categorical", target: true, missing: 0, cardinality: 2 };
  return errorContextFrom({
    error: o.error,
    spec: {
      version: 1,
      task,
      target,
      steps: o.steps ?? STEPS,
      estimator: { name: o.estimator, params: o.params ?? {} },
    },
    metric: o.metric ?? (regression ? "rmse" : "roc_auc"),
    settings: { cv_folds: o.cvFolds ?? 5 },
    columns: [...(o.columns ?? FEATURES), targetColumn],
    rows: o.rows === undefined ? 500 : o.rows,
    ...(regression ? {} : { classCounts: o.classCounts ?? { no: 300, yes: 200 } }),
    previousErrors: o.previousErrors ?? [],
    triedFixes: o.triedFixes ?? [],
    recoveries: o.recoveries ?? 0,
  });
}
