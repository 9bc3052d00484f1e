/** The past datasets nearest to this one (normalised meta-feature distance), with their runs' best pipelines. */
import { basename, dirname } from "node:path";
import type { OutcomeRecord } from "../../memory/index.js";
import { isClassification, type Task } from "../../data/task.js";
import { metaDistance, type StoredFeatures } from "./distance.js";
import { type OutcomePipeline, OutcomePipelineSchema } from "./outcome.js";

/** Added to the distance of a dataset of the other classification task (binary vs multiclass). */
const TASK_PENALTY = 0.05;

export interface Neighbour {
  /** fingerprint + target: one dataset. */
  key: string;
  fingerprint: string;
  /** A short label of the training file (its folder and name). */
  dataset: string;
  distance: number;
  /** The metric its runs were scored on (of its first run). */
  metric: string;
  /** Its meta-features (rows and features scale the cost of its pipelines here). */
  features: StoredFeatures;
  /** Runs on this dataset, newest last. */
  runs: { runId: string; createdAt: string }[];
  /** Their best pipelines (every run's, as stored). */
  pipelines: OutcomePipeline[];
}

/** "credit_data/train.csv" for /…/credit_data/train.csv. */
export function datasetLabel(path: string): string {
  const parent = basename(dirname(path));
  return parent.length > 0 && parent !== "." && parent !== "/"
    ? `${parent}/${basename(path)}`
    : basename(path);
}

/** The task family whose pipelines transfer: classification or regression (forecasts run as regressions). */
export function taskFamily(task: Task | string): "classification" | "regression" | null {
  if (isClassification(task as Task)) return "classification";
  if (task === "regression" || task === "forecast") return "regression";
  return null;
}

/**
 * The `k` nearest datasets of the same task family among the outcomes (meta-features of the same
 * version, joined by the store), nearest first; ties by label. An identical file has distance ≈ 0.
 */
export function nearestDatasets(
  outcomes: readonly OutcomeRecord[],
  here: { features: StoredFeatures; task: Task },
  k: number,
): Neighbour[] {
  const family = taskFamily(here.task);
  if (family === null) return [];
  const byKey = new Map<string, Neighbour>();
  for (const o of outcomes) {
    if (o.features === null || taskFamily(o.task) !== family) continue;
    const pipelines = o.pipelines.flatMap((p) => {
      const parsed = OutcomePipelineSchema.safeParse(p);
      return parsed.success ? [parsed.data] : [];
    });
    if (pipelines.length === 0) continue;
    const key = `${o.fingerprint}\u0000${o.target}`;
    let n = byKey.get(key);
    if (n === undefined) {
      const penalty = o.task === here.task ? 0 : TASK_PENALTY;
      n = {
        key,
        fingerprint: o.fingerprint,
        dataset: datasetLabel(o.dataset),
        distance: metaDistance(here.features, o.features) + penalty,
        metric: o.metric,
        features: o.features,
        runs: [],
        pipelines: [],
      };
      byKey.set(key, n);
    }
    n.runs.push({ runId: o.runId, createdAt: o.createdAt });
    n.pipelines.push(...pipelines);
  }
  return [...byKey.values()]
    .sort((a, b) => a.distance - b.distance || (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0))
    .slice(0, k);
}
