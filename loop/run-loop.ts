/**
 * runAutoML: one whole run — data and profile, the search, ensemble, refit, sealed test score and
 * artifacts — recorded in memory as it goes. `resumeRun` continues a killed run from its recorded trials.
 */
import { join, resolve } from "node:path";
import { AlchemistError, toAlchemistError } from "../core/errors.js";
import type { LlmGateway } from "../llm/types.js";
import type { Memory } from "../memory/index.js";
import { fingerprintFile } from "../memory/index.js";
import { createWorkerPool, type WorkerPool } from "../trainers/pool/index.js";
import { RunClock } from "./clock.js";
import { CvPlan } from "./cv-plan.js";
import {
  bestPipeline,
  chooseEnsemble,
  fitEnsembleToTime,
  foldModelsResult,
  membersScore,
  refit,
  refitMakespanMs,
  refitNotes,
  refittedScore,
  scoreTest,
} from "./finish.js";
import { createMemoryRecorder, restoreTrials } from "./memory-recorder.js";
import type { Proposer } from "./proposer.js";
import type { Recoverer } from "./recoverer.js";
import { searchForecastRun } from "./forecast-run.js";
import { summarizeRecoveries } from "./recoveries.js";
import { createTaskRun, finishTaskRun } from "./task-run.js";
import { searchUnsupervisedRun } from "./unsupervised-run.js";
import type { BundleWriter } from "./write-artifacts.js";
import { type RunConfig, type RunConfigInput, RunConfigSchema } from "./run-config.js";
import { loadRunData, type RunData } from "./run-data.js";
import type { RunResult } from "./run-result.js";
import { reviewRun } from "./review-run.js";
import { type LoopEvent, Search, type SearchResult } from "./search.js";
import { leaderboard } from "./trial.js";
import {
  adaptTargetOf,
  learnedBaseline,
  loadPortfolio,
  type PortfolioFile,
  recordOutcome,
  resumedPortfolio,
  seedsOf,
  startWarmStart,
  storedWarmStart,
  summarizePlan,
  type WarmStartPlan,
  warmStartNote,
} from "./warm-start/index.js";
import { writeArtifacts } from "./write-artifacts.js";

export interface RunOptions {
  memory: Memory;
  /** Folder of run outputs when `config.out` is not set: `<home>/runs/<run id>`. */
  home: string;
  /** Builds the explore-phase proposer for the run's gateway. */
  proposer: (gateway: LlmGateway, runId: string) => Proposer;
  /** Writes the finished run's portable bundle into `<run dir>/bundle` (the CLI passes export's writeBundle). */
  bundle?: BundleWriter;
  /** Builds the recoverer that heals failed trials; without one, a failed trial is only recorded. */
  recoverer?: (gateway: LlmGateway, runId: string) => Recoverer;
  /** The run's LLM gateway (`none`: heuristics only). */
  gateway: LlmGateway;
  /**
   * Worker pool; default one of `config.workers` (CPU count) threads, started while the data is read
   * and closed at the end.
   */
  pool?: WorkerPool;
  onEvent?: (event: LoopEvent) => void;
  signal?: AbortSignal;
  /** Epoch ms the budget counts from (the command's start); default now. */
  startedAt?: number;
}

export function parseRunConfig(input: RunConfigInput): RunConfig {
  const r = RunConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new AlchemistError(
    "INVALID_ARGUMENT",
    `Invalid run option '${issue?.path.join(".")}': ${issue?.message}`,
    {
      parameter: issue?.path.join(".") ?? "",
    },
  );
}

/**
 * The run's pool, its workers starting at once: each loads the whole estimator registry (seconds on
 * a busy machine), which then overlaps reading and profiling the data instead of the first trial.
 */
function startPool(config: RunConfig, options: RunOptions): { pool: WorkerPool; close: () => Promise<void> } {
  const pool = options.pool ?? createWorkerPool(config.workers !== undefined ? { size: config.workers } : {});
  // Never rejects; the search waits for the workers before its first trial.
  void pool.warmUp();
  return { pool, close: options.pool === undefined ? () => pool.close() : async () => {} };
}

/** The `--portfolio` a run uses: its reference (a file or `default`) and the portfolio read from it. */
interface LearnedPortfolio {
  ref: string;
  file: PortfolioFile;
}

export async function runAutoML(input: RunConfigInput, options: RunOptions): Promise<RunResult> {
  const startedAt = options.startedAt ?? Date.now();
  const config = parseRunConfig(input);
  if (config.task === "forecast" || config.task === "clustering" || config.task === "anomaly")
    return runTask(config, config.task, options, startedAt);
  // A wrong portfolio file fails here, before the run is created.
  const portfolio =
    config.portfolio !== undefined ? { ref: config.portfolio, file: loadPortfolio(config.portfolio) } : null;
  const { pool, close } = startPool(config, options);
  try {
    return await startRun(config, options, startedAt, pool, portfolio);
  } finally {
    await close();
  }
}

async function startRun(
  config: RunConfig,
  options: RunOptions,
  startedAt: number,
  pool: WorkerPool,
  portfolio: LearnedPortfolio | null,
): Promise<RunResult> {
  const data = await loadRunData(config);
  const fingerprint = await fingerprintFile(config.train);
  const store = options.memory.runs;
  store.upsertDataset({
    fingerprint,
    path: resolve(config.train),
    rows: data.frame.nRows,
    columns: data.frame.columns.length,
  });
  const run = store.createRun({
    datasetFingerprint: fingerprint,
    trainPath: resolve(config.train),
    testPath: config.test !== undefined ? resolve(config.test) : null,
    target: data.target,
    task: data.task,
    metric: data.metric,
    goal: config.goal ?? null,
    config: {
      ...config,
      train: resolve(config.train),
      ...(config.test ? { test: resolve(config.test) } : {}),
    },
    profile: data.profile,
  });
  // Meta-features and the warm-start plan before the search is built; the plan and the learned
  // portfolio as read now are stored with the run, so resume replays them.
  const warm = startWarmStart(options.memory, run.id, fingerprint, config, data);
  if (portfolio !== null) options.memory.warmStarts.putPortfolio(run.id, portfolio.ref, portfolio.file);
  return execute(
    run.id,
    config,
    data,
    { trials: [], oof: new Map() },
    startedAt,
    options,
    pool,
    warm,
    portfolio,
  );
}

/** Time a task search may use: the budget less what has passed and a reserve to score and write (default 60 s). */
function taskBudgetMs(
  config: RunConfig,
  task: "forecast" | "clustering" | "anomaly",
  startedAt: number,
): number {
  const total = (config.budgetSeconds ?? 60) * 1000;
  // Anomaly scoring of a large test table with a forest ensemble takes a while: keep more back.
  const reserve = Math.max(1000, total * (task === "anomaly" ? 0.2 : 0.08));
  return Math.max(500, total - reserve - (Date.now() - startedAt));
}

/** A forecasting, clustering or anomaly run: its own search, recorded and written like the pipeline loop's. */
async function runTask(
  config: RunConfig,
  task: "forecast" | "clustering" | "anomaly",
  options: RunOptions,
  startedAt: number,
): Promise<RunResult> {
  const label = config.evalLabel ?? (task === "forecast" ? undefined : config.target);
  const metric =
    task === "forecast"
      ? (config.metric ?? "mase")
      : task === "anomaly"
        ? "roc_auc"
        : label !== undefined
          ? "ari"
          : "silhouette";
  const runId = await createTaskRun(
    options.memory,
    config,
    task,
    metric,
    task === "forecast" ? (config.target ?? null) : (label ?? null),
  );
  try {
    options.onEvent?.({ type: "phase", phase: "baseline" });
    const budgetMs = taskBudgetMs(config, task, startedAt);
    const explore = { runId, proposer: options.proposer(options.gateway, runId) };
    const outcome =
      task === "forecast"
        ? await searchForecastRun(config, budgetMs, options.signal, explore)
        : await searchUnsupervisedRun(config, task, budgetMs, options.signal, explore);
    options.onEvent?.({ type: "phase", phase: "test" });
    return finishTaskRun(options.memory, runId, config, options.home, outcome, startedAt);
  } catch (e) {
    const err = toAlchemistError(e);
    const cancelled = err.code === "FIT_CANCELLED" || err.code === "CANCELLED";
    options.memory.runs.appendError(runId, { code: err.code, message: err.message, details: err.details });
    options.memory.runs.updateRun(runId, {
      status: cancelled ? "cancelled" : "failed",
      stoppedBecause: cancelled ? "cancelled" : err.code,
    });
    throw err;
  }
}

/** Continues a run from its last finished trial, with what is left of its time budget. */
export async function resumeRun(idOrPrefix: string, options: RunOptions): Promise<RunResult> {
  const startedAt = options.startedAt ?? Date.now();
  const store = options.memory.runs;
  const run = store.getRun(idOrPrefix);
  if (run.task === "forecast" || run.task === "clustering" || run.task === "anomaly") {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `Run ${run.id} is a ${run.task} run; its search is short and is not resumed: run it again.`,
      { parameter: "run", task: run.task },
    );
  }
  if (run.status === "finished") {
    throw new AlchemistError("INVALID_ARGUMENT", `Run ${run.id} has finished; there is nothing to resume.`, {
      parameter: "run",
    });
  }
  const config = parseRunConfig(run.config as RunConfigInput);
  const { pool, close } = startPool(config, options);
  try {
    const data = await loadRunData(config);
    const initial = restoreTrials(store, run.id, data.y.length);
    const spent = initial.trials.reduce((s, t) => s + t.seconds, 0);
    const resumed: RunConfig =
      config.budgetSeconds === undefined
        ? config
        : { ...config, budgetSeconds: Math.max(1, config.budgetSeconds - spent) };
    store.updateRun(run.id, { status: "running", pid: process.pid, stoppedBecause: null });
    const warm = storedWarmStart(options.memory, run.id);
    const portfolio =
      config.portfolio !== undefined
        ? { ref: config.portfolio, file: resumedPortfolio(options.memory, run.id, config.portfolio) }
        : null;
    return await execute(run.id, resumed, data, initial, startedAt, options, pool, warm, portfolio);
  } finally {
    await close();
  }
}

async function execute(
  runId: string,
  config: RunConfig,
  data: RunData,
  initial: Pick<SearchResult, "trials" | "oof">,
  startedAt: number,
  options: RunOptions,
  pool: WorkerPool,
  warm: WarmStartPlan | null,
  portfolio: LearnedPortfolio | null,
): Promise<RunResult> {
  const store = options.memory.runs;
  const runDir = config.out ?? join(options.home, "runs", runId);
  const clock = new RunClock(startedAt, config.budgetSeconds);
  try {
    const learned =
      portfolio !== null
        ? learnedBaseline(portfolio.ref, portfolio.file, adaptTargetOf(data, config.seed))
        : null;
    const search = new Search(
      {
        runId,
        config,
        data,
        cv: new CvPlan(data, config.seed),
        clock,
        pool,
        proposer: options.proposer(options.gateway, runId),
        ...(options.recoverer !== undefined ? { recoverer: options.recoverer(options.gateway, runId) } : {}),
        recorder: createMemoryRecorder(store, runId, runDir, data.classes?.length ?? 0),
        ...(warm !== null ? { warmStart: seedsOf(warm) } : {}),
        ...(learned !== null ? { learnedPortfolio: learned.specs } : {}),
        ...(options.onEvent !== undefined ? { onEvent: options.onEvent } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      },
      initial,
    );
    const searched = await search.run();
    if (searched.stoppedBecause === "cancelled") {
      store.updateRun(runId, { status: "cancelled", stoppedBecause: "cancelled" });
      throw new AlchemistError(
        "FIT_CANCELLED",
        `Run ${runId} was cancelled; resume it with 'alchemist resume ${runId}'.`,
        {
          run: runId,
        },
      );
    }
    if (searched.trials.length === 0 && searched.stoppedBecause === "time_budget") {
      throw new AlchemistError(
        "NO_SUCCESSFUL_TRIAL",
        `The ${config.budgetSeconds} s budget ended before the first trial could start (reading and profiling the data took ${(clock.elapsedMs() / 1000).toFixed(2)} s): give the run more time.`,
        { parameter: "budget", trials: 0, elapsed_seconds: clock.elapsedMs() / 1000 },
      );
    }
    options.onEvent?.({ type: "phase", phase: "ensemble" });
    const refitEnd = clock.refitEndAt;
    const chosen = chooseEnsemble(searched.trials, searched.oof, data);
    // Workers a timed-out last trial took with it start again before the time left is measured,
    // so each member's refit deadline bounds its fit (a job's deadline counts from its worker's start).
    await pool.warmUp();
    const scoreOf = (members: readonly { seq: number; weight: number }[]) =>
      membersScore(members, searched.trials, searched.oof, data);
    const availableMs = refitEnd - Date.now();
    const choice = fitEnsembleToTime(chosen, searched.trials, availableMs, pool.size, scoreOf);
    options.onEvent?.({ type: "phase", phase: "refit" });
    // A refit that cannot end in time is not tried: the fold models of the blend as chosen are the model.
    const fitted =
      (refitMakespanMs(choice.members, searched.trials, pool.size) > availableMs
        ? foldModelsResult(chosen.members, searched.trials, searched.foldModels, data)
        : null) ??
      (await refit(choice, searched.trials, data, pool, refitEnd, clock.lastChanceAt, searched.foldModels));
    options.onEvent?.({ type: "phase", phase: "test" });
    const testScore = fitted.test !== undefined ? scoreTest(data, fitted.test) : null;
    const board = leaderboard(searched.trials, data.metric);
    const reviewed = await reviewRun(
      data,
      board,
      searched.trials,
      options.gateway,
      runId,
      refitEnd - Date.now(),
    );
    if (reviewed !== null) {
      const d = reviewed.decision;
      store.appendDecision(runId, { ...d, seq: null, failures: [...d.failures] });
    }
    const decisions = store.listDecisions(runId).map((d) => ({
      seq: d.seq,
      agent: d.agent,
      tier: d.tier,
      accepted: d.accepted,
      output: d.output,
    }));
    const count = (s: string) => searched.trials.filter((t) => t.status === s).length;
    // The score of what was refitted: members trimmed or dropped at the refit are out of the blend.
    const cvScore = refittedScore(choice, fitted, searched.trials, searched.oof, data);
    const result: RunResult = {
      run_id: runId,
      task: data.task,
      metric: data.metric,
      cv_score: cvScore,
      test_score: testScore,
      best_pipeline: bestPipeline(fitted),
      leaderboard: board,
      decisions,
      trials: {
        total: searched.trials.length,
        ok: count("ok"),
        recovered: count("recovered"),
        failed: count("failed"),
        timed_out: count("timed_out"),
      },
      recoveries: summarizeRecoveries(searched.trials, decisions),
      seconds: 0,
      stopped_because: searched.stoppedBecause,
      review: reviewed?.review ?? null,
      artifacts: {},
      warm_start: warm !== null ? summarizePlan(warm) : null,
      notes: [
        ...data.notes,
        ...(learned !== null ? [learned.note] : []),
        ...(warm !== null ? [warmStartNote(warm)] : []),
        ...refitNotes(choice, fitted, cvScore, searched.trials),
      ],
    };
    result.seconds = (Date.now() - startedAt) / 1000;
    result.artifacts = writeArtifacts(runDir, config, data, result, fitted, options.bundle);
    for (const [kind, path] of Object.entries(result.artifacts))
      store.addArtifact(runId, { kind, path, bytes: 0 });
    store.updateRun(runId, {
      status: "finished",
      stoppedBecause: result.stopped_because,
      bestTrial: board[0]?.seq ?? null,
      cvScore: result.cv_score,
      testScore: result.test_score,
      result,
    });
    // What later runs learn from: this run's best pipelines, beside the dataset's meta-features.
    recordOutcome(options.memory, runId, data, {
      trials: searched.trials,
      cvScore: result.cv_score,
      testScore: result.test_score,
      seconds: result.seconds,
    });
    return result;
  } catch (e) {
    const err = toAlchemistError(e);
    if (err.code !== "FIT_CANCELLED") {
      store.appendError(runId, { code: err.code, message: err.message, details: err.details });
      store.updateRun(runId, { status: "failed", stoppedBecause: err.code });
    }
    throw err;
  }
}
