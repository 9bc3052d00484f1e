/**
 * A finished run's outcome as memory keeps it for later runs: its best pipelines (one per recipe),
 * each with its CV score and a score normalised within the run, so runs on different metrics compare.
 */
import { z } from "zod";
import { isBetter } from "../../evaluate/metrics/metric-choice.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import { leaderboard, type Trial } from "../trial.js";
import { type Recipe, RecipeSchema, recipeKey, recipeOf } from "./recipe.js";

/** Pipelines kept per run. */
export const OUTCOME_PIPELINES = 6;

export const OutcomePipelineSchema = z.object({
  recipe: RecipeSchema,
  seq: z.number().int().min(1),
  score: z.number(),
  std: z.number(),
  fit_seconds: z.number().min(0),
  /** Wall seconds of the trial (fits and predictions of every fold); absent in early outcomes. */
  seconds: z.number().min(0).optional(),
  /** (score − median) / (best − median) of the run's ok trials, in [0, 1]: 1 = the run's best. */
  normalized: z.number().min(0).max(1),
});
export type OutcomePipeline = z.infer<typeof OutcomePipelineSchema>;

/**
 * Where `score` sits between the median and the best of `scores`, in [0, 1] (1 = best, 0 = median
 * or worse), in the metric's direction. All equal: 1.
 */
export function normalizeScore(score: number, scores: readonly number[], metric: MetricName): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => (isBetter(metric, a, b) ? -1 : isBetter(metric, b, a) ? 1 : 0));
  const best = sorted[0] as number;
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  if (best === median) return score === best || isBetter(metric, score, best) ? 1 : 0;
  return Math.max(0, Math.min(1, (score - median) / (best - median)));
}

/** The run's best pipelines, best first, one per recipe (the first trial of a recipe's best score). */
export function outcomePipelines(trials: readonly Trial[], metric: MetricName): OutcomePipeline[] {
  const board = leaderboard(trials, metric);
  const scores = board.map((r) => r.score);
  const bySeq = new Map(trials.map((t) => [t.seq, t]));
  const seen = new Set<string>();
  const out: OutcomePipeline[] = [];
  for (const row of board) {
    const t = bySeq.get(row.seq);
    if (t === undefined || !Number.isFinite(row.score)) continue;
    const recipe: Recipe = recipeOf(t.spec);
    const key = recipeKey(recipe);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      recipe,
      seq: t.seq,
      score: row.score,
      std: Number.isFinite(row.std) ? row.std : 0,
      fit_seconds: t.fitSeconds,
      seconds: t.seconds,
      normalized: normalizeScore(row.score, scores, metric),
    });
    if (out.length >= OUTCOME_PIPELINES) break;
  }
  return out;
}
