/**
 * Loaded training data for the tools (train, evaluate, similar_runs, export), kept for the next call
 * on the same table (read + profile once). A large table is read and profiled in a worker thread:
 * the server's event loop must keep answering other calls meanwhile.
 */
import { statSync } from "node:fs";
import { AlchemistError, ERROR_CODES } from "../core/errors.js";
import { CvPlan, loadRunData, type RunConfig, type RunData } from "../loop/index.js";
import type { SerializedError } from "../trainers/pool/serialized-error.js";
import { spawnWorker } from "../trainers/pool/worker-spawn.js";

/**
 * From this many bytes of train + test files on, a table is loaded in a worker thread. Below it the
 * load blocks the event loop for tens of milliseconds at most, less than a worker takes to start.
 */
export const OFF_THREAD_BYTES = 1 << 20;

/** What the loader worker posts back. */
export type LoaderReply = { ok: true; data: RunData } | { ok: false; error: SerializedError };

function loaderEntry(): URL {
  return new URL(`./run-data-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
}

/** loadRunData in a worker thread: the same data or the same typed error, without blocking this thread. */
export function loadRunDataOffThread(config: RunConfig): Promise<RunData> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(loaderEntry(), { workerData: config });
    worker.once("message", (reply: LoaderReply) => {
      if (reply.ok) resolve(reply.data);
      else {
        const e = reply.error;
        const code = e.code !== null && e.code in ERROR_CODES ? e.code : "INTERNAL";
        reject(new AlchemistError(code, e.message, e.details));
      }
      void worker.terminate();
    });
    worker.once("error", (e) =>
      reject(new AlchemistError("INTERNAL", `The table loader failed: ${e.message}`, {}, { cause: e })),
    );
    // After an answer this settles nothing; before one, the worker died without a word.
    worker.once("exit", (code) =>
      reject(new AlchemistError("INTERNAL", `The table loader stopped (exit ${code}) before it answered.`)),
    );
  });
}

export interface LoadedRun {
  data: RunData;
  /** Folds and their preprocessing cache (per fold count), reused across calls. */
  cv: CvPlan;
}

export interface RunDataCache {
  /** The run data of `config` (train/test/target/task/metric/seed), from cache while the files are unchanged. */
  load(config: RunConfig): Promise<LoadedRun>;
}

/** A file's size and modification time, or null when it cannot be read (the load then says why). */
function stat(path: string | undefined): { size: number; mtimeMs: number } | null {
  if (path === undefined) return null;
  try {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  } catch {
    return null;
  }
}

/** The cache key of `config` (its files as they are now) and their bytes. */
function keyOf(config: RunConfig): { key: string; bytes: number } {
  const train = stat(config.train);
  const test = stat(config.test);
  const stamp = (s: typeof train) => (s === null ? null : `${s.size}:${s.mtimeMs}`);
  const key = JSON.stringify([
    config.train,
    stamp(train),
    config.test ?? null,
    stamp(test),
    config.target ?? null,
    config.task ?? null,
    config.metric ?? null,
    config.seed,
  ]);
  return { key, bytes: (train?.size ?? 0) + (test?.size ?? 0) };
}

/** An LRU of `capacity` loaded tables (a frame of a large table is big). */
export function createRunDataCache(capacity = 2, offThreadBytes = OFF_THREAD_BYTES): RunDataCache {
  const entries = new Map<string, Promise<LoadedRun>>();
  return {
    load(config) {
      const { key, bytes } = keyOf(config);
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const loading = (bytes >= offThreadBytes ? loadRunDataOffThread(config) : loadRunData(config)).then(
        (data) => ({
          data,
          cv: new CvPlan(data, config.seed),
        }),
      );
      entries.set(key, loading);
      loading.catch(() => entries.delete(key));
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return loading;
    },
  };
}
