/**
 * WorkerPool: runs fit jobs in worker threads, one job per worker at a time, with a hard deadline,
 * a heap cap and cancellation per job. Stopping a fit means terminating its worker (a synchronous
 * fit cannot be asked to stop); the slot starts a fresh worker when the next job needs it.
 *
 * Own pool rather than piscina: the deadline, heap cap and abort semantics (terminate, classify the
 * exit as FIT_TIMEOUT / FIT_OUT_OF_MEMORY / WORKER_CRASHED, never reuse a worker that overran) are
 * the point of this module, and they fit in a few hundred lines of `node:worker_threads`.
 */
import { availableParallelism } from "node:os";
import type { ResourceLimits, Worker } from "node:worker_threads";
import { AlchemistError } from "../../core/errors.js";
import { log } from "../../core/log.js";
import type { FitJob, FitJobResult, FitRunOptions } from "./fit-job.js";
import { reviveError } from "./serialized-error.js";
import { packJob } from "./transfer.js";
import { defaultWorkerEntry, spawnFitWorker, toFileUrl } from "./worker-spawn.js";
import type { FromWorker, ToWorker } from "./worker-messages.js";

export interface WorkerPoolOptions {
  /** Number of workers (concurrent fits). Default `os.availableParallelism()`, at least 1. */
  size?: number;
  /** Default heap cap per job in MiB (V8 old generation); default V8's own limit. */
  maxHeapMb?: number;
  /** Default deadline per job in ms; default none. */
  deadlineMs?: number;
  /** How long a new worker may take to load the registry before its job fails (ms). Default 60 000. */
  startupTimeoutMs?: number;
  /**
   * Extra estimator modules every worker loads (paths or file URLs), each exporting
   * `EXTRA_ESTIMATORS: readonly EstimatorSpec[]` whose names must not clash with MODEL_REGISTRY.
   * For tests (hanging, allocating, throwing estimators); production uses the registry only.
   */
  extraEstimatorModules?: readonly (string | URL)[];
  /** The worker entry file (`worker-entry.js` or `.ts`); default the one beside this module. */
  workerEntry?: string | URL;
}

interface Job {
  readonly id: number;
  readonly estimator: string;
  readonly message: ToWorker;
  readonly transfer: ArrayBuffer[];
  readonly maxHeapMb: number | undefined;
  readonly deadlineMs: number | undefined;
  readonly options: FitRunOptions;
  readonly resolve: (r: FitJobResult) => void;
  readonly reject: (e: unknown) => void;
  settled: boolean;
  slot: Slot | undefined;
  timer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
}

interface Slot {
  readonly worker: Worker;
  readonly maxHeapMb: number | undefined;
  ready: boolean;
  job: Job | undefined;
  /** The worker's 'error' event (uncaught throw, out of memory), reported when it exits. */
  error: Error | undefined;
  /** We terminated it: its exit is no crash. */
  retired: boolean;
  startupTimer: NodeJS.Timeout | undefined;
  /** Epoch ms of the spawn, for `startupMs`. */
  readonly spawnedAt: number;
  /** Settles when the worker is ready or has exited (never rejects). */
  readonly started: Promise<void>;
  readonly markStarted: () => void;
  readonly exited: Promise<void>;
}

function positive(name: string, v: number | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  if (!(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${name} must be a positive ${integer ? "integer" : "number"}, got ${v}.`,
      {
        parameter: name,
      },
    );
  }
  return v;
}

const noop = (): void => {};

/**
 * Waits for `promise` holding the event loop meanwhile: a worker terminated while it still starts
 * lets go of the loop before its 'exit' arrives, so a process with nothing else to do ended right
 * there (a CLI run that failed before its first trial exited 0 and printed nothing).
 */
async function held<T>(promise: Promise<T>): Promise<T> {
  const hold = setInterval(noop, 60_000);
  try {
    return await promise;
  } finally {
    clearInterval(hold);
  }
}

export class WorkerPool {
  /** Maximum number of concurrent workers. */
  readonly size: number;
  private readonly maxHeapMb: number | undefined;
  private readonly deadlineMs: number | undefined;
  private readonly startupTimeoutMs: number;
  private readonly entry: URL;
  private readonly extraModules: string[];
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private lastStartupMs: number | undefined;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = positive("size", options.size, true) ?? Math.max(1, availableParallelism());
    this.maxHeapMb = positive("maxHeapMb", options.maxHeapMb, false);
    this.deadlineMs = positive("deadlineMs", options.deadlineMs, false);
    this.startupTimeoutMs = positive("startupTimeoutMs", options.startupTimeoutMs, false) ?? 60_000;
    this.extraModules = (options.extraEstimatorModules ?? []).map((m) => toFileUrl(m).href);
    this.entry =
      options.workerEntry === undefined
        ? defaultWorkerEntry(this.extraModules.length > 0)
        : toFileUrl(options.workerEntry);
  }

  /** Workers alive now (starting, idle or busy). */
  get workerCount(): number {
    return this.slots.size;
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Milliseconds the latest worker took from spawn to ready (undefined before one has started). */
  get startupMs(): number | undefined {
    return this.lastStartupMs;
  }

  /**
   * Starts workers (the pool's default heap cap) until `count` (default `size`) are alive and waits
   * until every live worker is ready, so the next jobs start at once: a worker loads the whole
   * estimator registry first, which takes seconds on a busy machine. Workers being terminated are
   * let go first and replaced. Never rejects: a worker that fails to start fails the next job as
   * `run` would. Resolves at once when the pool is closed or already warm.
   */
  async warmUp(count = this.size): Promise<void> {
    const target = Math.min(Math.max(0, Math.floor(count)), this.size);
    await held(Promise.all([...this.slots].filter((s) => s.retired).map((s) => s.exited)));
    if (this.closed) return;
    let live = [...this.slots].filter((s) => !s.retired).length;
    while (live < target && this.slots.size < this.size) {
      try {
        this.spawn(this.maxHeapMb);
      } catch (e) {
        log.warn("a worker could not be started ahead of its job", { error: String(e) });
        break;
      }
      live++;
    }
    await held(Promise.all([...this.slots].filter((s) => !s.retired).map((s) => s.started)));
  }

  /**
   * Fits `job` in a worker. Rejects with the fit's own typed error (INVALID_PARAMS, MISSING_VALUES…),
   * FIT_FAILED (anything else thrown, original in details), FIT_TIMEOUT, FIT_OUT_OF_MEMORY,
   * WORKER_CRASHED, FIT_CANCELLED when aborted (the reason in `cause`), POOL_CLOSED. Never leaves a
   * rejection unhandled.
   */
  run(job: FitJob, options: FitRunOptions = {}): Promise<FitJobResult> {
    return new Promise<FitJobResult>((resolve, reject) => {
      if (this.closed) {
        reject(this.closedError(job.estimator));
        return;
      }
      const { signal } = options;
      if (signal?.aborted) {
        reject(cancelled(String(job.estimator), signal.reason));
        return;
      }
      const deadlineMs = positive("deadlineMs", options.deadlineMs, false) ?? this.deadlineMs;
      const maxHeapMb = positive("maxHeapMb", options.maxHeapMb, false) ?? this.maxHeapMb;
      const id = this.nextId++;
      const packed = packJob(job, options.transfer === true);
      const entry: Job = {
        id,
        estimator: String(job.estimator),
        message: { type: "fit", id, job: packed.job, progress: options.onProgress !== undefined },
        transfer: packed.transfer,
        maxHeapMb,
        deadlineMs,
        options,
        resolve,
        reject,
        settled: false,
        slot: undefined,
        timer: undefined,
        onAbort: undefined,
      };
      if (signal) {
        entry.onAbort = () => this.abort(entry, cancelled(entry.estimator, signal.reason));
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.queue.push(entry);
      this.pump();
    });
  }

  /** Rejects queued and running jobs, terminates every worker, resolves when all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, this.closedError(job.estimator));
    const slots = [...this.slots];
    for (const slot of slots) {
      if (slot.job) this.settle(slot.job, this.closedError(slot.job.estimator));
      this.retire(slot);
    }
    await held(Promise.all(slots.map((s) => s.exited)));
  }

  private closedError(estimator: string): AlchemistError {
    return new AlchemistError(
      "POOL_CLOSED",
      `${estimator}: the worker pool was closed before the fit finished.`,
      {
        estimator,
        reason: "pool_closed",
      },
    );
  }

  /** Assigns queued jobs (in order) to free slots, starting or replacing workers as needed. */
  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const job = this.queue[0] as Job;
      let slot: Slot | undefined;
      let mismatched: Slot | undefined;
      for (const s of this.slots) {
        if (s.job !== undefined || s.retired) continue;
        if (s.maxHeapMb === job.maxHeapMb) {
          slot = s;
          break;
        }
        mismatched ??= s;
      }
      try {
        if (slot === undefined && this.slots.size < this.size) slot = this.spawn(job.maxHeapMb);
        if (slot === undefined && mismatched !== undefined) {
          // A free worker with other limits: replace it (resource limits are fixed per worker).
          this.retire(mismatched);
          if (this.slots.size < this.size) slot = this.spawn(job.maxHeapMb);
        }
      } catch (e) {
        // The worker could not even be constructed (bad entry, tsx missing): fail this job, go on.
        this.queue.shift();
        this.settle(job, this.spawnError(job, e));
        continue;
      }
      if (slot === undefined) return;
      this.queue.shift();
      slot.job = job;
      job.slot = slot;
      if (slot.ready) this.start(slot, job);
    }
  }

  private spawnError(job: Job, e: unknown): AlchemistError {
    if (e instanceof AlchemistError) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new AlchemistError(
      "WORKER_CRASHED",
      `${job.estimator}: a worker could not be started: ${message}`,
      {
        estimator: job.estimator,
      },
    );
  }

  private spawn(maxHeapMb: number | undefined): Slot {
    const resourceLimits: ResourceLimits = {};
    if (maxHeapMb !== undefined) resourceLimits.maxOldGenerationSizeMb = maxHeapMb;
    const worker = spawnFitWorker({
      entry: this.entry,
      init: { extraModules: this.extraModules },
      resourceLimits,
    });
    let onExit: () => void = noop;
    let onStarted: () => void = noop;
    const slot: Slot = {
      worker,
      maxHeapMb,
      ready: false,
      job: undefined,
      error: undefined,
      retired: false,
      startupTimer: undefined,
      spawnedAt: Date.now(),
      started: new Promise<void>((resolve) => {
        onStarted = resolve;
      }),
      markStarted: () => onStarted(),
      exited: new Promise<void>((resolve) => {
        onExit = resolve;
      }),
    };
    slot.exited.then(onStarted, noop);
    slot.startupTimer = setTimeout(() => {
      const job = slot.job;
      if (job) {
        this.settle(
          job,
          new AlchemistError(
            "WORKER_CRASHED",
            `${job.estimator}: a worker did not start within ${this.startupTimeoutMs} ms.`,
            {
              estimator: job.estimator,
            },
          ),
        );
      }
      this.retire(slot);
    }, this.startupTimeoutMs);
    slot.startupTimer.unref();
    worker.on("message", (m: FromWorker) => this.onMessage(slot, m));
    worker.on("error", (e: Error) => {
      slot.error ??= e;
    });
    worker.on("messageerror", (e: Error) => {
      slot.error ??= e;
      this.retire(slot);
    });
    worker.on("exit", (code: number) => {
      clearTimeout(slot.startupTimer);
      this.slots.delete(slot);
      const job = slot.job;
      slot.job = undefined;
      if (job && !job.settled) this.settle(job, this.exitError(slot, job, code));
      onExit();
      this.pump();
    });
    this.slots.add(slot);
    return slot;
  }

  private exitError(slot: Slot, job: Job, code: number): AlchemistError {
    const e = slot.error;
    const details = { estimator: job.estimator, exitCode: code };
    if ((e as { code?: unknown } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      const cap = slot.maxHeapMb === undefined ? "its heap limit" : `its heap cap of ${slot.maxHeapMb} MiB`;
      return new AlchemistError(
        "FIT_OUT_OF_MEMORY",
        `${job.estimator}: the fit exceeded ${cap}; its worker was terminated.`,
        {
          ...details,
          maxHeapMb: slot.maxHeapMb,
        },
      );
    }
    const why = e ? `: ${e.message}` : "";
    const when = slot.ready ? "during the fit" : "while starting";
    const error = new AlchemistError(
      "WORKER_CRASHED",
      `${job.estimator}: its worker exited unexpectedly ${when} (exit code ${code})${why}.`,
      e ? { ...details, cause: { name: e.name, message: e.message, stack: e.stack } } : details,
    );
    if (e?.stack) error.stack = `${error.stack}\nCaused by: ${e.stack}`;
    return error;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === "ready") {
      slot.ready = true;
      clearTimeout(slot.startupTimer);
      this.lastStartupMs = Date.now() - slot.spawnedAt;
      slot.markStarted();
      if (slot.job) this.start(slot, slot.job);
      else slot.worker.unref();
      return;
    }
    const job = slot.job;
    if (job === undefined || job.id !== m.id || job.settled) return;
    if (m.type === "progress") {
      try {
        job.options.onProgress?.(m.fraction, m.note);
      } catch (e) {
        log.warn("a fit progress callback threw; ignored", { estimator: job.estimator, error: String(e) });
      }
      return;
    }
    slot.job = undefined;
    slot.worker.unref();
    if (m.type === "done") this.settle(job, undefined, m.result);
    else this.settle(job, reviveError(m.error, job.estimator));
    this.pump();
  }

  private start(slot: Slot, job: Job): void {
    slot.worker.ref();
    try {
      slot.worker.postMessage(job.message, job.transfer);
    } catch (e) {
      // Params that do not clone (functions, symbols): the worker never saw the job.
      slot.job = undefined;
      slot.worker.unref();
      const message = e instanceof Error ? e.message : String(e);
      this.settle(
        job,
        new AlchemistError(
          "INVALID_PARAMS",
          `${job.estimator}: the job cannot be sent to a worker (${message}).`,
          {
            estimator: job.estimator,
          },
        ),
      );
      this.pump();
      return;
    }
    if (job.deadlineMs !== undefined) {
      const ms = job.deadlineMs;
      job.timer = setTimeout(() => {
        this.settle(
          job,
          new AlchemistError(
            "FIT_TIMEOUT",
            `${job.estimator}: the fit ran past its deadline of ${ms} ms; its worker was terminated.`,
            { estimator: job.estimator, deadlineMs: ms },
          ),
        );
        this.retire(slot);
      }, ms);
    }
  }

  private abort(job: Job, reason: unknown): void {
    if (job.settled) return;
    const slot = job.slot;
    if (slot === undefined) {
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
      this.settle(job, reason);
      return;
    }
    this.settle(job, reason);
    if (slot.ready) {
      this.retire(slot);
      return;
    }
    // Not sent yet (the worker is still starting): keep the worker for the next job.
    slot.job = undefined;
    this.pump();
  }

  /** Terminates a worker; its 'exit' frees the slot. */
  private retire(slot: Slot): void {
    if (slot.retired) return;
    slot.retired = true;
    clearTimeout(slot.startupTimer);
    slot.worker.terminate().then(noop, noop);
  }

  /** Resolves or rejects a job exactly once and drops its timer and abort listener. */
  private settle(job: Job, error: unknown, result?: FitJobResult): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (job.onAbort) job.options.signal?.removeEventListener("abort", job.onAbort);
    if (error === undefined && result !== undefined) job.resolve(result);
    else job.reject(error);
  }
}

/** A pool sized to the cores unless `size` says otherwise. */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  return new WorkerPool(options);
}

function cancelled(estimator: string, reason: unknown): AlchemistError {
  return new AlchemistError(
    "FIT_CANCELLED",
    `${estimator}: the fit was cancelled.`,
    { estimator },
    { cause: reason },
  );
}
