/** searchAnomaly: label-free detector selection (agreement across detector families) within a budget. */
import { AlchemistError } from "../../core/errors.js";
import { log } from "../../core/log.js";
import { createRng } from "../../core/rng.js";
import type { Frame } from "../../data/frame.js";
import {
  type AnomalyDetector,
  estimateContamination,
  fitThreshold,
  type LofDetector,
  thresholdAt,
} from "../../trainers/anomaly/index.js";
import { type Rows, sampleIndices, takeRows } from "../../trainers/cluster/index.js";
import { anomalyCandidate, anomalySweep } from "./anomaly-candidates.js";
import { type CandidateRef, paramsOf } from "./candidate-ref.js";
import { calibrate, fitCalibration } from "./calibration.js";
import { familyAgreement, ranks } from "./criteria.js";
import { type Prepared, preparedCache } from "./prepare.js";
import { reviveAnomaly } from "./revive.js";
import { createSearchBudget, explore, yieldToEventLoop } from "./search-budget.js";
import { rank } from "./search-clustering.js";
import type {
  AnomalyMemberJSON,
  AnomalyModelJSON,
  LeaderboardEntry,
  Scaling,
  TrialEntry,
  UnsupervisedSearchOptions,
} from "./unsupervised-schema.js";

/** Training rows every candidate is scored on for the criterion, calibration and threshold. */
export const EVAL_SAMPLE = 4000;
/** Families whose best candidate agrees at least this well (Spearman ρ) join the rank ensemble. */
export const ENSEMBLE_MIN_AGREEMENT = 0.8;
export const ANOMALY_CRITERION = "agreement with the other detector families (Spearman ρ)";

export interface AnomalySearchResult {
  /** Best first (the rank ensemble, when chosen, is rank 1). */
  readonly leaderboard: LeaderboardEntry[];
  /** The chosen detector(s) with fitted preprocessing and threshold: revivable with `reviveAnomaly`. */
  readonly best: AnomalyModelJSON;
  /** Higher = more anomalous, for each row of a new frame. */
  score(frame: Frame): Float64Array;
  /** 0/1 per row (1 = anomaly). */
  predict(frame: Frame): Uint8Array;
  readonly notes: string[];
}

interface Done {
  readonly entry: TrialEntry & { order: number };
  readonly detector: AnomalyDetector;
  readonly prepared: Prepared;
  /** Raw scores of the evaluation rows. */
  readonly evalScores: Float64Array;
  readonly ranks: Float64Array;
}

/**
 * Fits the candidates of the sweep (`anomalySweep`) the budget allows, then those `propose` asks
 * for, scores a seeded sample of training
 * rows with each, and ranks them by agreement with the other families' consensus (see
 * `familyAgreement`). When the candidates that agree strongly (ρ ≥ ENSEMBLE_MIN_AGREEMENT) span two
 * or more families, the final model is the weighted mean of their calibrated ranks (see
 * `chooseMembers`): averaging views that agree cancels each one's own errors. Otherwise the top
 * candidate alone. Only `features` are read, so labels cannot steer the choice.
 */
export async function searchAnomaly(opts: UnsupervisedSearchOptions): Promise<AnomalySearchResult> {
  const budget = createSearchBudget(opts.budgetMs);
  const notes: string[] = [];
  const prepared = preparedCache(opts.frame, opts.features, opts.seed);
  const n = prepared("none").X.n;
  if (n < 10) {
    throw new AlchemistError("NOT_ENOUGH_ROWS", `Anomaly detection needs at least 10 rows, got ${n}.`, {
      rows: n,
    });
  }
  const evalIdx = sampleIndices(n, EVAL_SAMPLE, createRng(opts.seed).int);
  if (evalIdx.length < n)
    notes.push(`Criteria, calibration and threshold use ${evalIdx.length} sampled rows of ${n}.`);
  const evalRows = new Map<Scaling, Rows>();
  const evalOf = (p: Prepared): Rows => {
    let r = evalRows.get(p.scaling);
    if (r === undefined) {
      r = evalIdx.length === n ? p.X : takeRows(p.X, evalIdx);
      evalRows.set(p.scaling, r);
    }
    return r;
  };
  const done: Done[] = [];
  const failed: CandidateRef[] = [];
  const agreementOf = () => familyAgreement(done.map((x) => ({ family: x.entry.model, ranks: x.ranks })));
  /** Fits and scores one candidate; false when the budget did not cover it. */
  const attempt = async (ref: CandidateRef, origin?: string): Promise<boolean> => {
    budget.checkSignal(opts.signal);
    await yieldToEventLoop();
    const c = anomalyCandidate(ref);
    if (!budget.affordable(c.family, c.size)) return false;
    const t0 = Date.now();
    try {
      const p = prepared(c.scaling);
      const detector = c.fit(p.X, Math.min(budget.candidateDeadline(), budget.end), opts.seed);
      const evalScores = scoreEval(detector, evalOf(p), evalIdx, n);
      const ms = Date.now() - t0;
      budget.record(c.family, c.size, ms);
      const entry = {
        model: c.model,
        params: c.params,
        scaling: c.scaling,
        criterion: ANOMALY_CRITERION,
        score: 0,
        seconds: ms / 1000,
        ...(origin !== undefined ? { origin } : {}),
        order: done.length,
      };
      done.push({ entry, detector, prepared: p, evalScores, ranks: ranks(evalScores) });
      const provisional = agreementOf();
      const { order: _o, ...rest } = entry;
      opts.onTrial?.({ ...rest, score: provisional[provisional.length - 1] ?? 0 });
    } catch (e) {
      budget.record(c.family, c.size, Date.now() - t0);
      if (!(e instanceof AlchemistError)) throw e;
      failed.push(ref);
      notes.push(`${c.model} ${JSON.stringify(c.params)} (${c.scaling}) failed: ${e.code} ${e.message}`);
      log.debug("anomaly candidate failed", { model: c.model, code: e.code });
    }
    return true;
  };
  const sweep = anomalySweep();
  let skipped = 0;
  for (const ref of sweep) if (!(await attempt(ref))) skipped++;
  if (skipped > 0) notes.push(`${skipped} of ${sweep.length} candidates did not fit in the time budget.`);
  if (opts.propose !== undefined && done.length > 0) {
    // Agreement is relative to the other candidates: every score is brought up to date per proposal.
    const current = () => {
      const agreement = agreementOf();
      return done.map(({ entry: { order: _o, ...rest } }, i) => ({ ...rest, score: agreement[i] ?? 0 }));
    };
    const proposed = await explore(opts.propose, current, failed, budget, attempt);
    if (proposed > 0) notes.push(`${proposed} candidate(s) came from the proposer after the sweep.`);
  }
  if (done.length === 0) {
    throw new AlchemistError("NO_SUCCESSFUL_TRIAL", "No anomaly detector finished within the budget.", {
      notes,
    });
  }
  const agreement = agreementOf();
  const scored = done.map((x, i) => ({ ...x, entry: { ...x.entry, score: agreement[i] ?? 0 } }));
  if (agreement[0] === null)
    notes.push("Only one detector family ran, so there was no agreement to rank by.");
  const ranked = [...scored].sort((a, b) => b.entry.score - a.entry.score || a.entry.order - b.entry.order);
  const leaderboard = rank(ranked.map((x) => x.entry));
  const chosen = chooseMembers(ranked);
  const json = finalModel(opts.features, chosen);
  if (chosen.length > 1) {
    leaderboard.unshift({
      rank: 1,
      model: "rank_ensemble",
      params: {
        members: chosen.map(({ member: m, weight }) => ({
          model: m.entry.model,
          params: m.entry.params,
          scaling: m.entry.scaling,
          weight: Number(weight.toPrecision(4)),
        })),
      },
      scaling: chosen[0]?.member.entry.scaling ?? "none",
      criterion: `rank mean of the candidates with agreement ≥ ${ENSEMBLE_MIN_AGREEMENT} (their weighted mean ρ)`,
      score: json.criterion.value,
      seconds: chosen.reduce((s, c) => s + c.member.entry.seconds, 0),
    });
    for (let i = 1; i < leaderboard.length; i++) (leaderboard[i] as LeaderboardEntry).rank = i + 1;
    const fams = [...new Set(chosen.map((c) => c.member.entry.model))];
    notes.push(
      `Chosen: the weighted mean calibrated rank of ${chosen.length} candidates from ${fams.join(" + ")} (every candidate agreeing with the other families at ρ ≥ ${ENSEMBLE_MIN_AGREEMENT}; families weigh equally).`,
    );
  } else {
    notes.push(`Chosen: ${ranked[0]?.entry.model} (highest agreement with the other detector families).`);
  }
  const given = paramsOf(ranked[0]?.entry ?? { model: "", params: {} }).contamination;
  notes.push(
    typeof given === "number" && given > 0
      ? `Threshold: ${(json.contamination * 100).toFixed(2)}% of training rows flagged, the contamination set on ${ranked[0]?.entry.model}.`
      : `Threshold: ${(json.contamination * 100).toFixed(2)}% of training rows estimated anomalous (scores more than 3 robust deviations above their median); labels, if any, play no part.`,
  );
  const revived = reviveAnomaly(json);
  return { leaderboard, best: json, score: revived.score, predict: revived.predict, notes };
}

/** Scores of the evaluation rows; LOF leaves each reference row out of its own neighbourhood. */
function scoreEval(
  detector: AnomalyDetector | LofDetector,
  E: Rows,
  evalIdx: Int32Array,
  n: number,
): Float64Array {
  if (!("scoreWithSelf" in detector)) return detector.score(E.data, E.n);
  const position = new Int32Array(n).fill(-1);
  detector.referenceRows.forEach((row, p) => {
    position[row] = p;
  });
  const self = Int32Array.from(evalIdx, (row) => position[row] as number);
  return detector.scoreWithSelf(E.data, E.n, self);
}

/**
 * Every candidate with agreement ≥ ENSEMBLE_MIN_AGREEMENT when they span two or more families,
 * each family weighted equally and split evenly among its members (several settings of one
 * detector average out its seed and setting noise); else the top candidate alone.
 */
function chooseMembers(ranked: readonly Done[]): { member: Done; weight: number }[] {
  const strong = ranked.filter((d) => d.entry.score >= ENSEMBLE_MIN_AGREEMENT);
  const families = new Map<string, number>();
  for (const d of strong) families.set(d.entry.model, (families.get(d.entry.model) ?? 0) + 1);
  if (families.size < 2) return [{ member: ranked[0] as Done, weight: 1 }];
  return strong.map((member) => ({
    member,
    weight: 1 / families.size / (families.get(member.entry.model) as number),
  }));
}

function finalModel(
  features: readonly string[],
  chosen: readonly { member: Done; weight: number }[],
): AnomalyModelJSON {
  const members = chosen.map((c) => c.member);
  const memberJSON: AnomalyMemberJSON[] = chosen.map(({ member: m, weight }) => ({
    scaling: m.prepared.scaling,
    preprocessor: m.prepared.preprocessor.toJSON(),
    detector: m.detector.toJSON(),
    calibration: fitCalibration(m.evalScores),
    weight,
  }));
  const base = {
    format: "alchemist.unsupervised" as const,
    version: 1 as const,
    task: "anomaly" as const,
    features: [...features],
    members: memberJSON,
  };
  const top = members[0] as Done;
  // A contamination set on the leading detector (by a proposal or a caller) overrides the estimate.
  const given = paramsOf(top.entry).contamination;
  const fixed = typeof given === "number" && given > 0 ? given : null;
  if (members.length === 1) {
    const t =
      fixed === null
        ? fitThreshold(top.evalScores)
        : { threshold: thresholdAt(top.evalScores, fixed), contamination: fixed };
    return {
      ...base,
      combine: "single",
      threshold: t.threshold,
      contamination: t.contamination,
      criterion: { name: ANOMALY_CRITERION, value: top.entry.score },
    };
  }
  // Estimated on raw scores (they keep the separation the fence needs; calibrated ranks are uniform
  // by construction), from the member that agrees best with the others: the most trusted view.
  const contamination = fixed ?? estimateContamination(top.evalScores);
  const combined = new Float64Array(top.evalScores.length);
  memberJSON.forEach((mj, i) => {
    const r = calibrate(mj.calibration, (members[i] as Done).evalScores);
    for (let t = 0; t < combined.length; t++) combined[t]! += (r[t] as number) * mj.weight;
  });
  return {
    ...base,
    combine: "rank_mean",
    threshold: thresholdAt(combined, contamination),
    contamination,
    criterion: {
      name: `weighted mean ${ANOMALY_CRITERION} of the members`,
      value: chosen.reduce((s, c) => s + c.member.entry.score * c.weight, 0),
    },
  };
}
