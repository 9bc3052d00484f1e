/**
 * The start_run jobs: each run in its own worker thread (runAutoML never runs on the server's event
 * loop), its id handed out at once, its live phase and events kept here, cancellation by message.
 */
import type { Worker } from "node:worker_threads";
import { log } from "../../core/log.js";
import type { RunConfigInput } from "../../loop/index.js";
import { newRunId } from "../../memory/index.js";
import { spawnWorker } from "../../trainers/pool/worker-spawn.js";
import type { FromJob, JobEvent, JobInit, ToJob } from "./job-messages.js";

export const JOB_STATUSES = ["running", "finished", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job as the manager sees it now. */
export interface JobSnapshot {
  runId: string;
  status: JobStatus;
  /** The loop phase last entered; null before the data is loaded. */
  phase: string | null;
  startedAt: number;
  finishedAt: number | null;
  /** The last events, oldest first (at most RECENT_EVENTS). */
  recent: JobEvent[];
  best: { seq: number; estimator: string; score: number | null } | null;
  error: { code: string; message: string } | null;
  /** The RunResult of a finished run (plain JSON). */
  result: unknown;
}

export interface JobManager {
  /** Starts a run in a worker thread and returns its run id at once. */
  start(config: RunConfigInput): string;
  get(runId: string): JobSnapshot | undefined;
  /** Asks a running job to stop; false when no such job is running. */
  cancel(runId: string): boolean;
  /** Resolves when the job has ended (at once for an unknown or ended job). */
  settled(runId: string): Promise<JobSnapshot | undefined>;
  /** Cancels every running job and waits (at most `graceMs`) for their threads to end. */
  close(graceMs?: number): Promise<void>;
}

export interface JobManagerOptions {
  memoryPath: string;
  /** Run outputs go to `<home>/runs/<run id>` unless the config names `out`. */
  home: string;
  /** The worker entry; default job-worker beside this module (`.ts` under tsx/vitest). */
  workerEntry?: URL;
}

const RECENT_EVENTS = 20;

function defaultEntry(): URL {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./job-worker${ext}`, import.meta.url);
}

export function createJobManager(options: JobManagerOptions): JobManager {
  const entry = options.workerEntry ?? defaultEntry();
  const jobs = new Map<string, { snapshot: JobSnapshot; worker: Worker; ended: Promise<void> }>();

  const finish = (s: JobSnapshot, status: JobStatus, error: JobSnapshot["error"] = null): void => {
    if (s.finishedAt !== null) return;
    s.status = status;
    s.error = error;
    s.finishedAt = Date.now();
  };

  return {
    start(config) {
      const runId = newRunId();
      const init: JobInit = { runId, config, memoryPath: options.memoryPath, home: options.home };
      const snapshot: JobSnapshot = {
        runId,
        status: "running",
        phase: null,
        startedAt: Date.now(),
        finishedAt: null,
        recent: [],
        best: null,
        error: null,
        result: null,
      };
      const worker = spawnWorker(entry, { workerData: init });
      worker.on("message", (m: FromJob) => {
        if (m.type === "event") {
          if (m.event.phase !== undefined && m.event.type === "phase") snapshot.phase = m.event.phase;
          if (m.event.best !== undefined) snapshot.best = m.event.best;
          snapshot.recent.push(m.event);
          if (snapshot.recent.length > RECENT_EVENTS) snapshot.recent.shift();
        } else if (m.type === "done") {
          snapshot.result = m.result;
          finish(snapshot, "finished");
        } else {
          finish(snapshot, m.error.code === "FIT_CANCELLED" ? "cancelled" : "failed", m.error);
        }
      });
      const ended = new Promise<void>((resolve) => {
        worker.once("error", (e) => {
          log.error("run worker crashed", { run: runId, message: e.message });
          finish(snapshot, "failed", { code: "WORKER_CRASHED", message: e.message });
        });
        worker.once("exit", (code) => {
          finish(snapshot, "failed", {
            code: "WORKER_CRASHED",
            message: `the run's worker exited (${code})`,
          });
          resolve();
        });
      });
      jobs.set(runId, { snapshot, worker, ended });
      return runId;
    },
    get(runId) {
      return jobs.get(runId)?.snapshot;
    },
    cancel(runId) {
      const job = jobs.get(runId);
      if (job === undefined || job.snapshot.finishedAt !== null) return false;
      job.worker.postMessage({ type: "cancel" } satisfies ToJob);
      return true;
    },
    async settled(runId) {
      const job = jobs.get(runId);
      if (job === undefined) return undefined;
      await job.ended;
      return job.snapshot;
    },
    async close(graceMs = 5000) {
      const running = [...jobs.values()].filter((j) => j.snapshot.finishedAt === null);
      for (const j of running) j.worker.postMessage({ type: "cancel" } satisfies ToJob);
      await Promise.all(
        running.map(async (j) => {
          const timer = setTimeout(() => void j.worker.terminate(), graceMs);
          await j.ended;
          clearTimeout(timer);
        }),
      );
    },
  };
}
