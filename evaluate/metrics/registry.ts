/** METRICS: every metric Alchemist scores, with its direction, tasks and the prediction it reads. */
import { z } from "zod";
import type { Task } from "../../data/task.js";
import { accuracy, balancedAccuracy } from "./accuracy.js";
import { adjustedRandIndex } from "./adjusted-rand.js";
import { brierScore } from "./brier.js";
import { daviesBouldinScore } from "./davies-bouldin.js";
import { logLoss } from "./log-loss.js";
import { mase } from "./mase.js";
import { matthewsCorrcoef } from "./mcc.js";
import { field, type MetricInput, positiveScores } from "./metric-input.js";
import { type PrfAverage, precisionRecallF1 } from "./precision-recall-f1.js";
import { mae, mape, r2, rmse, smape } from "./regression-errors.js";
import { rocAuc, rocAucOvr } from "./roc-auc.js";
import { silhouetteScore } from "./silhouette.js";

export const MetricNameSchema = z
  .enum([
    "accuracy",
    "balanced_accuracy",
    "precision",
    "recall",
    "f1",
    "precision_macro",
    "recall_macro",
    "f1_macro",
    "precision_weighted",
    "recall_weighted",
    "f1_weighted",
    "roc_auc",
    "roc_auc_ovr",
    "roc_auc_ovr_weighted",
    "log_loss",
    "mcc",
    "brier",
    "rmse",
    "mae",
    "r2",
    "mape",
    "smape",
    "mase",
    "ari",
    "silhouette",
    "davies_bouldin",
  ])
  .describe("the metric to score and optimise; see METRICS for direction and tasks");
export type MetricName = z.infer<typeof MetricNameSchema>;

/** Whether larger (`max`) or smaller (`min`) values are better. */
export type MetricDirection = "max" | "min";

/**
 * The prediction a metric consumes: predicted class codes (`labels` → `predLabels`), class
 * probabilities or positive-class scores (`proba` → `proba` / `scores`), real values (`values` →
 * `yPred`), or cluster assignments (`clusters` → `clusters`).
 */
export type MetricNeeds = "labels" | "proba" | "values" | "clusters";

export interface MetricDefinition {
  readonly name: MetricName;
  readonly direction: MetricDirection;
  /** Tasks the metric is meaningful for. */
  readonly tasks: readonly Task[];
  readonly needs: MetricNeeds;
  /** One line for prompts, docs and tool schemas: what it measures, its range, its inputs. */
  readonly description: string;
  /** Scores one prediction; throws AlchemistError on missing or malformed input. */
  compute(input: MetricInput): number;
}

type Definition = Omit<MetricDefinition, "name">;

const CLASSIFICATION: readonly Task[] = ["binary", "multiclass"];
const POSITIVE_CLASS: readonly Task[] = ["binary", "anomaly"];
const VALUES: readonly Task[] = ["regression", "forecast"];

function labelMetric(
  tasks: readonly Task[],
  description: string,
  score: (yTrue: Int32Array, yPred: Int32Array, input: MetricInput) => number,
): (name: MetricName) => Definition {
  return (name) => ({
    direction: "max",
    tasks,
    needs: "labels",
    description,
    compute: (input) => score(field(input, "labels", name), field(input, "predLabels", name), input),
  });
}

function prf(
  which: "precision" | "recall" | "f1",
  average: PrfAverage,
  tasks: readonly Task[],
  description: string,
) {
  return labelMetric(tasks, description, (yTrue, yPred, input) => {
    const options = average === "binary" ? { average, positiveClass: input.positiveClass ?? 1 } : { average };
    return precisionRecallF1(yTrue, yPred, options)[which];
  });
}

function valueMetric(
  direction: MetricDirection,
  tasks: readonly Task[],
  description: string,
  score: (yTrue: Float64Array, yPred: Float64Array) => number,
): (name: MetricName) => Definition {
  return (name) => ({
    direction,
    tasks,
    needs: "values",
    description,
    compute: (input) => score(field(input, "yTrue", name), field(input, "yPred", name)),
  });
}

function geometricMetric(
  direction: MetricDirection,
  description: string,
  score: (features: Float64Array, nFeatures: number, clusters: Int32Array) => number,
): (name: MetricName) => Definition {
  return (name) => ({
    direction,
    tasks: ["clustering"],
    needs: "clusters",
    description,
    compute: (input) =>
      score(field(input, "features", name), field(input, "nFeatures", name), field(input, "clusters", name)),
  });
}

const BUILDERS: Record<MetricName, (name: MetricName) => Definition> = {
  accuracy: labelMetric(CLASSIFICATION, "fraction of rows classified correctly, 0–1", (t, p) =>
    accuracy(t, p),
  ),
  balanced_accuracy: labelMetric(
    CLASSIFICATION,
    "mean per-class recall over the true classes, 0–1; robust to class imbalance",
    (t, p) => balancedAccuracy(t, p),
  ),
  precision: prf("precision", "binary", POSITIVE_CLASS, "precision of the positive class, tp/(tp+fp), 0–1"),
  recall: prf("recall", "binary", POSITIVE_CLASS, "recall of the positive class, tp/(tp+fn), 0–1"),
  f1: prf(
    "f1",
    "binary",
    POSITIVE_CLASS,
    "F1 of the positive class, harmonic mean of precision and recall, 0–1",
  ),
  precision_macro: prf("precision", "macro", CLASSIFICATION, "unweighted mean of per-class precision, 0–1"),
  recall_macro: prf("recall", "macro", CLASSIFICATION, "unweighted mean of per-class recall, 0–1"),
  f1_macro: prf(
    "f1",
    "macro",
    CLASSIFICATION,
    "unweighted mean of per-class F1, 0–1; weighs rare classes equally",
  ),
  precision_weighted: prf(
    "precision",
    "weighted",
    CLASSIFICATION,
    "per-class precision weighted by support, 0–1",
  ),
  recall_weighted: prf("recall", "weighted", CLASSIFICATION, "per-class recall weighted by support, 0–1"),
  f1_weighted: prf("f1", "weighted", CLASSIFICATION, "per-class F1 weighted by support, 0–1"),
  roc_auc: (name) => ({
    direction: "max",
    tasks: POSITIVE_CLASS,
    needs: "proba",
    description:
      "area under the ROC curve of the positive-class probability or anomaly score, 0–1 (0.5 = chance)",
    compute: (input) =>
      rocAuc(field(input, "labels", name), positiveScores(input, name), input.positiveClass ?? 1),
  }),
  roc_auc_ovr: (name) => ({
    direction: "max",
    tasks: ["multiclass"],
    needs: "proba",
    description: "one-vs-rest ROC AUC averaged over classes, 0–1 (0.5 = chance)",
    compute: (input) => rocAucOvr(field(input, "labels", name), field(input, "proba", name), "macro"),
  }),
  roc_auc_ovr_weighted: (name) => ({
    direction: "max",
    tasks: ["multiclass"],
    needs: "proba",
    description: "one-vs-rest ROC AUC averaged over classes weighted by support, 0–1",
    compute: (input) => rocAucOvr(field(input, "labels", name), field(input, "proba", name), "weighted"),
  }),
  log_loss: (name) => ({
    direction: "min",
    tasks: CLASSIFICATION,
    needs: "proba",
    description: "mean negative log-probability of the true class (nats), ≥ 0; punishes confident errors",
    compute: (input) => logLoss(field(input, "labels", name), field(input, "proba", name)),
  }),
  mcc: labelMetric(
    CLASSIFICATION,
    "Matthews correlation between true and predicted classes, −1–1 (0 = chance); robust to imbalance",
    (t, p) => matthewsCorrcoef(t, p),
  ),
  brier: (name) => ({
    direction: "min",
    tasks: ["binary"],
    needs: "proba",
    description: "mean squared error of the positive-class probability, 0–1; calibration and sharpness",
    compute: (input) =>
      brierScore(field(input, "labels", name), positiveScores(input, name), input.positiveClass ?? 1),
  }),
  rmse: valueMetric("min", VALUES, "root mean squared error, in target units, ≥ 0", rmse),
  mae: valueMetric("min", VALUES, "mean absolute error, in target units, ≥ 0", mae),
  r2: valueMetric("max", VALUES, "coefficient of determination, ≤ 1 (0 = predicting the mean)", r2),
  mape: valueMetric(
    "min",
    VALUES,
    "mean absolute percentage error as a fraction (0.1 = 10%); unstable near 0",
    mape,
  ),
  smape: valueMetric("min", VALUES, "symmetric MAPE, mean 2|y−ŷ|/(|y|+|ŷ|), as a fraction 0–2", smape),
  mase: (name) => ({
    direction: "min",
    tasks: ["forecast"],
    needs: "values",
    description: "forecast MAE scaled by the in-sample seasonal-naive MAE, ≥ 0 (< 1 beats seasonal naive)",
    compute: (input) =>
      mase(
        field(input, "yTrue", name),
        field(input, "yPred", name),
        field(input, "history", name),
        input.seasonLength ?? 1,
      ),
  }),
  ari: (name) => ({
    direction: "max",
    tasks: ["clustering"],
    needs: "clusters",
    description: "adjusted Rand index of clusters against reference labels, −0.5–1 (0 = chance)",
    compute: (input) => adjustedRandIndex(field(input, "labels", name), field(input, "clusters", name)),
  }),
  silhouette: geometricMetric(
    "max",
    "mean silhouette (Euclidean) of the clusters on their features, −1–1; needs no reference labels",
    silhouetteScore,
  ),
  davies_bouldin: geometricMetric(
    "min",
    "Davies–Bouldin index (Euclidean) of the clusters on their features, ≥ 0; needs no reference labels",
    daviesBouldinScore,
  ),
};

/** Every metric by name: direction, tasks, the prediction it needs, and `compute`. */
export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = Object.freeze(
  Object.fromEntries(
    MetricNameSchema.options.map((name) => [name, Object.freeze({ name, ...BUILDERS[name](name) })]),
  ) as Record<MetricName, MetricDefinition>,
);
