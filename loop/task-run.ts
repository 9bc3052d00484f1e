/**
 * Runs of the tasks that have their own searches (forecasting, clustering, anomaly detection): one
 * record in memory, every candidate as a trial, the same artifacts and RunResult as the pipeline loop.
 */
import { join, resolve } from "node:path";
import type { Task } from "../data/task.js";
import { fingerprintFile, type Memory } from "../memory/index.js";
import type { RunConfig } from "./run-config.js";
import type { StopReason } from "./run-config.js";
import type { RunResult, TaskModelSpec } from "./run-result.js";
import type { DecisionLog, Proposer } from "./proposer.js";
import type { LeaderboardRow } from "./trial.js";
import { leaderboardCsv, writeAtomic } from "./write-artifacts.js";
import { fmt } from "./render-report.js";
import { METRICS, type MetricName } from "../evaluate/metrics/registry.js";

/** What a task run hands its search for the explore phase (the rest comes from the data). */
export interface TaskExploreRun {
  readonly runId: string;
  readonly proposer: Proposer;
}

/** One candidate of a task search, as memory records it. */
export interface TaskTrial {
  seq: number;
  /** baseline: the search's sweep; explore: proposed by the run's proposer. */
  phase: "baseline" | "explore";
  spec: TaskModelSpec;
  status: "ok" | "failed";
  score: number | null;
  foldScores: number[];
  seconds: number;
  error: string | null;
  origin: string;
}

/** What a task search hands back to be recorded and written. */
export interface TaskOutcome {
  task: Task;
  metric: MetricName;
  target: string | null;
  trials: TaskTrial[];
  /** Seq of the chosen candidate (its spec is the final model). */
  best: number;
  /** The fitted final model as JSON (model.json; revivable by the task's trainers). */
  model: unknown;
  cvScore: number;
  testScore: number | null;
  /** The `--predictions` CSV, when there is something to predict. */
  predictions: string | null;
  stoppedBecause: StopReason;
  /** The proposer's decisions in the explore phase. */
  decisions: DecisionLog[];
  /** What the leaderboard's scores measure when it is not the metric (a label-free criterion; higher is better). */
  criterion?: string;
  /** Facts for the report, e.g. "Season length: 12 (detected by ACF)". */
  facts: string[];
  notes: string[];
}

/** Creates the run record of a task run (status running) and returns its id. */
export async function createTaskRun(
  memory: Memory,
  config: RunConfig,
  task: Task,
  metric: MetricName,
  target: string | null,
): Promise<string> {
  const fingerprint = await fingerprintFile(config.train);
  memory.runs.upsertDataset({ fingerprint, path: resolve(config.train), rows: 0, columns: 0 });
  const run = memory.runs.createRun({
    datasetFingerprint: fingerprint,
    trainPath: resolve(config.train),
    testPath: config.test !== undefined ? resolve(config.test) : null,
    target,
    task,
    metric,
    goal: config.goal ?? null,
    config: {
      ...config,
      train: resolve(config.train),
      ...(config.test ? { test: resolve(config.test) } : {}),
    },
  });
  return run.id;
}

/** Scored trials best first; the chosen one leads (a search may choose by a rule beyond the score, e.g. a rank ensemble). */
function leaderboardOf(trials: readonly TaskTrial[], max: boolean, chosen: number): LeaderboardRow[] {
  const ok = trials.filter((t) => t.status === "ok" && t.score !== null && Number.isFinite(t.score));
  ok.sort(
    (a, b) =>
      Number(b.seq === chosen) - Number(a.seq === chosen) ||
      (max ? (b.score as number) - (a.score as number) : (a.score as number) - (b.score as number)) ||
      a.seq - b.seq,
  );
  return ok.map((t, i) => {
    // No folds (a label-free criterion, a combination): no spread to report.
    const k = t.foldScores.length;
    const mean = t.foldScores.reduce((s, v) => s + v, 0) / Math.max(1, k);
    const std = k === 0 ? Number.NaN : Math.sqrt(t.foldScores.reduce((s, v) => s + (v - mean) ** 2, 0) / k);
    return {
      rank: i + 1,
      seq: t.seq,
      estimator: t.spec.estimator.name,
      score: t.score as number,
      std,
      fitSeconds: t.seconds,
      phase: t.phase,
      origin: t.origin,
    };
  });
}

function renderTaskReport(r: RunResult, outcome: TaskOutcome): string {
  const { target, facts } = outcome;
  const scoreName = outcome.criterion ?? r.metric;
  const m = METRICS[r.metric];
  const out: string[] = [`# Alchemist run ${r.run_id}`, ""];
  out.push(`- Task: **${r.task}**${target !== null ? `, target \`${target}\`` : ""}`);
  out.push(`- Metric: **${r.metric}** ${m.direction === "max" ? "↑" : "↓"}`);
  out.push(
    `- Score of the final model (${outcome.criterion ?? "rolling-origin CV"}): **${fmt(r.cv_score)}**`,
  );
  out.push(`- Test score (sealed, scored once): **${fmt(r.test_score)}**`);
  out.push(`- Candidates: ${r.trials.total} (${r.trials.ok} ok, ${r.trials.failed} failed)`);
  out.push(`- ${r.seconds.toFixed(1)} s in all`, "");
  out.push("## Final model", "");
  for (const mem of r.best_pipeline.members) {
    const steps = mem.spec.steps.map((s) => s.type).join(" → ") || "none";
    out.push(
      `- trial ${mem.seq}: ${mem.spec.estimator.name} ${JSON.stringify(mem.spec.estimator.params)} (preprocessing: ${steps})`,
    );
  }
  for (const f of facts) out.push(`- ${f}`);
  out.push("", "## Leaderboard", "", `| rank | trial | model | ${scoreName} | ± std | seconds | origin |`);
  out.push("| ---: | ---: | --- | ---: | ---: | ---: | --- |");
  for (const row of r.leaderboard.slice(0, 25)) {
    out.push(
      `| ${row.rank} | ${row.seq} | ${row.estimator} | ${fmt(row.score)} | ${fmt(row.std)} | ${row.fitSeconds.toFixed(2)} | ${row.origin} |`,
    );
  }
  if (r.leaderboard.length > 25) out.push("", `(${r.leaderboard.length - 25} more in leaderboard.csv)`);
  if (r.notes.length > 0) out.push("", "## Notes", "", ...r.notes.map((n) => `- ${n}`));
  return `${out.join("\n")}\n`;
}

/** Records the outcome's trials, writes report, leaderboard, model and predictions, and marks the run finished. */
export function finishTaskRun(
  memory: Memory,
  runId: string,
  config: RunConfig,
  home: string,
  outcome: TaskOutcome,
  startedAt: number,
): RunResult {
  for (const t of outcome.trials) {
    memory.runs.appendTrial(runId, {
      seq: t.seq,
      phase: t.phase,
      spec: t.spec,
      status: t.status,
      score: t.score,
      foldScores: t.foldScores,
      std: null,
      fitSeconds: t.seconds,
      seconds: t.seconds,
      error: t.error !== null ? { code: "FIT_FAILED", message: t.error } : null,
      origin: t.origin,
    });
  }
  for (const d of outcome.decisions)
    memory.runs.appendDecision(runId, { ...d, seq: null, failures: [...d.failures] });
  const best = outcome.trials.find((t) => t.seq === outcome.best) as TaskTrial;
  const leaderboard = leaderboardOf(
    outcome.trials,
    outcome.criterion !== undefined || METRICS[outcome.metric].direction === "max",
    outcome.best,
  );
  const runDir = config.out ?? join(home, "runs", runId);
  const result: RunResult = {
    run_id: runId,
    task: outcome.task,
    metric: outcome.metric,
    cv_score: outcome.cvScore,
    test_score: outcome.testScore,
    best_pipeline: {
      ensembled: best.spec.estimator.name === "ensemble",
      members: [{ seq: best.seq, weight: 1, spec: best.spec }],
    },
    leaderboard,
    decisions: outcome.decisions.map((d) => ({
      seq: null,
      agent: d.agent,
      tier: d.tier,
      accepted: d.accepted,
      output: d.output,
    })),
    trials: {
      total: outcome.trials.length,
      ok: outcome.trials.filter((t) => t.status === "ok").length,
      recovered: 0,
      failed: outcome.trials.filter((t) => t.status === "failed").length,
      timed_out: 0,
    },
    recoveries: [],
    seconds: 0,
    stopped_because: outcome.stoppedBecause,
    review: null,
    artifacts: {},
    notes: outcome.notes,
  };
  const paths: Record<string, string> = {
    model: join(runDir, "model.json"),
    leaderboard: join(runDir, "leaderboard.csv"),
    report_md: join(runDir, "report.md"),
    report_json: join(runDir, "report.json"),
  };
  if (config.predictions !== undefined && outcome.predictions !== null)
    paths.predictions = config.predictions;
  writeAtomic(paths.model as string, JSON.stringify(outcome.model));
  writeAtomic(paths.leaderboard as string, leaderboardCsv(result));
  if (paths.predictions !== undefined) writeAtomic(paths.predictions, outcome.predictions as string);
  result.artifacts = paths;
  result.seconds = (Date.now() - startedAt) / 1000;
  writeAtomic(paths.report_json as string, JSON.stringify(result, null, 2));
  writeAtomic(paths.report_md as string, renderTaskReport(result, outcome));
  for (const [kind, path] of Object.entries(paths)) memory.runs.addArtifact(runId, { kind, path, bytes: 0 });
  memory.runs.updateRun(runId, {
    status: "finished",
    stoppedBecause: result.stopped_because,
    bestTrial: best.seq,
    cvScore: result.cv_score,
    testScore: result.test_score,
    result,
  });
  return result;
}
