/** Clustering and anomaly-detection runs: label-free searches, the optional `--eval-label` only scores the result. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "../data/did-you-mean.js";
import { flag } from "../trainers/anomaly/index.js";
import { type Column, columnLength, type Frame, getColumn, hasColumn, isMissing } from "../data/frame.js";
import { readTable } from "../data/read-table.js";
import { adjustedRandIndex } from "../evaluate/metrics/adjusted-rand.js";
import { rocAuc } from "../evaluate/metrics/roc-auc.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import type { RunConfig } from "./run-config.js";
import type { TaskModelSpec } from "./run-result.js";
import type { TaskExploreRun, TaskOutcome, TaskTrial } from "./task-run.js";
import {
  ANOMALY_CRITERION,
  CLUSTER_CRITERION,
  type CandidateRef,
  type LeaderboardEntry,
  type Scaling,
  searchAnomaly,
  searchClustering,
  type TrialEntry,
  type UnsupervisedSearchOptions,
} from "./unsupervised/index.js";
import { createTaskExplorer, type TaskCandidateView, type TaskExplorer } from "./task-explore.js";
import type { PipelineSpec, Step } from "../data/preprocess/index.js";
import { profileFrame } from "../data/profile/index.js";

function labelColumn(frame: Frame, name: string, file: string): Column {
  if (hasColumn(frame, name)) return getColumn(frame, name);
  const suggestions = closestNames(
    name,
    frame.columns.map((c) => c.name),
  );
  throw new AlchemistError(
    "COLUMN_NOT_FOUND",
    `The --eval-label column '${name}' is not in ${file}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : ""}`,
    { column: name, parameter: "evalLabel", suggestions },
  );
}

/** Label codes per row (−1 missing): categories by level, numbers and booleans by value. */
function labelCodes(c: Column): { codes: Int32Array; names: string[] } {
  const n = columnLength(c);
  const codes = new Int32Array(n);
  if (c.kind === "categorical" || c.kind === "text") {
    codes.set(c.codes);
    return { codes, names: [...c.levels] };
  }
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (isMissing(c, i)) {
      codes[i] = -1;
      continue;
    }
    const key = String(c.kind === "boolean" ? c.values[i] : (c.values as Float64Array)[i]);
    let k = index.get(key);
    if (k === undefined) {
      k = index.size;
      index.set(key, k);
    }
    codes[i] = k;
  }
  return { codes, names: [...index.keys()] };
}

/** 1 for an anomaly: the label that reads as one (1, true, yes, anomaly, outlier), else the rarer label. */
function anomalyFlags(c: Column): Int32Array {
  const { codes, names } = labelCodes(c);
  let positive = names.findIndex((n) =>
    /^(1|1\.0|true|yes|anomaly|anomalous|outlier|abnormal)$/i.test(n.trim()),
  );
  if (positive < 0) {
    const counts = new Array<number>(names.length).fill(0);
    for (const k of codes) if (k >= 0) counts[k] = (counts[k] as number) + 1;
    positive = counts.indexOf(Math.min(...counts.filter((n) => n > 0)));
  }
  return Int32Array.from(codes, (k) => (k === positive ? 1 : 0));
}

function rowsWithLabel(codes: Int32Array): number[] {
  const keep: number[] = [];
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) >= 0) keep.push(i);
  return keep;
}

function specOf(
  task: "clustering" | "anomaly",
  e: Pick<LeaderboardEntry, "model" | "params" | "scaling">,
): TaskModelSpec {
  return { task, estimator: { name: e.model, params: e.params }, steps: stepsOf(e.scaling) };
}

const stepsOf = (scaling: Scaling): Step[] =>
  scaling === "none" ? [] : [{ type: "scale", method: scaling, columns: "numeric" }];

/** The candidate a proposed spec describes: its estimator, params and scaling (the only step these tasks take). */
function refOf(spec: PipelineSpec): CandidateRef {
  const scale = spec.steps.find((s) => s.type === "scale");
  return {
    model: spec.estimator.name,
    params: spec.estimator.params,
    scaling: scale?.type === "scale" ? scale.method : "none",
  };
}

/** The search's `propose`: the run's proposer acting on the candidates through ACTION_SPACE. */
function proposeWith(explorer: TaskExplorer): NonNullable<UnsupervisedSearchOptions["propose"]> {
  return async (done, failed) => {
    const views: TaskCandidateView[] = [
      ...done.map((e) => ({
        estimator: e.model,
        params: e.params,
        steps: stepsOf(e.scaling),
        score: e.score,
        seconds: e.seconds,
        origin: e.origin,
      })),
      ...failed.map((r) => ({
        estimator: r.model,
        params: r.params,
        steps: stepsOf(r.scaling),
        score: null,
        seconds: 0,
      })),
    ];
    const next = await explorer.propose(views);
    return next === null ? null : { ref: refOf(next.spec), origin: next.origin };
  };
}

const sameEntry = (a: Omit<TrialEntry, "score" | "seconds" | "criterion">, b: LeaderboardEntry) =>
  a.model === b.model && a.scaling === b.scaling && JSON.stringify(a.params) === JSON.stringify(b.params);

/** Runs the clustering or anomaly search of `config` within `budgetMs`; the label, if any, scores only. */
export async function searchUnsupervisedRun(
  config: RunConfig,
  task: "clustering" | "anomaly",
  budgetMs: number,
  signal: AbortSignal | undefined,
  explore?: TaskExploreRun,
): Promise<TaskOutcome> {
  const started = Date.now();
  const notes: string[] = [];
  const train = (await readTable(config.train)).frame;
  const label = config.evalLabel ?? config.target;
  if (label !== undefined) labelColumn(train, label, config.train);
  const features = train.columns.map((c) => c.name).filter((n) => n !== label);
  if (label !== undefined) notes.push(`'${label}' is never a feature: it only scores the result.`);
  const entries: TrialEntry[] = [];
  const explorer =
    explore === undefined
      ? undefined
      : createTaskExplorer({
          ...explore,
          profile: profileFrame(train, { task, ...(label !== undefined ? { target: label } : {}) }),
          task,
          // The scores the proposer compares are the search's label-free criterion, never the label's.
          metric: task === "anomaly" ? "roc_auc" : "silhouette",
          scoreMeaning: `${task === "anomaly" ? ANOMALY_CRITERION : CLUSTER_CRITERION}; higher is better; labels play no part`,
          target: label ?? "",
          seed: config.seed,
          signal,
        });
  const options: UnsupervisedSearchOptions = {
    frame: train,
    features,
    budgetMs: Math.max(1, budgetMs - (Date.now() - started)),
    seed: config.seed,
    ...(signal !== undefined ? { signal } : {}),
    onTrial: (e: TrialEntry) => entries.push(e),
    ...(explorer !== undefined ? { propose: proposeWith(explorer) } : {}),
  };
  const scored = config.test !== undefined ? (await readTable(config.test)).frame : train;
  const scoredFile = config.test ?? config.train;
  let model: unknown;
  let leaderboard: LeaderboardEntry[];
  let testScore: number | null = null;
  let metric: MetricName;
  let predictions: string;
  if (task === "clustering") {
    const r = await searchClustering(options);
    model = r.best;
    leaderboard = r.leaderboard;
    notes.push(...r.notes);
    const assigned = r.assign(scored);
    predictions = `prediction\n${Array.from(assigned).join("\n")}\n`;
    metric = label !== undefined ? "ari" : "silhouette";
    if (label !== undefined && hasColumn(scored, label)) {
      const { codes } = labelCodes(getColumn(scored, label));
      const keep = rowsWithLabel(codes);
      testScore = adjustedRandIndex(
        Int32Array.from(keep, (i) => codes[i] as number),
        Int32Array.from(keep, (i) => assigned[i] as number),
      );
    } else testScore = null;
  } else {
    const r = await searchAnomaly(options);
    model = r.best;
    leaderboard = r.leaderboard;
    notes.push(...r.notes);
    const scores = r.score(scored);
    // Flags from the same scores: scoring a large table twice with a forest ensemble costs seconds.
    const flags = flag(scores, r.best.threshold);
    const lines = ["prediction,score"];
    for (let i = 0; i < scores.length; i++) lines.push(`${flags[i]},${scores[i]}`);
    predictions = `${lines.join("\n")}\n`;
    metric = "roc_auc";
    if (label !== undefined && hasColumn(scored, label)) {
      const c = getColumn(scored, label);
      const y = anomalyFlags(c);
      const keep = rowsWithLabel(labelCodes(c).codes);
      testScore = rocAuc(
        Int32Array.from(keep, (i) => y[i] as number),
        Float64Array.from(keep, (i) => scores[i] as number),
      );
    }
  }
  if (testScore !== null && config.test === undefined)
    notes.push(
      `No --test table: ${metric} is measured on the training rows (the search never saw '${label}').`,
    );
  const trials: TaskTrial[] = entries.map((e, i) => ({
    seq: i + 1,
    phase: e.origin !== undefined ? "explore" : "baseline",
    spec: specOf(task, e),
    status: Number.isFinite(e.score) ? "ok" : "failed",
    score: Number.isFinite(e.score) ? e.score : null,
    foldScores: [],
    seconds: e.seconds,
    error: Number.isFinite(e.score) ? null : "no score",
    origin: e.origin ?? e.criterion,
  }));
  const top = leaderboard[0];
  if (top === undefined)
    throw new AlchemistError("NO_SUCCESSFUL_TRIAL", `No ${task} candidate finished within the budget.`, {});
  let best = entries.findIndex((e) => sameEntry(e, top)) + 1;
  if (best === 0) {
    // The final model is a combination the search built after its candidates (e.g. a rank ensemble).
    trials.push({
      seq: trials.length + 1,
      phase: "baseline",
      spec: specOf(task, top),
      status: "ok",
      score: top.score,
      foldScores: [],
      seconds: top.seconds,
      error: null,
      origin: top.criterion,
    });
    best = trials.length;
  }
  return {
    task,
    metric,
    target: label ?? null,
    trials,
    best,
    model,
    cvScore: top.score,
    testScore,
    predictions,
    stoppedBecause: "search_exhausted",
    decisions: explorer?.decisions ?? [],
    criterion: top.criterion,
    facts: [
      `Selection criterion (label-free): ${top.criterion}; predictions for ${scored.nRows} rows of ${scoredFile}`,
    ],
    notes,
  };
}
