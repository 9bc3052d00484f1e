/** The learning tasks Alchemist knows. */
import { z } from "zod";

export const TaskSchema = z
  .enum(["binary", "multiclass", "regression", "forecast", "clustering", "anomaly"])
  .describe(
    "binary/multiclass classification, regression, time-series forecast, clustering, anomaly detection",
  );
export type Task = z.infer<typeof TaskSchema>;

export const SUPERVISED_TASKS: readonly Task[] = ["binary", "multiclass", "regression", "forecast"];

/** Tasks learned from rows of a table through a preprocessing pipeline (the pipeline loop's tasks). */
export const TABULAR_TASKS: readonly Task[] = ["binary", "multiclass", "regression"];

/** Tasks without a target: the label column, if any, only scores the result. */
export const UNSUPERVISED_TASKS: readonly Task[] = ["clustering", "anomaly"];

export function isClassification(task: Task): task is "binary" | "multiclass" {
  return task === "binary" || task === "multiclass";
}
