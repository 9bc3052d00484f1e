/** recover: a failed trial → the recovery agent's diagnosis and fixes, each applied to the failing spec (nothing is run). */
import { z } from "zod";
import { ActionSchema } from "../actions/index.js";
import { applyFix, diagnoseFailure, errorContextFrom } from "../agents/index.js";
import { AlchemistError } from "../core/errors.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { profileOfRun, RunRefSchema, TrialSeqSchema, trialOf, trialsOfRun } from "./run-views.js";
import { defineTool } from "./tool-definition.js";

const RecoverToolInputSchema = z.strictObject({
  run: RunRefSchema,
  trial: TrialSeqSchema.describe("The failed trial"),
  llm: z
    .string()
    .min(1)
    .optional()
    .describe("`provider/model` of the recovery agent; the server's default otherwise"),
});

const RecoverToolOutputSchema = z.object({
  run_id: z.string(),
  trial: z.number().int(),
  root_cause: z.string(),
  category: z.string(),
  recoverable: z.boolean().describe("False: the cause is in the data and no action removes it"),
  tier: z.enum(["structured", "json", "heuristic"]),
  pattern_ids: z.array(z.string()).describe("Failure patterns of the library that match"),
  fixes: z
    .array(
      z.object({
        action: ActionSchema,
        spec: z.record(z.string(), z.unknown()).describe("The failing spec with the fix applied"),
        settings: z.record(z.string(), z.unknown()),
      }),
    )
    .describe("Alternative fixes, best first: train one with {run, spec}"),
});

export const recoverTool = defineTool({
  name: "recover",
  title: "Diagnose a failed trial",
  description:
    "Diagnoses a failed trial of a run (the recovery agent over a library of failure patterns) and returns the root cause, whether it is recoverable, and fixes from the action space, each already applied to the failing spec. Nothing is run: train a fix with train({run, spec: fixes[i].spec}).",
  input: RecoverToolInputSchema,
  output: RecoverToolOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { services, signal }) {
    const store = services.memory.runs;
    const run = store.getRun(input.run);
    const trials = trialsOfRun(store, run.id);
    const t = trialOf(trials, run.id, input.trial);
    if (t.error === null) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Trial ${t.seq} of run ${run.id} did not fail (status ${t.status}); recover takes a failed trial (see evaluate's diagnostics.failures).`,
        { parameter: "trial" },
      );
    }
    const previous = trials
      .filter((x) => x.error !== null && x.seq < t.seq)
      .map((x) => ({
        code: x.error?.code ?? "",
        message: x.error?.message ?? "",
        estimator: x.spec.estimator.name,
      }));
    const ctx = errorContextFrom({
      error: t.error,
      spec: t.spec,
      metric: run.metric as MetricName,
      settings: t.settings,
      profile: profileOfRun(run),
      previousErrors: previous,
    });
    const d = await diagnoseFailure(ctx, { gateway: services.gateway(input.llm), runId: run.id, signal });
    store.appendDecision(run.id, { ...d.decision, seq: t.seq, failures: [...d.decision.failures] });
    return {
      run_id: run.id,
      trial: t.seq,
      root_cause: d.rootCause,
      category: d.category,
      recoverable: d.recoverable,
      tier: d.tier,
      pattern_ids: d.patternIds,
      fixes: d.fixes.map((action) => {
        const s = applyFix(ctx, action);
        return {
          action,
          spec: JSON.parse(JSON.stringify(s.spec)) as Record<string, unknown>,
          settings: { ...s.settings },
        };
      }),
    };
  },
});
