/** evaluate: a run (or one of its trials) → metrics, diagnostics and the leaderboard. */
import { z } from "zod";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { leaderboard } from "../loop/index.js";
import {
  LeaderboardRowSchema,
  RunRefSchema,
  TrialSeqSchema,
  TrialViewSchema,
  trialOf,
  trialsOfRun,
  trialView,
} from "./run-views.js";
import { defineTool, READ_ONLY } from "./tool-definition.js";

const EvaluateInputSchema = z.strictObject({
  run: RunRefSchema,
  trial: TrialSeqSchema.optional().describe("One trial to look at; the whole run otherwise"),
  top: z.number().int().min(1).max(200).default(20).describe("Leaderboard rows to return"),
});

const EvaluateOutputSchema = z.object({
  run_id: z.string(),
  status: z.string().describe("running, finished, failed, cancelled or interrupted"),
  task: z.string(),
  metric: z.string(),
  metrics: z.object({
    best_cv_score: z.number().nullable().describe("Best single trial's mean CV score"),
    final_cv_score: z
      .number()
      .nullable()
      .describe("CV score of the final (possibly ensembled) model of a finished run"),
    test_score: z
      .number()
      .nullable()
      .describe("Sealed test score of a finished run, if it had a labelled test table"),
  }),
  trial: TrialViewSchema.nullable(),
  rank: z.number().int().nullable().describe("The trial's leaderboard rank"),
  leaderboard: z.array(LeaderboardRowSchema),
  diagnostics: z.object({
    trials: z.object({
      total: z.number().int(),
      ok: z.number().int(),
      failed: z.number().int(),
      timed_out: z.number().int(),
    }),
    failures: z
      .array(z.object({ seq: z.number().int(), code: z.string(), message: z.string() }))
      .describe("Failed trials: call recover on them"),
    unstable: z
      .array(z.number().int())
      .describe("Trials whose fold scores spread widely (std above a fifth of |mean|)"),
    stopped_because: z.string().nullable(),
    review: z
      .unknown()
      .describe("The reviewer agent's reading of a finished run (verdict, findings, next steps)"),
    notes: z.array(z.string()),
  }),
});

export const evaluateTool = defineTool({
  name: "evaluate",
  title: "Evaluate a run or trial",
  description:
    "Returns a run's metrics (best CV score; for a finished run the final model's CV and sealed test scores), its leaderboard, and diagnostics: trial counts, failed trials to recover, unstable trials, why it stopped and the reviewer's findings. Give a trial number to see that trial and its rank.",
  input: EvaluateInputSchema,
  output: EvaluateOutputSchema,
  annotations: READ_ONLY,
  async handler(input, { services }) {
    const store = services.memory.runs;
    const run = store.getRun(input.run);
    const trials = trialsOfRun(store, run.id);
    const board = leaderboard(trials, run.metric as MetricName);
    const t = input.trial !== undefined ? trialOf(trials, run.id, input.trial) : null;
    const count = (s: string) => trials.filter((x) => x.status === s).length;
    const result = (run.result ?? null) as { review?: unknown; notes?: string[] } | null;
    return {
      run_id: run.id,
      status: run.status,
      task: run.task,
      metric: run.metric,
      metrics: {
        best_cv_score: board[0]?.score ?? null,
        final_cv_score: run.status === "finished" ? run.cvScore : null,
        test_score: run.testScore,
      },
      trial: t === null ? null : trialView(t),
      rank: t === null ? null : (board.find((r) => r.seq === t.seq)?.rank ?? null),
      leaderboard: board.slice(0, input.top),
      diagnostics: {
        trials: {
          total: trials.length,
          ok: count("ok"),
          failed: count("failed"),
          timed_out: count("timed_out"),
        },
        failures: trials
          .filter((x) => x.error !== null)
          .map((x) => ({ seq: x.seq, code: x.error?.code ?? "", message: x.error?.message ?? "" })),
        unstable: trials
          .filter((x) => x.score !== null && x.std !== null && x.std > 0.2 * Math.abs(x.score))
          .map((x) => x.seq),
        stopped_because: run.stoppedBecause,
        review: result?.review ?? null,
        notes: result?.notes ?? [],
      },
    };
  },
});
