/**
 * After the search: greedy ensemble selection over out-of-fold predictions, the refit of the chosen
 * members on every training row (in parallel on the pool, under the run's hard deadline), and one
 * sealed scoring of the test table.
 */
import { AlchemistError, toAlchemistError } from "../core/errors.js";
import { log } from "../core/log.js";
import { isClassification } from "../data/task.js";
import { isBetter } from "../evaluate/metrics/metric-choice.js";
import { scorePredictions } from "../evaluate/score-predictions.js";
import type { FitPrediction, WorkerPool } from "../trainers/pool/index.js";
import { caruanaSelect, scoreBlend } from "./ensemble/index.js";
import type { FoldModel } from "./evaluate-pipeline.js";
import { fitOnRows } from "./fold-data.js";
import {
  blendMembers,
  labelsAsProba,
  type FittedPipeline,
  type PipelineMember,
  type PipelinePrediction,
  predictPipeline,
} from "./fitted-pipeline.js";
import type { RunData } from "./run-data.js";
import type { RunResult } from "./run-result.js";
import type { Oof } from "./search.js";
import { bestTrial, leaderboard, type Trial } from "./trial.js";

/** Trials the ensemble may draw from (the best by CV score). */
const MAX_CANDIDATES = 15;
/**
 * Greedy steps without a better blend before the selection stops (of its 50). On letter's 15,000
 * rows × 26 classes each step of 15 candidates scans 5.9 M probabilities: the full 50 took 1.2 s of
 * a run's finish.
 */
const ENSEMBLE_PATIENCE = 10;

export interface EnsembleChoice {
  members: { seq: number; weight: number }[];
  /** CV score of the blend of out-of-fold predictions (the best trial's score for a single model). */
  score: number;
  ensembled: boolean;
  /**
   * Members left out before the refit because it would not have ended in the time left (lightest
   * first), each with its expected refit seconds; `score` is then that of the members kept.
   */
  trimmed?: { seq: number; estimator: string; refitSeconds: number }[];
  /** With `trimmed`: the score of the blend as chosen, before the trim. */
  untrimmedScore?: number;
  /** With `trimmed`: the milliseconds the refit had. */
  availableMs?: number;
}

type Members = readonly { seq: number; weight: number }[];

/** One trial's out-of-fold predictions as the ensemble reads them (classes: probabilities, one-hot for labels). */
function oofCandidate(seq: number, oof: ReadonlyMap<number, Oof>, K: number | null) {
  const o = oof.get(seq);
  if (o === undefined) {
    throw new AlchemistError("INTERNAL", `Trial ${seq} has no out-of-fold predictions to blend.`, { seq });
  }
  return { id: String(seq), oof: K === null ? o.values : (o.proba ?? labelsAsProba(o.values, K)) };
}

/**
 * The CV score of refitting `members`: a single member's own trial score, else the metric of the
 * blend of their out-of-fold predictions with these weights renormalised (as the ensemble was scored).
 */
export function membersScore(
  members: Members,
  trials: readonly Trial[],
  oof: ReadonlyMap<number, Oof>,
  data: Pick<RunData, "y" | "task" | "metric" | "classes">,
): number {
  if (members.length === 1) {
    const seq = (members[0] as { seq: number }).seq;
    const score = trials.find((t) => t.seq === seq)?.score;
    if (score == null) throw new AlchemistError("INTERNAL", `Trial ${seq} has no score.`, { seq });
    return score;
  }
  const K = isClassification(data.task) ? (data.classes?.length ?? 2) : null;
  return scoreBlend({
    candidates: members.map((m) => oofCandidate(m.seq, oof, K)),
    weights: members.map((m) => ({ id: String(m.seq), weight: m.weight })),
    yTrue: data.y,
    task: data.task,
    metric: data.metric,
    ...(K !== null ? { nClasses: K } : {}),
  });
}

/** Caruana selection over the best trials, kept only when it beats the best single trial. */
export function chooseEnsemble(
  trials: readonly Trial[],
  oof: ReadonlyMap<number, Oof>,
  data: RunData,
): EnsembleChoice {
  const best = bestTrial(trials, data.metric);
  if (best === undefined || best.score === null) {
    const first = trials.find((t) => t.error !== null)?.error;
    throw new AlchemistError(
      "NO_SUCCESSFUL_TRIAL",
      `No trial finished, so there is nothing to refit.${first ? ` The first failure: ${first.code}: ${first.message}` : ""}`,
      { trials: trials.length, ...(first ? { first_error: first } : {}) },
    );
  }
  const single: EnsembleChoice = {
    members: [{ seq: best.seq, weight: 1 }],
    score: best.score,
    ensembled: false,
  };
  if (!best.settings.ensemble) return single;
  const K = isClassification(data.task) ? (data.classes?.length ?? 2) : null;
  const rows = leaderboard(trials, data.metric)
    .filter((r) => oof.has(r.seq))
    .slice(0, MAX_CANDIDATES);
  if (rows.length < 2) return single;
  const candidates = rows.map((r) => oofCandidate(r.seq, oof, K));
  const result = caruanaSelect({
    candidates,
    yTrue: data.y,
    task: data.task,
    metric: data.metric,
    patience: ENSEMBLE_PATIENCE,
    ...(K !== null ? { nClasses: K } : {}),
  });
  if (result.weights.length < 2 || !isBetter(data.metric, result.score, best.score)) return single;
  return {
    members: result.weights.map((w) => ({ seq: Number(w.id), weight: w.weight })),
    score: result.score,
    ensembled: true,
  };
}

/** Expected refit seconds of a trial: its longest fold fit scaled to all rows (fits grow a bit faster than rows). */
export function refitSeconds(trial: Trial): number {
  const k = trial.settings.cv_folds;
  return trial.maxFoldFitSeconds * (k / Math.max(1, k - 1)) * 1.3;
}

/** Expected milliseconds of refitting `members`, packed greedily onto `lanes` workers. */
export function refitMakespanMs(members: Members, trials: readonly Trial[], lanes: number): number {
  const load = new Array<number>(Math.max(1, lanes)).fill(0);
  for (const m of members) {
    const i = load.indexOf(Math.min(...load));
    load[i] = (load[i] as number) + refitSeconds(trials.find((t) => t.seq === m.seq) as Trial) * 1000;
  }
  return Math.max(...load);
}

/**
 * Drops the lightest members while the refit, packed greedily onto `lanes` workers, would not end
 * within `availableMs` (the remaining weights are renormalised). A single member is always kept.
 * A trimmed choice lists what was left out (`trimmed`) and carries the score of what is kept:
 * `score(members)` (run-loop passes `membersScore`, the blend of the kept members' out-of-fold
 * predictions); without it, a single member's trial score, else the untrimmed blend's.
 */
export function fitEnsembleToTime(
  choice: EnsembleChoice,
  trials: readonly Trial[],
  availableMs: number,
  lanes: number,
  score?: (members: Members) => number,
): EnsembleChoice {
  let members = [...choice.members];
  while (members.length > 1 && refitMakespanMs(members, trials, lanes) > availableMs) {
    let lightest = 0;
    members.forEach((m, i) => {
      if (m.weight < (members[lightest] as { weight: number }).weight) lightest = i;
    });
    members = members.filter((_, i) => i !== lightest);
  }
  if (members.length === choice.members.length) return choice;
  const total = members.reduce((s, m) => s + m.weight, 0);
  const kept = members.map((m) => ({ ...m, weight: m.weight / total }));
  const trimmed = choice.members
    .filter((m) => !members.includes(m))
    .map((m) => {
      const t = trials.find((x) => x.seq === m.seq) as Trial;
      return { seq: m.seq, estimator: t.spec.estimator.name, refitSeconds: refitSeconds(t) };
    });
  const single = trials.find((t) => t.seq === (kept[0] as { seq: number }).seq)?.score;
  return {
    members: kept,
    score: score !== undefined ? score(kept) : kept.length === 1 && single != null ? single : choice.score,
    ensembled: kept.length > 1,
    trimmed,
    untrimmedScore: choice.untrimmedScore ?? choice.score,
    availableMs,
  };
}

/** The CV score of what the refit produced: the choice's, or that of the members that survived it. */
export function refittedScore(
  choice: EnsembleChoice,
  fitted: RefitResult,
  trials: readonly Trial[],
  oof: ReadonlyMap<number, Oof>,
  data: Pick<RunData, "y" | "task" | "metric" | "classes">,
): number {
  if (fitted.lastChance !== undefined) return fitted.lastChance.score;
  if (fitted.fromFolds !== undefined) return membersScore(fitted.fromFolds, trials, oof, data);
  if (fitted.dropped.length === 0) return choice.score;
  return membersScore(fitted.pipeline.members, trials, oof, data);
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(4));

/** The report's notes on what was left out of the chosen ensemble, before and during the refit, and why. */
export function refitNotes(
  choice: EnsembleChoice,
  fitted: RefitResult,
  cvScore: number,
  trials: readonly Trial[],
): string[] {
  const notes: string[] = [];
  const name = (seq: number) => trials.find((t) => t.seq === seq)?.spec.estimator.name ?? "?";
  if (choice.trimmed !== undefined && choice.trimmed.length > 0) {
    const left = choice.trimmed
      .map((m) => `trial ${m.seq} (${m.estimator}, ~${m.refitSeconds.toFixed(1)} s to refit)`)
      .join(", ");
    const kept = choice.members.map((m) => `${m.seq} (${name(m.seq)})`).join(", ");
    const time = Math.max(0, (choice.availableMs ?? 0) / 1000).toFixed(1);
    notes.push(
      `Ensemble trimmed before the refit: ${left} left out, because the refit of every member would not have ended in the ${time} s left; kept trial${choice.members.length > 1 ? "s" : ""} ${kept}, CV score ${fmt(choice.score)} (the full blend's was ${fmt(choice.untrimmedScore ?? choice.score)}).`,
    );
  }
  for (const d of fitted.dropped) {
    notes.push(`Ensemble member from trial ${d.seq} (${name(d.seq)}) was dropped at refit (${d.code}).`);
  }
  if (fitted.fromFolds !== undefined) {
    const k = fitted.pipeline.members.length / fitted.fromFolds.length;
    const which = fitted.fromFolds.map((m) => `${m.seq} (${name(m.seq)})`).join(", ");
    notes.push(
      `Not refitted on all rows: ${fitted.dropped.length > 0 ? "the refit failed" : "the refit would not have ended in the time left"}, so the final model is the ${k} cross-validation fold models of trial${fitted.fromFolds.length > 1 ? "s" : ""} ${which}, averaged (each fitted on ${k - 1}/${k} of the rows); the CV score ${fmt(cvScore)} is theirs.`,
    );
  } else if (fitted.lastChance !== undefined) {
    notes.push(
      `No chosen member could be refitted in time; trial ${fitted.lastChance.seq}, the fastest of the best five, was refitted instead (CV score ${fmt(cvScore)}).`,
    );
  } else if (fitted.dropped.length > 0) {
    notes.push(
      `The CV score ${fmt(cvScore)} is that of the members refitted (the blend as chosen scored ${fmt(choice.score)}).`,
    );
  }
  return notes;
}

export interface RefitResult {
  pipeline: FittedPipeline;
  /** Test predictions (when a test table was given). */
  test?: PipelinePrediction;
  /** Members that could not be refitted in time (dropped from the blend). */
  dropped: { seq: number; code: string }[];
  /** Set when every chosen member failed and the fastest good trial was refitted instead. */
  lastChance?: { seq: number; score: number };
  /**
   * Set when the pipeline is made of the search's fold models instead of a refit: the trials whose
   * fold models it averages, with their weights (each trial's split evenly over its folds).
   */
  fromFolds?: { seq: number; weight: number }[];
}

/** The run's fitted pipeline of these members. */
function pipelineOf(data: RunData, members: PipelineMember[]): FittedPipeline {
  return {
    format: "alchemist-pipeline",
    version: 1,
    task: data.task,
    target: data.target,
    metric: data.metric,
    classes: data.classes === null ? null : [...data.classes],
    members,
  };
}

/**
 * The final model from the fold models the search kept: those of `members` that kept theirs
 * (weights renormalised), else the best trial's that did. Null when no trial kept any. The test
 * table is predicted here, in this thread: fold models are already fitted.
 */
export function foldModelsResult(
  members: Members,
  trials: readonly Trial[],
  foldModels: ReadonlyMap<number, FoldModel[]>,
  data: RunData,
): RefitResult | null {
  let use = members.filter((m) => foldModels.has(m.seq));
  if (use.length === 0) {
    const best = leaderboard(
      trials.filter((t) => foldModels.has(t.seq)),
      data.metric,
    )[0];
    if (best === undefined) return null;
    use = [{ seq: best.seq, weight: 1 }];
  }
  const total = use.reduce((s, m) => s + m.weight, 0);
  const fromFolds = use.map((m) => ({ seq: m.seq, weight: m.weight / total }));
  const pipelineMembers: PipelineMember[] = fromFolds.flatMap(({ seq, weight }) => {
    const spec = (trials.find((t) => t.seq === seq) as Trial).spec;
    const models = foldModels.get(seq) as FoldModel[];
    return models.map((f, fold) => ({
      seq,
      weight: weight / models.length,
      spec,
      preprocessor: f.preprocessor.toJSON(),
      model: f.model as PipelineMember["model"],
      fold,
    }));
  });
  const pipeline = pipelineOf(data, pipelineMembers);
  const result: RefitResult = { pipeline, dropped: [], fromFolds };
  if (data.test !== undefined) result.test = predictPipeline(pipeline, data.test.frame);
  return result;
}

/** Among the best 5 trials, the one with the shortest fold fit (the cheapest model worth having). */
function fastestGood(trials: readonly Trial[], metric: RunData["metric"]): Trial | undefined {
  const top = leaderboard(trials, metric).slice(0, 5);
  let best: Trial | undefined;
  for (const row of top) {
    const t = trials.find((x) => x.seq === row.seq) as Trial;
    if (best === undefined || t.maxFoldFitSeconds < best.maxFoldFitSeconds) best = t;
  }
  return best;
}

/**
 * Refits the members on all training rows in parallel; a member whose refit fails or overruns
 * `deadlineAt` is dropped and the weights renormalised. When no member survives, the chosen members'
 * fold models (`foldModels`, kept by the search) are the model; without any, and with `lastChanceAt`,
 * the fastest of the best 5 trials is refitted alone by then (a slower machine than the search
 * measured must still end with a model). Throws when that fails too.
 */
export async function refit(
  choice: EnsembleChoice,
  trials: readonly Trial[],
  data: RunData,
  pool: WorkerPool,
  deadlineAt: number,
  lastChanceAt?: number,
  foldModels: ReadonlyMap<number, FoldModel[]> = new Map(),
): Promise<RefitResult> {
  const all = Int32Array.from({ length: data.y.length }, (_, i) => i);
  const K = isClassification(data.task) ? (data.classes?.length ?? 2) : null;
  const dropped: RefitResult["dropped"] = [];
  type Fitted = { member: PipelineMember; test: FitPrediction | undefined } | null;
  const refitOne = async (
    { seq, weight }: { seq: number; weight: number },
    until = deadlineAt,
  ): Promise<Fitted> => {
    const trial = trials.find((t) => t.seq === seq) as Trial;
    try {
      const fit = fitOnRows(data, trial.spec.steps, all, trial.spec.seed);
      const testX = data.test !== undefined ? fit.preprocessor.transform(data.test.frame) : undefined;
      const result = await pool.run(
        {
          estimator: trial.spec.estimator.name,
          params: trial.spec.estimator.params,
          X: fit.train.X,
          y: fit.train.y as Float64Array,
          ctx: {
            seed: trial.spec.seed,
            ...(K !== null ? { nClasses: K } : {}),
            ...(fit.train.weights !== undefined ? { sampleWeight: fit.train.weights } : {}),
          },
          ...(testX !== undefined ? { predict: [testX] } : {}),
        },
        {
          transfer: true,
          ...(Number.isFinite(until) ? { deadlineMs: Math.max(1, until - Date.now()) } : {}),
        },
      );
      const member: PipelineMember = {
        seq,
        weight,
        spec: trial.spec,
        preprocessor: fit.preprocessor.toJSON(),
        model: result.model as PipelineMember["model"],
      };
      return { member, test: result.predictions?.[0] };
    } catch (e) {
      const err = toAlchemistError(e);
      log.warn(`refit of trial ${seq} (${trial.spec.estimator.name}) failed: ${err.code} ${err.message}`);
      dropped.push({ seq, code: err.code });
      return null;
    }
  };
  // Lanes of pool.size, each computing its member's deadline when it starts (a queued job's
  // deadline would otherwise start counting only when a worker takes it).
  const fitted: Fitted[] = new Array(choice.members.length).fill(null);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < choice.members.length) {
      const i = next++;
      fitted[i] = await refitOne(choice.members[i] as { seq: number; weight: number });
    }
  };
  await Promise.all(Array.from({ length: Math.min(pool.size, choice.members.length) }, lane));
  const ok = fitted.filter(
    (f): f is { member: PipelineMember; test: FitPrediction | undefined } => f !== null,
  );
  if (ok.length === 0) {
    const folds = foldModelsResult(choice.members, trials, foldModels, data);
    if (folds !== null) return { ...folds, dropped };
  }
  let lastChance: RefitResult["lastChance"];
  const fallback =
    ok.length === 0 && lastChanceAt !== undefined ? fastestGood(trials, data.metric) : undefined;
  if (fallback !== undefined) {
    const f = await refitOne({ seq: fallback.seq, weight: 1 }, lastChanceAt);
    if (f !== null) {
      ok.push(f);
      lastChance = { seq: fallback.seq, score: fallback.score as number };
    }
  }
  if (ok.length === 0) {
    throw new AlchemistError("REFIT_FAILED", "The final model could not be refitted within the budget.", {
      dropped,
    });
  }
  const total = ok.reduce((s, f) => s + f.member.weight, 0);
  for (const f of ok) f.member.weight /= total;
  const pipeline = pipelineOf(
    data,
    ok.map((f) => f.member),
  );
  const extra = lastChance !== undefined ? { lastChance } : {};
  if (data.test === undefined) return { pipeline, dropped, ...extra };
  const test = blendMembers(
    ok.map((f) => f.member.weight),
    ok.map((f) => f.test as FitPrediction),
    K,
  );
  return { pipeline, test, dropped, ...extra };
}

/** The final model as the run result reports it: one entry per trial (fold models counted once). */
export function bestPipeline(fitted: RefitResult): RunResult["best_pipeline"] {
  const spec = (seq: number) => (fitted.pipeline.members.find((m) => m.seq === seq) as PipelineMember).spec;
  const members = (fitted.fromFolds ?? fitted.pipeline.members).map((m) => ({
    seq: m.seq,
    weight: m.weight,
    spec: spec(m.seq),
  }));
  if (fitted.fromFolds === undefined) return { ensembled: members.length > 1, members };
  const folds = fitted.pipeline.members.length / members.length;
  return { ensembled: members.length > 1, members, fold_models: folds };
}

/** The sealed test score: computed once, after the search; null when the test table has no target. */
export function scoreTest(data: RunData, prediction: PipelinePrediction): number | null {
  if (data.test?.y == null) return null;
  return scorePredictions(data.metric, data.task, data.test.y, prediction);
}
