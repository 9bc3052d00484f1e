/**
 * Where a run meets its memory of past runs: at the start (meta-features, the warm-start plan,
 * stored with the run), on resume (the stored plan) and at the end (the outcome later runs learn
 * from). Metalearning never fails a run: a failure here is logged and the run goes on cold.
 */
import { log } from "../../core/log.js";
import { isClassification } from "../../data/task.js";
import type { Memory } from "../../memory/index.js";
import { defaultFolds } from "../cv-plan.js";
import type { RunConfig } from "../run-config.js";
import type { RunData } from "../run-data.js";
import type { Trial } from "../trial.js";
import type { StoredFeatures } from "./distance.js";
import { computeMetaFeatures, META_FEATURES_VERSION, type MetaFeatures } from "./meta-features.js";
import { taskFamily } from "./nearest.js";
import { outcomePipelines } from "./outcome.js";
import { planWarmStart, type WarmStartPlan, WarmStartPlanSchema } from "./plan.js";
import { type PortfolioFile, PortfolioFileSchema } from "./portfolio-builder.js";
import { loadPortfolio } from "./portfolio-file.js";
import type { AdaptTarget } from "./recipe.js";

/**
 * The dataset's meta-features: from memory when this file and target were seen before, else computed
 * and (unless `store` is false) stored.
 */
export function datasetMetaFeatures(
  memory: Memory,
  fingerprint: string,
  data: RunData,
  seed: number,
  store = true,
): MetaFeatures | Readonly<Record<string, number | null>> {
  const cached = memory.warmStarts.getMetaFeatures(fingerprint, data.target, META_FEATURES_VERSION);
  if (cached !== undefined) return cached.features;
  const t0 = performance.now();
  const features = computeMetaFeatures({
    frame: data.frame,
    target: data.target,
    task: data.task,
    y: data.y,
    nClasses: isClassification(data.task) ? (data.classes?.length ?? 0) : 0,
    seed,
  });
  if (!store) return features;
  memory.warmStarts.putMetaFeatures({
    fingerprint,
    target: data.target,
    version: META_FEATURES_VERSION,
    task: data.task,
    features,
    seconds: (performance.now() - t0) / 1000,
  });
  return features;
}

/**
 * At a run's start: fingerprints the data (always, so later runs can learn from this one) and, with
 * `config.warmStart`, plans the warm start from the nearest past datasets and stores the plan with
 * the run. Null: a cold start (no memory of the task family, or warm starts off).
 */
export function startWarmStart(
  memory: Memory,
  runId: string,
  fingerprint: string,
  config: RunConfig,
  data: RunData,
): WarmStartPlan | null {
  if (taskFamily(data.task) === null) return null;
  try {
    const features = datasetMetaFeatures(memory, fingerprint, data, config.seed);
    if (!config.warmStart) return null;
    const plan = planFromMemory(memory, features, data, {
      seed: config.seed,
      budgetSeconds: config.budgetSeconds,
      exceptRun: runId,
    });
    if (plan !== null) memory.warmStarts.putWarmStart(runId, plan);
    return plan;
  } catch (e) {
    log.warn("warm start skipped", { error: (e as Error).message });
    return null;
  }
}

/**
 * The warm-start plan memory holds for this data now (null: nothing to learn from), as a run with
 * `seed` and `budgetSeconds` would make it; `exceptRun` is left out of memory (the run itself).
 */
export function planFromMemory(
  memory: Memory,
  features: StoredFeatures,
  data: RunData,
  options: { seed: number; budgetSeconds?: number | undefined; exceptRun?: string },
): WarmStartPlan | null {
  const outcomes = memory.warmStarts
    .listOutcomes({ metaVersion: META_FEATURES_VERSION })
    .filter((o) => o.runId !== options.exceptRun);
  return planWarmStart(
    outcomes,
    { features, budgetSeconds: options.budgetSeconds, ...adaptTargetOf(data, options.seed) },
    { cv_folds: defaultFolds(data.y.length), ensemble: true },
    (id) => memory.runs.listTrials(id),
  );
}

/** What a pipeline learned elsewhere is rebuilt on: this run's data (leakage suspects dropped). */
export function adaptTargetOf(data: RunData, seed: number): AdaptTarget {
  return {
    frame: data.frame,
    target: data.target,
    task: data.task,
    metric: data.metric,
    profile: data.profile,
    seed,
    leaks: data.profile.leakage.map((l) => l.column),
  };
}

/**
 * The learned portfolio a run started with, for `resume`: the copy stored when it started, whatever
 * the file holds now (or if it is gone); the file itself for a run started before copies were kept.
 */
export function resumedPortfolio(memory: Memory, runId: string, ref: string): PortfolioFile {
  const stored = memory.warmStarts.getPortfolio(runId);
  if (stored !== undefined) {
    const parsed = PortfolioFileSchema.safeParse(stored.portfolio);
    if (parsed.success) return parsed.data;
    log.warn("stored portfolio unreadable; reading the file again", { run: runId, portfolio: ref });
  }
  return loadPortfolio(ref);
}

/** The plan a run started from, for `resume` (null: it started cold, or the stored plan is unreadable). */
export function storedWarmStart(memory: Memory, runId: string): WarmStartPlan | null {
  try {
    const raw = memory.warmStarts.getWarmStart(runId);
    if (raw === undefined || raw === null) return null;
    const parsed = WarmStartPlanSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    log.warn("stored warm-start plan unreadable; resuming cold", { run: runId });
  } catch (e) {
    log.warn("stored warm-start plan unreadable; resuming cold", { run: runId, error: (e as Error).message });
  }
  return null;
}

export interface FinishedRun {
  trials: readonly Trial[];
  cvScore: number | null;
  testScore: number | null;
  seconds: number;
}

/** Records a finished run's outcome (its best pipelines) for the warm starts and portfolios of later runs. */
export function recordOutcome(memory: Memory, runId: string, data: RunData, run: FinishedRun): void {
  if (taskFamily(data.task) === null) return;
  try {
    const stored = memory.runs.getRun(runId);
    const pipelines = outcomePipelines(run.trials, data.metric);
    if (pipelines.length === 0) return;
    const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
    memory.warmStarts.putOutcome(runId, {
      fingerprint: stored.datasetFingerprint,
      target: data.target,
      task: data.task,
      metric: data.metric,
      dataset: stored.trainPath,
      metaVersion: META_FEATURES_VERSION,
      pipelines,
      cvScore: finite(run.cvScore),
      testScore: finite(run.testScore),
      seconds: Math.max(0, run.seconds),
    });
  } catch (e) {
    log.warn("run outcome not recorded", { run: runId, error: (e as Error).message });
  }
}

/** The report's note on a warm start; `opening` starts it (a lookup says what a run *would* learn). */
export function warmStartNote(plan: WarmStartPlan, opening = "Warm start: learned"): string {
  const from = plan.from.map((f) => `${f.dataset} (run ${f.run_id}, distance ${f.distance.toFixed(3)})`);
  const n = plan.seeds.length;
  const leads = plan.seeds.filter((s) => s.lead === true).length;
  const led = leads > 0 ? ` (${leads} learned on this same table, run first)` : "";
  const skip = plan.skip ?? [];
  const skipped =
    skip.length > 0
      ? `; passed over ${skip.join(", ")}, which ran out of time or failed on this table at a budget at least this one`
      : "";
  return `${opening} from ${from.length} past run${from.length === 1 ? "" : "s"} — ${from.join(", ")}; ${n} pipeline${n === 1 ? "" : "s"} added to the baseline portfolio${led}${skipped}.`;
}
