/** Scores predictions against targets with a registered metric, filling every MetricInput field the task has. */
import { isClassification, type Task } from "../data/task.js";
import type { MetricInput } from "./metrics/metric-input.js";
import { METRICS, type MetricName } from "./metrics/registry.js";

/** What a model predicted for some rows (the shape the worker pool returns). */
export interface Predictions {
  /** Class indices (classification) or values, one per row. */
  values: Float64Array;
  /** Row-major n × K class probabilities, when the model gives them. */
  proba?: Float64Array;
}

export interface ScoreOptions {
  /** Binary metrics: class code of the positive class; default 1. */
  positiveClass?: number;
  /** Forecast MASE: the training series in time order, and the season length m (default 1). */
  history?: Float64Array;
  seasonLength?: number;
}

function toCodes(v: Float64Array): Int32Array {
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] as number;
  return out;
}

/** `metric` of `p` against `yTrue` (class indices or values); throws the metric's typed errors. */
export function scorePredictions(
  metric: MetricName,
  task: Task,
  yTrue: Float64Array,
  p: Predictions,
  options: ScoreOptions = {},
): number {
  const input: MetricInput = {};
  if (isClassification(task)) {
    input.labels = toCodes(yTrue);
    input.predLabels = toCodes(p.values);
    if (p.proba !== undefined) input.proba = p.proba;
    if (options.positiveClass !== undefined) input.positiveClass = options.positiveClass;
  } else {
    input.yTrue = yTrue;
    input.yPred = p.values;
    if (options.history !== undefined) input.history = options.history;
    if (options.seasonLength !== undefined) input.seasonLength = options.seasonLength;
  }
  return METRICS[metric].compute(input);
}
