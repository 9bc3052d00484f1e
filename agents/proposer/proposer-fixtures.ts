/** TEST FIXTURES for the proposer's tests: trials, requests and specs built from real frames, no loop needed. */
import type { RunSettings } from "../../actions/index.js";
import { createFrame, type Frame } from "../../data/frame.js";
import {
  defaultSteps,
  type PipelineSpec,
  parsePipelineSpec,
  type StepInput,
} from "../../data/preprocess/index.js";
import { type Profile, profileFrame } from "../../data/profile/index.js";
import type { Task } from "../../data/task.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import type { ProposalRequest } from "../../loop/proposer.js";
import type { Phase } from "../../loop/run-config.js";
import { type Trial, type TrialStatus, trialKey } from "../../loop/trial.js";

export const DEFAULT_SETTINGS: RunSettings = { cv_folds: 5, ensemble: true };

/** A spec on `frame`: the data's default steps plus `extra` steps, the estimator with `params`. */
export function specOn(
  frame: Frame,
  o: {
    target: string;
    task: Task;
    estimator: string;
    params?: Record<string, unknown>;
    extra?: StepInput[];
  },
): PipelineSpec {
  return parsePipelineSpec({
    version: 1,
    task: o.task,
    target: o.target,
    steps: [...defaultSteps(frame, { target: o.target }), ...(o.extra ?? [])],
    estimator: { name: o.estimator, params: o.params ?? {} },
  });
}

export interface TrialFields {
  seq: number;
  spec: PipelineSpec;
  score: number | null;
  phase?: Phase;
  status?: TrialStatus;
  std?: number;
  origin?: string;
  settings?: RunSettings;
  errorCode?: string;
}

/** A finished trial (ok unless `status` says otherwise). */
export function trialOf(f: TrialFields): Trial {
  const status = f.status ?? (f.score === null ? "failed" : "ok");
  return {
    seq: f.seq,
    phase: f.phase ?? "baseline",
    spec: f.spec,
    settings: f.settings ?? DEFAULT_SETTINGS,
    status,
    score: status === "ok" ? f.score : null,
    foldScores: [],
    std: status === "ok" ? (f.std ?? 0.01) : null,
    fitSeconds: 0.1,
    maxFoldFitSeconds: 0.05,
    seconds: 0.2,
    resource: 1,
    error: f.errorCode !== undefined ? { code: f.errorCode, message: "failed" } : null,
    origin: f.origin ?? "portfolio",
  };
}

/** The loop's request: `tried` holds every trial's key unless given. */
export function requestOf(o: {
  profile: Profile;
  metric: MetricName;
  trials: Trial[];
  incumbent: Trial;
  tried?: Set<string>;
  runId?: string;
}): ProposalRequest {
  const tried = o.tried ?? new Set(o.trials.map((t) => trialKey(t.spec, t.settings, t.resource)));
  return {
    runId: o.runId ?? "run-test",
    profile: o.profile,
    task: o.incumbent.spec.task,
    metric: o.metric,
    trials: o.trials,
    incumbent: o.incumbent,
    tried,
  };
}

/** Profiles `frame` with `target`. */
export function profileOn(frame: Frame, target: string): Profile {
  return profileFrame(frame, { target });
}

/**
 * A small binary frame: numeric `a`, heavy-tailed numeric `b` (one row in 20 is 1000), categorical
 * `color` with `levels` levels, target `y` whose class `yes` holds `minority` of the rows.
 */
export function toyFrame(o: { rows?: number; levels?: number; minority?: number } = {}): Frame {
  const rows = o.rows ?? 200;
  const levels = o.levels ?? 3;
  const every = Math.round(1 / (o.minority ?? 0.5));
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const color = new Int32Array(rows);
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    a[i] = (i % 17) + 0.5;
    b[i] = i % 20 === 0 ? 1000 : i % 7;
    color[i] = i % levels;
    y[i] = i % every === 0 ? 1 : 0;
  }
  return createFrame([
    { kind: "numeric", name: "a", values: a },
    { kind: "numeric", name: "b", values: b },
    {
      kind: "categorical",
      name: "color",
      levels: Array.from({ length: levels }, (_, k) => `c${k}`),
      codes: color,
    },
    { kind: "categorical", name: "y", levels: ["no", "yes"], codes: y },
  ]);
}
