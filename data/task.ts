/** The learning tasks Alchemist knows. */
import { z } from "zod";

export const TaskSchema = z
  .enum(["binary", "multiclass", "regression", "forecast", "clustering", "anomaly"])
  .describe(
    "binary/multiclass classification, regression, time-series forecast, clustering, anomaly detection",
  );
export type Task = z.infer<typeof TaskSchema>;

export const SUPERVISED_TASKS: readonly Task[] = ["binary", "multiclass", "regression", "forecast"];

export function isClassification(task: Task): task is "binary" | "multiclass" {
  return task === "binary" || task === "multiclass";
}
