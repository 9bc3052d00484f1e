/** The worker pool that runs every fit off the main thread, with a deadline, a heap cap and cancellation. */
export type { FitJob, FitJobContext, FitJobResult, FitPrediction, FitRunOptions } from "./fit-job.js";
export { reviveError, type SerializedError, serializeError } from "./serialized-error.js";
export { createWorkerPool, WorkerPool, type WorkerPoolOptions } from "./worker-pool.js";
export { defaultWorkerEntry } from "./worker-spawn.js";
