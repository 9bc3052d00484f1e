/** What a retry of a timed-out trial is expected to cost: the timed-out trial scaled by the fix's cut in work, or what the run measured of another estimator. */
import type { PipelineSpec } from "../data/preprocess/index.js";
import { MODEL_REGISTRY } from "../trainers/registry.js";
import { type LoopSettings, succeeded, type Trial } from "./trial.js";

/** Parameters the work of a fit grows with about linearly: trees, iterations, hidden units, leaves. */
const WORK_PARAMS = ["n_estimators", "max_iter", "hidden_units", "max_leaf_nodes"] as const;

function fullParams(estimator: string, params: Record<string, unknown>): Record<string, unknown> {
  const parsed = MODEL_REGISTRY.get(estimator)?.params.safeParse(params);
  return parsed?.success ? (parsed.data as Record<string, unknown>) : params;
}

/** Work of a k-fold cross-validation on `lanes` workers, relative units: waves of folds × rows per fold. */
function foldWork(k: number, lanes: number): number {
  return Math.ceil(k / Math.max(1, lanes)) * ((k - 1) / k);
}

/**
 * The least a timed-out trial would have needed, in ms: its elapsed time, and at least a fold's
 * deadline for each wave of folds (the fold that ran out needed more than its deadline, and the
 * others are as big).
 */
export function timedOutLowerBoundMs(t: Trial, lanes: number): number {
  const deadline = Number((t.error?.details as { deadlineMs?: unknown } | undefined)?.deadlineMs);
  const waves = Math.ceil(t.settings.cv_folds / Math.max(1, lanes));
  return Math.max(t.seconds * 1000, Number.isFinite(deadline) ? waves * deadline : 0);
}

/**
 * The share of the timed-out spec's work that `next` keeps (1 when the change does not say): the
 * ratio of each work parameter, the kept fraction of a feature selection the retry adds, and the
 * change in fold count.
 */
export function workRatio(
  failed: Pick<Trial, "spec" | "settings">,
  next: { spec: PipelineSpec; settings: LoopSettings },
  lanes: number,
): number {
  let ratio = 1;
  const name = failed.spec.estimator.name;
  if (next.spec.estimator.name === name) {
    const before = fullParams(name, failed.spec.estimator.params);
    const after = fullParams(name, next.spec.estimator.params);
    for (const p of WORK_PARAMS) {
      const a = Number(before[p]);
      const b = Number(after[p]);
      if (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) ratio *= b / a;
    }
  }
  const hadSelection = failed.spec.steps.some((s) => s.type === "select_features");
  const selection = next.spec.steps.find((s) => s.type === "select_features");
  if (!hadSelection && selection !== undefined && "keep_fraction" in selection) {
    const f = Number(selection.keep_fraction);
    if (f > 0 && f < 1) ratio *= f;
  }
  return ratio * (foldWork(next.settings.cv_folds, lanes) / foldWork(failed.settings.cv_folds, lanes));
}

/**
 * Expected wall ms of running `next` as the retry of `failed`, a trial that ran past its deadline, on
 * `lanes` workers; null when nothing in the run tells (another estimator not run here yet).
 * - Same estimator: the timed-out trial's lower bound (`timedOutLowerBoundMs`) times `workRatio`.
 * - Another estimator: its cheapest finished trial in the run, scaled for the fold count; failing
 *   that, the lower bound of one of its timed-out trials.
 */
export function expectedRetryMs(
  failed: Trial,
  next: { spec: PipelineSpec; settings: LoopSettings },
  trials: readonly Trial[],
  lanes: number,
): number | null {
  const name = next.spec.estimator.name;
  if (name === failed.spec.estimator.name)
    return timedOutLowerBoundMs(failed, lanes) * workRatio(failed, next, lanes);
  const same = trials.filter((t) => t.spec.estimator.name === name && t.resource >= 1);
  const folds = (t: Trial) => foldWork(next.settings.cv_folds, lanes) / foldWork(t.settings.cv_folds, lanes);
  const done = same.filter(succeeded);
  if (done.length > 0) return Math.min(...done.map((t) => t.seconds * 1000 * folds(t)));
  const slow = same.filter((t) => t.status === "timed_out");
  if (slow.length > 0) return Math.max(...slow.map((t) => timedOutLowerBoundMs(t, lanes) * folds(t)));
  return null;
}
