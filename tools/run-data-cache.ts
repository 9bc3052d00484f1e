/** Loaded training data for train/evaluate, kept for the next call on the same table (read + profile once). */
import { statSync } from "node:fs";
import { CvPlan, loadRunData, type RunConfig, type RunData } from "../loop/index.js";

export interface LoadedRun {
  data: RunData;
  /** Folds and their preprocessing cache (per fold count), reused across calls. */
  cv: CvPlan;
}

export interface RunDataCache {
  /** The run data of `config` (train/test/target/task/metric/seed), from cache while the files are unchanged. */
  load(config: RunConfig): Promise<LoadedRun>;
}

function keyOf(config: RunConfig): string {
  const stamp = (p: string | undefined) => {
    if (p === undefined) return null;
    try {
      const s = statSync(p);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return null;
    }
  };
  return JSON.stringify([
    config.train,
    stamp(config.train),
    config.test ?? null,
    stamp(config.test),
    config.target ?? null,
    config.task ?? null,
    config.metric ?? null,
    config.seed,
  ]);
}

/** An LRU of `capacity` loaded tables (a frame of a large table is big). */
export function createRunDataCache(capacity = 2): RunDataCache {
  const entries = new Map<string, Promise<LoadedRun>>();
  return {
    load(config) {
      const key = keyOf(config);
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const loading = loadRunData(config).then((data) => ({ data, cv: new CvPlan(data, config.seed) }));
      entries.set(key, loading);
      loading.catch(() => entries.delete(key));
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return loading;
    },
  };
}
