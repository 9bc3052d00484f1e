/** Locates the shared, read-only datasets (`../shared/datasets` beside the repository root). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DATASETS_DIR = resolve(REPO_ROOT, "..", "shared", "datasets");

export const DATASET_NAMES = [
  "airpassengers",
  "breast_cancer",
  "credit_data",
  "diabetes",
  "diamonds",
  "iris_clusters",
  "letter",
  "penguins",
  "shuttle_anomaly",
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface DatasetMeta {
  name: string;
  task: "binary" | "multiclass" | "regression" | "forecast" | "clustering" | "anomaly";
  target: string;
  metric: string;
  feature_types: Record<string, string>;
  positive_class?: string | number;
  time_column?: string;
  [key: string]: unknown;
}

export function datasetPath(name: DatasetName, file: "train.csv" | "test.csv"): string {
  return join(DATASETS_DIR, name, file);
}

export function datasetMeta(name: DatasetName): DatasetMeta {
  return JSON.parse(readFileSync(join(DATASETS_DIR, name, "meta.json"), "utf8")) as DatasetMeta;
}

export function datasetsAvailable(): boolean {
  return existsSync(DATASETS_DIR);
}
