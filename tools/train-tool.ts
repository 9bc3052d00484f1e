/**
 * train: cross-validates one pipeline — a given PipelineSpec, or actions applied to the run's best
 * spec — on the worker pool, records it as a trial of the run, and reports progress while folds fit.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { actionContext, createActionState, executeActions, TrainRequestSchema } from "../actions/index.js";
import { TABULAR_TASKS } from "../data/task.js";
import { AlchemistError, toAlchemistError } from "../core/errors.js";
import { isBetter } from "../evaluate/metrics/metric-choice.js";
import {
  baselinePortfolio,
  bestTrial,
  defaultFolds,
  evaluatePipeline,
  leaderboard,
  parseRunConfig,
  type RunConfig,
  type Trial,
} from "../loop/index.js";
import { fingerprintFile, type RunRecord } from "../memory/index.js";
import { resolveInRoots } from "./roots.js";
import {
  configOfRun,
  DataSourceSchema,
  RunRefSchema,
  TrialViewSchema,
  trialsOfRun,
  trialView,
} from "./run-views.js";
import type { ToolServices } from "./tool-services.js";
import { defineTool } from "./tool-definition.js";

const request = TrainRequestSchema();

const TrainInputSchema = z.strictObject({
  run: RunRefSchema.optional().describe("The run to train in (its data, its best spec as the base)"),
  data: DataSourceSchema.optional(),
  spec: request.shape.spec
    .optional()
    .describe("The PipelineSpec to train; default the run's best trial's spec (or the first baseline)"),
  actions: request.shape.actions,
  cv_folds: z
    .number()
    .int()
    .min(2)
    .max(10)
    .optional()
    .describe("Cross-validation folds (default by data size)"),
  timeout_seconds: z.number().positive().max(3600).default(300).describe("Hard deadline of the fits"),
});

const TrainOutputSchema = z.object({
  run_id: z.string(),
  metric: z.string(),
  trial: TrialViewSchema,
  rank: z.number().int().nullable().describe("Rank of this trial on the run's leaderboard"),
  improved: z.boolean().describe("Whether it beats every earlier trial of the run"),
  best_score: z.number().nullable().describe("The run's best CV score after this trial"),
});

/** A new run for a table given by path (tool-driven runs: train first, then propose/evaluate/recover). */
async function createRunFor(services: ToolServices, config: RunConfig): Promise<RunRecord> {
  const { data } = await services.data.load(config);
  const store = services.memory.runs;
  const fingerprint = await fingerprintFile(config.train);
  store.upsertDataset({
    fingerprint,
    path: config.train,
    rows: data.frame.nRows,
    columns: data.frame.columns.length,
  });
  return store.createRun({
    datasetFingerprint: fingerprint,
    trainPath: config.train,
    testPath: config.test ?? null,
    target: data.target,
    task: data.task,
    metric: data.metric,
    config,
    profile: data.profile,
  });
}

export const trainTool = defineTool({
  name: "train",
  title: "Train and cross-validate a pipeline",
  description:
    "Trains one pipeline with cross-validation and records it as a trial of the run. Give a run and actions (e.g. the proposal of propose_action) to apply them to the run's best spec, or a full PipelineSpec; without a run, give data ({train, target}) and a new run is created. Returns the trial (score, fold scores, timings) and its rank. A failing fit is recorded and comes back as an error naming the trial: call recover on it.",
  input: TrainInputSchema,
  output: TrainOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(input, { services, signal, progress }) {
    const store = services.memory.runs;
    let run: RunRecord;
    if (input.run !== undefined) {
      run = store.getRun(input.run);
    } else if (input.data !== undefined) {
      const d = input.data;
      const config = parseRunConfig({
        train: resolve(resolveInRoots(d.train, services.roots, "data.train")),
        ...(d.test !== undefined
          ? { test: resolve(resolveInRoots(d.test, services.roots, "data.test")) }
          : {}),
        ...(d.target !== undefined ? { target: d.target } : {}),
        ...(d.task !== undefined ? { task: d.task } : {}),
        ...(d.metric !== undefined ? { metric: d.metric } : {}),
        ...(d.seed !== undefined ? { seed: d.seed } : {}),
      });
      progress(0, 4, "reading and profiling the data");
      run = await createRunFor(services, config);
    } else {
      throw new AlchemistError("INVALID_ARGUMENT", "Give 'run' (a run id) or 'data' ({train, target}).", {
        parameter: "run",
      });
    }
    const config = configOfRun(run);
    const task = input.spec?.task ?? run.task;
    if (!TABULAR_TASKS.includes(task)) {
      // Their candidates are scored by their own searches (rolling origins, label-free criteria).
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `train fits one pipeline of a classification or regression task, not '${task}'; start a ${task} run with start_run (its search takes the proposer's ACTION_SPACE moves).`,
        { parameter: input.spec !== undefined ? "spec.task" : "run" },
      );
    }
    progress(1, 4, "loading the data");
    const { data, cv } = await services.data.load(config);
    const trials = trialsOfRun(store, run.id);
    const best = bestTrial(trials, data.metric);
    const base =
      input.spec ??
      best?.spec ??
      baselinePortfolio({
        frame: data.frame,
        target: data.target,
        task: data.task,
        metric: data.metric,
        seed: config.seed,
        leaks: data.profile.leakage.map((l) => l.column),
      })[0];
    if (base === undefined) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `No estimator serves the task '${data.task}'; give a spec.`,
        {
          parameter: "spec",
        },
      );
    }
    const settings = best?.settings ?? { cv_folds: defaultFolds(data.y.length), ensemble: true };
    let state = createActionState(base, settings);
    if (input.actions !== undefined && input.actions.length > 0) {
      state = executeActions(state, input.actions, actionContext(data.profile, state.spec, data.metric));
    }
    const folds = input.cv_folds ?? state.settings.cv_folds;
    const spec = state.spec;
    const started = Date.now();
    const origin =
      input.actions !== undefined && input.actions.length > 0
        ? `train tool: ${input.actions.map((a) => `${a.action} = ${JSON.stringify(a.value)}`).join(", ")}`
        : "train tool";
    progress(2, 4, `fitting ${spec.estimator.name} on ${folds} folds`);
    // Fits run on the pool; the heartbeat keeps a client's progress bar (and its timeout) alive.
    const heartbeat = setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      progress(2 + Math.min(0.99, s / input.timeout_seconds), 4, `fitting ${spec.estimator.name}: ${s} s`);
    }, 1000);
    let trial: Omit<Trial, "seq">;
    try {
      const score = await evaluatePipeline({
        spec,
        cache: cv.cache(folds),
        y: data.y,
        task: data.task,
        metric: data.metric,
        nClasses: data.classes?.length,
        pool: services.pool(),
        deadlineAt: started + input.timeout_seconds * 1000,
        signal,
      });
      trial = {
        phase: "explore",
        spec,
        settings: { ...state.settings, cv_folds: folds },
        status: "ok",
        score: score.mean,
        foldScores: score.foldScores,
        std: score.std,
        fitSeconds: score.fitSeconds,
        maxFoldFitSeconds: score.maxFoldFitSeconds,
        seconds: (Date.now() - started) / 1000,
        resource: 1,
        error: null,
        origin,
      };
    } catch (e) {
      const err = toAlchemistError(e);
      if (err.code === "FIT_CANCELLED" || signal.aborted) throw err;
      trial = {
        phase: "explore",
        spec,
        settings: { ...state.settings, cv_folds: folds },
        status: err.code === "FIT_TIMEOUT" ? "timed_out" : "failed",
        score: null,
        foldScores: [],
        std: null,
        fitSeconds: 0,
        maxFoldFitSeconds: 0,
        seconds: (Date.now() - started) / 1000,
        resource: 1,
        error: { code: err.code, message: err.message, details: err.details },
        origin,
      };
    } finally {
      clearInterval(heartbeat);
    }
    const seq = store.appendTrial(run.id, {
      phase: trial.phase,
      spec: trial.spec,
      status: trial.status,
      score: trial.score,
      foldScores: trial.foldScores,
      std: trial.std,
      fitSeconds: trial.fitSeconds,
      seconds: trial.seconds,
      resource: trial.resource,
      error: trial.error,
      settings: trial.settings,
      origin: trial.origin,
      maxFoldFitSeconds: trial.maxFoldFitSeconds,
    });
    const done: Trial = { ...trial, seq };
    progress(4, 4, "done");
    if (done.error !== null) {
      throw new AlchemistError(
        done.error.code as AlchemistError["code"],
        `Trial ${seq} of run ${run.id} failed (${done.error.code}): ${done.error.message} Call recover with {"run": "${run.id}", "trial": ${seq}} for a diagnosis and fixes.`,
        { run: run.id, trial: seq },
      );
    }
    const all = [...trials, done];
    const board = leaderboard(all, data.metric);
    const top = bestTrial(all, data.metric);
    return {
      run_id: run.id,
      metric: data.metric,
      trial: trialView(done),
      rank: board.find((r) => r.seq === seq)?.rank ?? null,
      improved: best?.score == null || (done.score !== null && isBetter(data.metric, done.score, best.score)),
      best_score: top?.score ?? null,
    };
  },
});
