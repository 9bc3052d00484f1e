/** Shared tool schemas and views of runs and trials: run references, trial rows, a run's config and incumbent. */
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import type { Profile } from "../data/profile/index.js";
import { TaskSchema } from "../data/task.js";
import { MetricNameSchema, type MetricName } from "../evaluate/metrics/registry.js";
import {
  bestTrial,
  parseRunConfig,
  type RunConfig,
  type RunConfigInput,
  type Trial,
  trialOfRecord,
} from "../loop/index.js";
import type { RunRecord, RunStore } from "../memory/index.js";

export const RunRefSchema = z
  .string()
  .min(4)
  .max(128)
  .describe("Run id (from start_run or train), or a unique prefix of it (4+ characters)");

export const TrialSeqSchema = z.number().int().min(1).describe("Trial number within the run (1, 2, …)");

/** Where train reads data when no run is given: a table and what to predict. */
export const DataSourceSchema = z
  .strictObject({
    train: z
      .string()
      .min(1)
      .describe("Training table (CSV, TSV, JSON, JSONL, Parquet, Arrow) inside the allowed roots"),
    target: z.string().min(1).optional().describe("Column to predict; inferred when omitted"),
    test: z.string().min(1).optional().describe("Sealed test table, scored only by a finished start_run"),
    task: TaskSchema.optional().describe("Task; detected by the profile when omitted"),
    metric: MetricNameSchema.optional().describe("Metric; the task's default when omitted"),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .optional()
      .describe("Seed of folds and fits (default 0)"),
  })
  .describe("A table to train on; a new run is created for it");

export const TrialViewSchema = z.object({
  seq: z.number().int(),
  phase: z.string(),
  status: z.string().describe("ok, failed, recovered, timed_out or pruned"),
  estimator: z.string(),
  score: z.number().nullable().describe("Mean cross-validated score (null unless ok)"),
  std: z.number().nullable().describe("Standard deviation of the fold scores"),
  fold_scores: z.array(z.number().nullable()),
  fit_seconds: z.number(),
  seconds: z.number(),
  origin: z.string().describe("What produced it: the portfolio, an action, the sampler, a tool"),
  settings: z.record(z.string(), z.unknown()),
  spec: z
    .record(z.string(), z.unknown())
    .describe("The PipelineSpec: preprocessing steps, estimator and params"),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TrialView = z.infer<typeof TrialViewSchema>;

export function trialView(t: Trial): TrialView {
  return {
    seq: t.seq,
    phase: t.phase,
    status: t.status,
    estimator: t.spec.estimator.name,
    score: t.score,
    std: t.std,
    fold_scores: t.foldScores.map((s) => (Number.isFinite(s) ? s : null)),
    fit_seconds: t.fitSeconds,
    seconds: t.seconds,
    origin: t.origin,
    settings: { ...t.settings },
    spec: JSON.parse(JSON.stringify(t.spec)) as Record<string, unknown>,
    error: t.error === null ? null : { code: t.error.code, message: t.error.message },
  };
}

export const LeaderboardRowSchema = z.object({
  rank: z.number().int(),
  seq: z.number().int(),
  estimator: z.string(),
  score: z.number(),
  std: z.number(),
  fitSeconds: z.number(),
  phase: z.string(),
  origin: z.string(),
});

/** The recorded trials of a run as the loop types them (out-of-fold predictions are not read). */
export function trialsOfRun(store: RunStore, runId: string): Trial[] {
  return store.listTrials(runId).map(trialOfRecord);
}

/** The trial `seq` of a run, or MEMORY_NOT_FOUND naming the trials it has. */
export function trialOf(trials: readonly Trial[], runId: string, seq: number): Trial {
  const t = trials.find((x) => x.seq === seq);
  if (t !== undefined) return t;
  throw new AlchemistError(
    "MEMORY_NOT_FOUND",
    `Run ${runId} has no trial ${seq}; it has ${trials.length === 0 ? "no trials yet" : `trials 1 to ${trials.length}`}.`,
    { parameter: "trial", run: runId },
  );
}

export function configOfRun(run: RunRecord): RunConfig {
  return parseRunConfig(run.config as RunConfigInput);
}

export function profileOfRun(run: RunRecord): Profile {
  if (run.profile === null || typeof run.profile !== "object") {
    throw new AlchemistError("MEMORY_CORRUPT", `Run ${run.id} has no stored profile.`, { run: run.id });
  }
  return run.profile as Profile;
}

/** The best ok trial of a run, or NO_SUCCESSFUL_TRIAL telling the model what to call first. */
export function incumbentOf(run: RunRecord, trials: readonly Trial[]): Trial {
  const best = bestTrial(trials, run.metric as MetricName);
  if (best !== undefined) return best;
  throw new AlchemistError(
    "NO_SUCCESSFUL_TRIAL",
    `Run ${run.id} has no successful trial yet; call train with {"run": "${run.id}"} (or a spec) first.`,
    { run: run.id },
  );
}
