/** Messages between the job manager and a run's worker thread. */
import type { RunConfigInput } from "../../loop/index.js";

/** What the worker starts with. */
export interface JobInit {
  runId: string;
  config: RunConfigInput;
  memoryPath: string;
  home: string;
}

/** One loop event, reduced to what status reports need (no specs or predictions cross the thread). */
export interface JobEvent {
  at: number;
  type: "phase" | "trial-start" | "trial" | "note";
  phase?: string;
  seq?: number;
  estimator?: string;
  origin?: string;
  status?: string;
  score?: number | null;
  best?: { seq: number; estimator: string; score: number | null };
  message?: string;
}

export type FromJob =
  | { type: "event"; event: JobEvent }
  | { type: "done"; result: unknown }
  | { type: "failed"; error: { code: string; message: string } };

export type ToJob = { type: "cancel" };
