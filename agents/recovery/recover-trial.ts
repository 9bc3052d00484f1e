/** recoverTrial: the standalone diagnosis of a recorded failed trial, by run id and trial seq (what the `recover` tool wraps). */
import type { RunSettings } from "../../actions/index.js";
import { AlchemistError } from "../../core/errors.js";
import type { PipelineSpecInput } from "../../data/preprocess/index.js";
import { type Profile, ProfileSchema } from "../../data/profile/index.js";
import { MetricNameSchema } from "../../evaluate/metrics/registry.js";
import { errorContextFrom } from "./error-context.js";
import { type DiagnoseOptions, diagnoseContext, type RecoverResult } from "./recover.js";

interface RecordedTrial {
  seq: number;
  spec: unknown;
  settings: unknown;
  status: string;
  error: { code: string; message: string; details?: Record<string, unknown> | undefined } | null;
  recovery?: {
    of: number;
    fix: { action: string; value: string | number | boolean | null; param?: string | undefined };
  } | null;
}

/** The part of the memory's run store recoverTrial reads (the store fits it as is). */
export interface RecordedRuns {
  getRun(idOrPrefix: string): { id: string; metric: string; profile: unknown };
  listTrials(runId: string): RecordedTrial[];
}

/**
 * Diagnoses trial `seq` of run `runRef` (id or unique prefix) as the loop would have: its error, its
 * spec and settings, the run's profile and earlier errors, the fixes its recovery chain already tried.
 * Returns the diagnosis and the fixes applied to the spec, none run. A trial that did not fail, or that
 * does not exist, is INVALID_ARGUMENT naming the seq; an unknown run is MEMORY_NOT_FOUND (from the store).
 */
export async function recoverTrial(
  runs: RecordedRuns,
  runRef: string,
  seq: number,
  options: Partial<DiagnoseOptions> = {},
): Promise<RecoverResult> {
  const run = runs.getRun(runRef);
  const trials = runs.listTrials(run.id);
  const trial = trials.find((t) => t.seq === seq);
  if (trial === undefined) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Run ${run.id} has no trial ${seq} (it has ${trials.length}).`,
      {
        parameter: "trial",
        value: seq,
        trials: trials.length,
      },
    );
  }
  if (trial.error === null || (trial.status !== "failed" && trial.status !== "timed_out")) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Trial ${seq} of run ${run.id} did not fail (status ${trial.status}); only failed or timed-out trials can be diagnosed.`,
      { parameter: "trial", value: seq, status: trial.status },
    );
  }
  const parsedProfile = ProfileSchema.safeParse(run.profile);
  const profile: Profile | undefined = parsedProfile.success ? parsedProfile.data : undefined;
  const metric = MetricNameSchema.parse(run.metric);
  const rootSeq = trial.recovery?.of ?? trial.seq;
  const chain = trials.filter((t) => t.seq < seq && (t.seq === rootSeq || t.recovery?.of === rootSeq));
  const ctx = errorContextFrom({
    error: trial.error,
    spec: trial.spec as PipelineSpecInput,
    settings: trial.settings as RunSettings,
    metric,
    ...(profile !== undefined ? { profile } : {}),
    previousErrors: trials
      .filter((t) => t.seq < seq && t.error !== null)
      .map((t) => ({
        code: t.error?.code ?? "INTERNAL",
        message: t.error?.message ?? "",
        estimator: (t.spec as { estimator?: { name?: string } }).estimator?.name ?? null,
      })),
    recoveries: chain.length,
    triedFixes: [...chain, trial].flatMap((t) => (t.recovery ? [t.recovery.fix] : [])),
  });
  return diagnoseContext(ctx, options);
}
