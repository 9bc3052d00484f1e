/** searchClustering: label-free model and scaling selection for clustering, within a time budget. */
import { AlchemistError } from "../../core/errors.js";
import { log } from "../../core/log.js";
import { createRng } from "../../core/rng.js";
import type { Frame } from "../../data/frame.js";
import { type ClusterModel, sampleIndices } from "../../trainers/cluster/index.js";
import type { CandidateRef } from "./candidate-ref.js";
import { clusterCandidate, clusterSweep, type WardTrees } from "./cluster-candidates.js";
import { sampleSilhouette } from "./criteria.js";
import { preparedCache } from "./prepare.js";
import { reviveClustering } from "./revive.js";
import { createSearchBudget, explore, yieldToEventLoop } from "./search-budget.js";
import type {
  ClusteringModelJSON,
  LeaderboardEntry,
  TrialEntry,
  UnsupervisedSearchOptions,
} from "./unsupervised-schema.js";

/** Rows the silhouette is computed on (O(s²) distances). */
export const SILHOUETTE_SAMPLE = 2000;
export const CLUSTER_CRITERION = "silhouette (standardised space, sample)";

export interface ClusteringSearchResult {
  /** Best first. */
  readonly leaderboard: LeaderboardEntry[];
  /** The chosen model with its fitted preprocessing: JSON, revivable with `reviveClustering`. */
  readonly best: ClusteringModelJSON;
  /** Cluster id of each row of a new frame (the same columns as training). */
  assign(frame: Frame): Int32Array;
  readonly notes: string[];
}

/**
 * Fits every candidate of the sweep (see `clusterSweep`) the budget allows, then those `propose`
 * asks for, and keeps the one of highest silhouette, measured on a seeded sample in the
 * standardised feature space for every candidate whatever scaling it clustered in. Nothing but
 * `features` is read, so a label column cannot influence the choice.
 */
export async function searchClustering(opts: UnsupervisedSearchOptions): Promise<ClusteringSearchResult> {
  const budget = createSearchBudget(opts.budgetMs);
  const notes: string[] = [];
  const prepared = preparedCache(opts.frame, opts.features, opts.seed);
  const standard = prepared("standard").X;
  const { n, d } = standard;
  if (n < 4) {
    throw new AlchemistError("NOT_ENOUGH_ROWS", `Clustering needs at least 4 rows, got ${n}.`, { rows: n });
  }
  const sample = sampleIndices(n, SILHOUETTE_SAMPLE, createRng(opts.seed).int);
  if (sample.length < n) notes.push(`Silhouettes are computed on ${sample.length} sampled rows of ${n}.`);
  const entries: (TrialEntry & { order: number })[] = [];
  const failed: CandidateRef[] = [];
  type Best = { score: number; model: ClusterModel; scaling: TrialEntry["scaling"] };
  // Set inside `attempt`: the cast keeps TypeScript from narrowing it to null here.
  let best = null as Best | null;
  let skipped = 0;
  const trees: WardTrees = new Map();
  /** Fits and scores one candidate; false when the budget did not cover it. */
  const attempt = async (ref: CandidateRef, origin?: string): Promise<boolean> => {
    budget.checkSignal(opts.signal);
    await yieldToEventLoop();
    const c = clusterCandidate(ref, d, trees);
    if (!budget.affordable(c.family, c.size)) return false;
    const t0 = Date.now();
    try {
      const X = prepared(c.scaling).X;
      const { fit, info } = c.run(X, Math.min(budget.candidateDeadline(), budget.end), opts.seed);
      const score = sampleSilhouette(standard, fit.labels, sample);
      const ms = Date.now() - t0;
      budget.record(c.family, c.size, ms);
      if (score === null) {
        failed.push(ref);
        notes.push(`${c.model} ${JSON.stringify(c.params)} (${c.scaling}) found fewer than two clusters.`);
        return true;
      }
      const entry: TrialEntry & { order: number } = {
        model: c.model,
        params: c.params,
        ...(Object.keys(info).length > 0 || fit.truncated
          ? { info: { ...info, ...(fit.truncated ? { truncated: true } : {}) } }
          : {}),
        scaling: c.scaling,
        criterion: CLUSTER_CRITERION,
        score,
        seconds: ms / 1000,
        ...(origin !== undefined ? { origin } : {}),
        order: entries.length,
      };
      entries.push(entry);
      opts.onTrial?.(withoutOrder(entry));
      if (best === null || score > best.score) best = { score, model: fit.model, scaling: c.scaling };
    } catch (e) {
      budget.record(c.family, c.size, Date.now() - t0);
      if (!(e instanceof AlchemistError)) throw e;
      failed.push(ref);
      notes.push(`${c.model} ${JSON.stringify(c.params)} (${c.scaling}) failed: ${e.code} ${e.message}`);
      log.debug("clustering candidate failed", { model: c.model, code: e.code });
    }
    return true;
  };
  const sweep = clusterSweep(n);
  for (const ref of sweep) if (!(await attempt(ref))) skipped++;
  if (skipped > 0) notes.push(`${skipped} of ${sweep.length} candidates did not fit in the time budget.`);
  if (opts.propose !== undefined) {
    const proposed = await explore(opts.propose, () => entries.map(withoutOrder), failed, budget, attempt);
    if (proposed > 0) notes.push(`${proposed} candidate(s) came from the proposer after the sweep.`);
  }
  if (best === null) {
    throw new AlchemistError("NO_SUCCESSFUL_TRIAL", "No clustering candidate finished within the budget.", {
      notes,
    });
  }
  const chosen = prepared(best.scaling);
  const json: ClusteringModelJSON = {
    format: "alchemist.unsupervised",
    version: 1,
    task: "clustering",
    features: [...opts.features],
    scaling: best.scaling,
    preprocessor: chosen.preprocessor.toJSON(),
    model: best.model.toJSON(),
    criterion: { name: CLUSTER_CRITERION, value: best.score },
  };
  notes.push(
    "Model, number of clusters and scaling were chosen by silhouette alone; labels, if any, play no part.",
  );
  const revived = reviveClustering(json);
  return { leaderboard: rank(entries), best: json, assign: (frame) => revived.assign(frame), notes };
}

function withoutOrder<T extends { order: number }>(e: T): Omit<T, "order"> {
  const { order: _order, ...rest } = e;
  return rest;
}

/** Best score first; ties keep the order they were tried in. */
export function rank(entries: readonly (TrialEntry & { order: number })[]): LeaderboardEntry[] {
  return [...entries]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((e, i) => ({ rank: i + 1, ...withoutOrder(e) }));
}
