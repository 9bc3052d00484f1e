/** Messages between the pool (main thread) and a fit worker, and the worker's startup data. */
import type { FitJob, FitJobResult } from "./fit-job.js";
import type { SerializedError } from "./serialized-error.js";

/** `workerData` of a fit worker. */
export interface WorkerInit {
  /** File URLs of extra estimator modules (tests), each exporting `EXTRA_ESTIMATORS`. */
  extraModules: string[];
}

export type ToWorker = { type: "fit"; id: number; job: FitJob; progress: boolean };

export type FromWorker =
  | { type: "ready" }
  | { type: "progress"; id: number; fraction: number; note: string }
  | { type: "done"; id: number; result: FitJobResult }
  | { type: "failed"; id: number; error: SerializedError };
