/** The METRICS registry, the default metric per task, comparisons, names, and generic scoring. */
import { describe, expect, it } from "vitest";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { type Task, TaskSchema } from "../../data/task.js";
import { defaultMetric, isBetter, metricsForTask, parseMetricName } from "./metric-choice.js";
import type { MetricInput } from "./metric-input.js";
import { METRICS, MetricNameSchema } from "./registry.js";

describe("METRICS", () => {
  it("holds one well-formed definition per name", () => {
    expect(Object.keys(METRICS).sort()).toEqual([...MetricNameSchema.options].sort());
    for (const name of MetricNameSchema.options) {
      const def = METRICS[name];
      expect(def.name).toBe(name);
      expect(["max", "min"]).toContain(def.direction);
      expect(["labels", "proba", "values", "clusters"]).toContain(def.needs);
      expect(def.tasks.length).toBeGreaterThan(0);
      expect(def.description.length).toBeGreaterThan(10);
      expect(Object.isFrozen(def)).toBe(true);
    }
  });

  it("gives directions the way the loop optimises them", () => {
    const min = MetricNameSchema.options.filter((n) => METRICS[n].direction === "min");
    expect(min.sort()).toEqual([
      "brier",
      "davies_bouldin",
      "log_loss",
      "mae",
      "mape",
      "mase",
      "rmse",
      "smape",
    ]);
  });
});

describe("defaultMetric", () => {
  it("picks the per-task default, and it is registered for that task", () => {
    const expected: Record<Task, string> = {
      binary: "roc_auc",
      multiclass: "accuracy",
      regression: "rmse",
      forecast: "mase",
      clustering: "silhouette",
      anomaly: "roc_auc",
    };
    for (const task of TaskSchema.options) {
      expect(defaultMetric(task)).toBe(expected[task]);
      expect(metricsForTask(task)).toContain(defaultMetric(task));
    }
    expect(defaultMetric("clustering", { hasReferenceLabels: true })).toBe("ari");
    expect(defaultMetric("clustering", { hasReferenceLabels: false })).toBe("silhouette");
  });
});

describe("isBetter", () => {
  it("follows the direction, strictly, and never prefers NaN", () => {
    expect(isBetter("roc_auc", 0.9, 0.8)).toBe(true);
    expect(isBetter("roc_auc", 0.8, 0.9)).toBe(false);
    expect(isBetter("rmse", 1, 2)).toBe(true);
    expect(isBetter("rmse", 2, 1)).toBe(false);
    expect(isBetter("accuracy", 0.5, 0.5)).toBe(false);
    expect(isBetter("rmse", Number.NaN, 5)).toBe(false);
    expect(isBetter("rmse", 5, Number.NaN)).toBe(true);
    expect(isBetter("r2", Number.NaN, Number.NaN)).toBe(false);
  });
});

describe("parseMetricName", () => {
  it("normalises case, spaces and dashes", () => {
    expect(parseMetricName("ROC-AUC")).toBe("roc_auc");
    expect(parseMetricName(" f1 macro ")).toBe("f1_macro");
    expect(parseMetricName("davies-bouldin")).toBe("davies_bouldin");
  });

  it("suggests close names for typos", () => {
    try {
      parseMetricName("rmsee");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AlchemistError);
      const err = e as AlchemistError;
      expect(err.code).toBe("INVALID_ARGUMENT");
      expect(err.details.suggestions).toContain("rmse");
      expect(err.message).toContain("did you mean");
    }
  });
});

/** What the loop would hand over for each task: every metric of the task must score from it. */
function inputFor(task: Task): MetricInput {
  const rng = createRng(7);
  const n = 60;
  const k = task === "multiclass" ? 4 : 2;
  const labels = Int32Array.from({ length: n }, (_, i) => i % k);
  const proba = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += proba[i * k + c] = rng.next() + (c === labels[i] ? 1 : 0);
    for (let c = 0; c < k; c++) proba[i * k + c]! /= sum;
  }
  const predLabels = Int32Array.from({ length: n }, (_, i) => (rng.next() < 0.7 ? labels[i]! : rng.int(k)));
  const yTrue = Float64Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 3) * 5);
  const yPred = yTrue.map((y) => y + rng.normal());
  const features = Float64Array.from(
    { length: n * 2 },
    (_, j) => rng.normal() + (labels[j >> 1]! === 1 ? 4 : 0),
  );
  return {
    labels,
    predLabels,
    proba,
    scores: Float64Array.from({ length: n }, (_, i) => rng.next() + labels[i]!),
    yTrue,
    yPred,
    history: Float64Array.from({ length: 48 }, (_, i) => 10 + Math.sin(i / 3) * 5 + (i % 12)),
    seasonLength: 12,
    clusters: predLabels.map((c) => c % 2),
    features,
    nFeatures: 2,
  };
}

describe("generic scoring", () => {
  it.each(TaskSchema.options.map((t) => [t]))("every metric of %s scores from one input", (task) => {
    const input = inputFor(task);
    if (task === "anomaly") delete input.proba; // detectors give scores, not probabilities
    for (const name of metricsForTask(task)) {
      const value = METRICS[name].compute(input);
      expect(Number.isFinite(value), `${task} ${name}`).toBe(true);
    }
  });
});
