/** run_status and cancel_run: the live state of a start_run job (or any recorded run), and stopping it. */
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { bestTrial } from "../loop/index.js";
import type { ToolServices } from "./tool-services.js";
import { RunRefSchema, trialsOfRun } from "./run-views.js";
import { defineTool, READ_ONLY } from "./tool-definition.js";

const RECENT_DECISIONS = 5;

const RunStatusInputSchema = z.strictObject({ run: RunRefSchema });

const RunStatusOutputSchema = z.object({
  run_id: z.string(),
  status: z.string().describe("running, finished, failed, cancelled or interrupted"),
  phase: z.string().nullable().describe("baseline, explore, exploit, ensemble, refit or test"),
  elapsed_seconds: z.number().nullable(),
  trials: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
  best: z
    .object({ seq: z.number().int(), estimator: z.string(), score: z.number().nullable() })
    .nullable()
    .describe("Best trial so far"),
  recent_decisions: z.array(
    z.object({
      seq: z.number().int().nullable(),
      agent: z.string(),
      tier: z.string(),
      accepted: z.boolean(),
      output: z.unknown(),
    }),
  ),
  recent_events: z
    .array(z.record(z.string(), z.unknown()))
    .describe("The loop's last events (phases, trials, notes)"),
  stopped_because: z.string().nullable(),
  cv_score: z.number().nullable().describe("Final model's CV score, once finished"),
  test_score: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** The job's id for an exact id, else the stored run's (prefixes resolve through the store). */
function resolveRun(services: ToolServices, ref: string): string {
  if (services.jobs.get(ref) !== undefined) return ref;
  return services.memory.runs.getRun(ref).id;
}

export const runStatusTool = defineTool({
  name: "run_status",
  title: "Status of a run",
  description:
    "The live state of a run started with start_run (or any recorded run): status, phase, trials so far, the best score, the agents' recent decisions and the loop's recent events; once finished, the final CV and test scores. Poll it every few seconds while status is running.",
  input: RunStatusInputSchema,
  output: RunStatusOutputSchema,
  annotations: READ_ONLY,
  async handler(input, { services }) {
    const runId = resolveRun(services, input.run);
    const job = services.jobs.get(runId);
    const store = services.memory.runs;
    let record: ReturnType<typeof store.getRun> | undefined;
    try {
      record = store.getRun(runId);
    } catch (e) {
      // A job that is still reading its data has no run row yet.
      if (job === undefined) throw e;
    }
    const trials = record !== undefined ? trialsOfRun(store, runId) : [];
    const best = record !== undefined ? bestTrial(trials, record.metric as MetricName) : undefined;
    const decisions = record !== undefined ? store.listDecisions(runId).slice(-RECENT_DECISIONS) : [];
    const status = job !== undefined ? job.status : (record?.status ?? "running");
    return {
      run_id: runId,
      status,
      phase: job?.phase ?? null,
      elapsed_seconds: job !== undefined ? ((job.finishedAt ?? Date.now()) - job.startedAt) / 1000 : null,
      trials: {
        total: trials.length,
        ok: trials.filter((t) => t.status === "ok").length,
        failed: trials.filter((t) => t.error !== null).length,
      },
      best:
        best !== undefined
          ? { seq: best.seq, estimator: best.spec.estimator.name, score: best.score }
          : (job?.best ?? null),
      recent_decisions: decisions.map((d) => ({
        seq: d.seq,
        agent: d.agent,
        tier: d.tier,
        accepted: d.accepted,
        output: d.output,
      })),
      recent_events: (job?.recent ?? []).slice(-10).map((e) => ({ ...e })),
      stopped_because: record?.stoppedBecause ?? null,
      cv_score: record?.status === "finished" ? record.cvScore : null,
      test_score: record?.testScore ?? null,
      error: job?.error ?? null,
    };
  },
});

const CancelRunOutputSchema = z.object({
  run_id: z.string(),
  cancelled: z.boolean().describe("True when a running job was asked to stop"),
  status: z.string(),
});

export const cancelRunTool = defineTool({
  name: "cancel_run",
  title: "Cancel a run",
  description:
    "Stops a run started with start_run: the trial in flight is abandoned, finished trials stay recorded, and the run is marked cancelled (the CLI's 'alchemist resume' can continue it). A run that already ended is left as it is.",
  input: RunStatusInputSchema,
  output: CancelRunOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { services }) {
    const runId = resolveRun(services, input.run);
    const job = services.jobs.get(runId);
    if (job === undefined) {
      const run = services.memory.runs.getRun(runId);
      if (run.status === "running") {
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `Run ${runId} is running in another process (pid ${run.pid ?? "unknown"}), not in this server; stop that process instead.`,
          { parameter: "run" },
        );
      }
      return { run_id: runId, cancelled: false, status: run.status };
    }
    const cancelled = services.jobs.cancel(runId);
    const settled = cancelled ? await services.jobs.settled(runId) : job;
    return { run_id: runId, cancelled, status: settled?.status ?? job.status };
  },
});
