/** Trials as the loop records them, and the leaderboard derived from them. */
import type { RunSettings } from "../actions/index.js";
import type { PipelineSpec } from "../data/preprocess/index.js";
import { isBetter } from "../evaluate/metrics/metric-choice.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { MODEL_REGISTRY } from "../trainers/registry.js";
import type { Phase } from "./run-config.js";

import type { TrialRecovery, TrialStatus } from "../memory/index.js";

// One list of statuses and one recovery record: the memory store's schema owns them.
export { TRIAL_STATUSES, type TrialRecovery, type TrialStatus } from "../memory/index.js";

/** Settings that the config actions change (they are not part of the spec). */
export type LoopSettings = RunSettings;

export interface TrialError {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/** One evaluated spec. Everything the loop needs to resume is here (out-of-fold predictions live in a file). */
export interface Trial {
  /** 1, 2, 3, … in the order the trials finished. */
  seq: number;
  phase: Phase;
  spec: PipelineSpec;
  settings: LoopSettings;
  status: TrialStatus;
  /** Mean CV score (null unless ok). */
  score: number | null;
  foldScores: number[];
  std: number | null;
  /** Fit seconds inside the workers, summed over folds. */
  fitSeconds: number;
  /** Longest fold fit: an estimate of one refit. */
  maxFoldFitSeconds: number;
  /** Wall seconds of the trial, preprocessing included. */
  seconds: number;
  /** Fraction of training rows used (successive halving); 1 = all. */
  resource: number;
  error: TrialError | null;
  /** What produced this trial: the action taken, the sampler, or the portfolio. */
  origin: string;
  /** Set when this trial is a recovery retry of a failed one. */
  recovery?: TrialRecovery | null | undefined;
}

/** Ok, or ok after a recovery retry: the trial has a CV score and out-of-fold predictions. */
export function succeeded(t: Pick<Trial, "status">): boolean {
  return t.status === "ok" || t.status === "recovered";
}

export interface LeaderboardRow {
  rank: number;
  seq: number;
  estimator: string;
  score: number;
  std: number;
  fitSeconds: number;
  phase: Phase;
  origin: string;
}

/** Stable key of a spec + settings: two trials with the same key are the same experiment. */
export function trialKey(spec: PipelineSpec, settings: LoopSettings, resource = 1): string {
  return JSON.stringify([
    spec.steps,
    spec.estimator.name,
    sortedParams(spec.estimator.name, spec.estimator.params),
    spec.seed,
    settings.cv_folds,
    resource,
  ]);
}

/** Params with the registry's defaults filled in, so `{}` and the explicit defaults are one experiment. */
function sortedParams(estimator: string, params: Record<string, unknown>): [string, unknown][] {
  const parsed = MODEL_REGISTRY.get(estimator)?.params.safeParse(params);
  const full = parsed?.success ? (parsed.data as Record<string, unknown>) : params;
  return Object.entries(full).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Is trial a better than trial b (ok, full resource); ties go to the earlier trial. */
export function betterTrial(a: Trial, b: Trial | undefined, metric: MetricName): boolean {
  if (!succeeded(a) || a.score === null || a.resource < 1) return false;
  if (b === undefined || b.score === null) return true;
  return isBetter(metric, a.score, b.score);
}

/** The best ok, full-resource trial among `trials`. */
export function bestTrial(trials: readonly Trial[], metric: MetricName): Trial | undefined {
  let best: Trial | undefined;
  for (const t of trials) if (betterTrial(t, best, metric)) best = t;
  return best;
}

/** Ok full-resource trials, best first (ties: earlier first). */
export function leaderboard(trials: readonly Trial[], metric: MetricName): LeaderboardRow[] {
  const ok = trials.filter((t) => succeeded(t) && t.score !== null && t.resource >= 1);
  ok.sort((a, b) =>
    isBetter(metric, a.score as number, b.score as number)
      ? -1
      : isBetter(metric, b.score as number, a.score as number)
        ? 1
        : a.seq - b.seq,
  );
  return ok.map((t, i) => ({
    rank: i + 1,
    seq: t.seq,
    estimator: t.spec.estimator.name,
    score: t.score as number,
    std: t.std ?? 0,
    fitSeconds: t.fitSeconds,
    phase: t.phase,
    origin: t.origin,
  }));
}
