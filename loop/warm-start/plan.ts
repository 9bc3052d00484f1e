/**
 * The warm-start plan of a run: which past runs it learns from, the pipelines that seed its baseline
 * (their best recipes, voted by nearness, rebuilt on this data) and the params that seed TPE. Stored
 * with the run, so `resume` replays the same seeds whatever memory holds by then.
 */
import { z } from "zod";
import { type PipelineSpec, parsePipelineSpec } from "../../data/preprocess/index.js";
import type { OutcomeRecord } from "../../memory/index.js";
import { type LoopSettings, trialKey } from "../trial.js";
import type { StoredFeatures } from "./distance.js";
import { type Neighbour, nearestDatasets } from "./nearest.js";
import type { OutcomePipeline } from "./outcome.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { baselinePortfolio } from "../portfolio.js";
import { type AdaptTarget, adaptRecipe, type Recipe, RecipeSchema, recipeKey } from "./recipe.js";

/** Past datasets a run learns from. */
export const WARM_NEIGHBOURS = 3;
/** Baseline pipelines seeded at most (added to the built-in portfolio, see seed-portfolio.ts). */
export const WARM_SEEDS = 4;
/** Param sets per estimator offered to TPE at most. */
const WARM_PARAMS = 3;
/** Weight of a neighbour: 1 / (distance + this), so an identical dataset dominates without silencing the rest. */
const NEARNESS = 0.05;
/** A seed whose estimated trial time exceeds this share of the time budget is left to TPE, not seeded. */
const SEED_COST_SHARE = 0.1;
/** The origin of a seeded trial (seed-portfolio.ts's SEED_ORIGIN, which the search recognises). */
const ORIGIN = "warm start: ";

/** Best pipelines of each past dataset the proposer is shown. */
const HISTORY_PIPELINES = 3;
/**
 * A past dataset this near is this table, or another export of it: its own ranking is strong
 * evidence, so its best pipelines lead the baseline (built-in defaults among them).
 */
export const TWIN_DISTANCE = 0.05;
/** Pipelines a twin leads with at most: its best, one per estimator, each at least this normalised there. */
const TWIN_LEADS = 3;
const TWIN_MIN_NORMALIZED = 0.5;

/** One past dataset as the proposer sees it: how near it is and what won there. */
export const PastDatasetSchema = z.object({
  dataset: z.string().describe("The past training file (folder and name)"),
  distance: z.number().min(0).describe("Normalised meta-feature distance to this data: 0 = the same table"),
  metric: z.string().describe("The metric its runs were scored on"),
  best: z
    .array(
      z.object({
        recipe: RecipeSchema,
        score: z.number().describe("Mean CV score there, on its metric"),
        normalized: z
          .number()
          .min(0)
          .max(1)
          .describe("Where the score sat in its run: 1 = the run's best, 0 = its median trial or worse"),
      }),
    )
    .describe("Its best pipelines, best first (one per recipe)"),
});
export type PastDataset = z.infer<typeof PastDatasetSchema>;

export const WarmStartPlanSchema = z.object({
  version: z.literal(1),
  from: z.array(
    z.object({
      run_id: z.string(),
      dataset: z.string(),
      distance: z.number(),
    }),
  ),
  seeds: z.array(
    z.object({
      spec: z.unknown(),
      origin: z.string(),
      /** Estimated seconds of one fold's fit here, from the source trial (absent in early plans). */
      fold_seconds: z.number().min(0).optional(),
      /** Learned on this same table (a twin): runs ahead of the built-in portfolio. */
      lead: z.boolean().optional(),
      /** A lead's wall seconds there (its folds, as they ran on this table). */
      trial_seconds: z.number().min(0).optional(),
    }),
  ),
  params: z.array(z.object({ estimator: z.string(), params: z.record(z.string(), z.unknown()) })),
  /** The nearest past datasets with their best pipelines, for the proposer (absent in early plans). */
  history: z.array(PastDatasetSchema).optional(),
  /**
   * Built-in estimators the baseline passes over: on this same table (a twin), at a budget at least
   * this run's, every baseline trial of theirs ran out of time or failed.
   */
  skip: z.array(z.string()).optional(),
});
export type WarmStartPlan = z.infer<typeof WarmStartPlanSchema>;

/** One seeded baseline pipeline: where it came from and what it is expected to cost here. */
export interface SeedSpec {
  spec: PipelineSpec;
  origin: string;
  /** Estimated seconds of one fold's fit here. */
  foldSeconds?: number;
  /** Learned on this same table: runs first, bounded by its measured cost. */
  lead?: boolean;
  /** A lead's wall seconds on this table. */
  trialSeconds?: number;
}

/** What the search takes from a plan. */
export interface WarmSeeds {
  /**
   * Baseline specs, interleaved with the built-in portfolio (a twin's leads ahead of it), with the
   * origin their trials record and the estimated seconds of one fold's fit here (the search bounds
   * the trial by it).
   */
  specs: SeedSpec[];
  /** Estimator → param sets TPE tries first in that estimator's lineage. */
  params: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  /** The nearest past datasets and what won there, nearest first (the proposer reads them). */
  history?: readonly PastDataset[];
  /** Built-in estimators that stalled on this same table (see WarmStartPlanSchema.skip). */
  skip?: ReadonlySet<string>;
}

/** What the plan reads of a past run's trials: the twin's, for the built-in entries that stalled there. */
export type TrialsOf = (runId: string) => readonly { phase: string; status: string; spec: unknown }[];

/** What the run reports: the past runs it learned from and how many pipelines it seeded. */
export interface WarmStartSummary {
  from: { run_id: string; dataset: string; distance: number }[];
  seeded: number;
}

interface Candidate {
  recipe: Recipe;
  key: string;
  vote: number;
  /** The neighbour that voted most for it. */
  source: string;
  top: number;
  /** Estimated seconds of one trial here: the source trial's seconds scaled by cells (and trees kept). */
  cost: number;
}

/** The registry's default tree count: seeds never start above it (TPE may go higher later). */
function cappedTrees(recipe: Recipe): { recipe: Recipe; scale: number } {
  const trees = recipe.params.n_estimators;
  const fallback = MODEL_REGISTRY.get(recipe.estimator)?.params.safeParse({});
  const dflt = fallback?.success ? (fallback.data as Record<string, unknown>).n_estimators : undefined;
  if (typeof trees !== "number" || typeof dflt !== "number" || trees <= dflt) return { recipe, scale: 1 };
  const { n_estimators: _, ...params } = recipe.params;
  return { recipe: { ...recipe, params }, scale: dflt / trees };
}

/**
 * Seconds of one fold's fit here, before scaling by cells: the source trial's fit time per fold (a
 * run's first trial also pays the workers' start, so its wall seconds overstate). Neighbours barely
 * fit and predict in rows²: their trial seconds, × the rows ratio.
 */
function foldCost(p: OutcomePipeline, rows: number, settings: LoopSettings): number {
  return MODEL_REGISTRY.get(p.recipe.estimator)?.family === "neighbors"
    ? (p.seconds ?? p.fit_seconds) * rows
    : p.fit_seconds / Math.max(1, settings.cv_folds);
}

/**
 * The leads of a twin (the nearest past dataset, when within TWIN_DISTANCE): its best pipelines, one
 * per estimator, best first, rebuilt here as they were (trees not capped: their cost was measured
 * on this table).
 */
function twinLeads(
  neighbours: readonly Neighbour[],
  here: AdaptTarget,
  settings: LoopSettings,
): WarmStartPlan["seeds"] {
  const twin = neighbours[0];
  if (twin === undefined || twin.distance > TWIN_DISTANCE) return [];
  const best = new Map<string, OutcomePipeline>();
  for (const p of twin.pipelines) {
    const b = best.get(p.recipe.estimator);
    if (p.normalized >= TWIN_MIN_NORMALIZED && (b === undefined || p.normalized > b.normalized))
      best.set(p.recipe.estimator, p);
  }
  return [...best.values()]
    .sort((a, b) => b.normalized - a.normalized)
    .slice(0, TWIN_LEADS)
    .flatMap((p) => {
      const spec = adaptRecipe(p.recipe, here);
      if (spec === null) return [];
      return [
        {
          spec,
          origin: `${ORIGIN}${twin.dataset} (same data)`,
          fold_seconds: round(foldCost(p, 1, settings)),
          lead: true,
          ...(p.seconds !== undefined ? { trial_seconds: round(p.seconds) } : {}),
        },
      ];
    });
}

function cells(f: StoredFeatures): number {
  return Math.max(1, (f.rows ?? 1) * Math.max(1, f.features ?? 1));
}

/**
 * The plan for this data from the outcomes memory holds; null when no past dataset of the task
 * family is known, or none of their pipelines can be rebuilt here.
 */
export function planWarmStart(
  outcomes: readonly OutcomeRecord[],
  here: { features: StoredFeatures; budgetSeconds?: number | undefined } & AdaptTarget,
  settings: LoopSettings,
  trialsOf?: TrialsOf,
): WarmStartPlan | null {
  const neighbours = nearestDatasets(outcomes, here, WARM_NEIGHBOURS);
  if (neighbours.length === 0) return null;
  const candidates = new Map<string, Candidate>();
  for (const n of neighbours) {
    const w = 1 / (n.distance + NEARNESS);
    // One vote per recipe and neighbour: its best normalised score over that dataset's runs.
    const best = new Map<string, { recipe: Recipe; normalized: number; cost: number }>();
    const scale = cells(here.features) / cells(n.features);
    const rows = Math.max(1, here.features.rows ?? 1) / Math.max(1, n.features.rows ?? 1);
    for (const p of n.pipelines) {
      const capped = cappedTrees(p.recipe);
      const key = recipeKey(capped.recipe);
      const b = best.get(key);
      const cost = foldCost(p, rows, settings) * scale * capped.scale;
      if (b === undefined || p.normalized > b.normalized)
        best.set(key, { recipe: capped.recipe, normalized: p.normalized, cost });
    }
    for (const [key, { recipe, normalized, cost }] of best) {
      const c = candidates.get(key) ?? { recipe, key, vote: 0, source: n.dataset, top: 0, cost };
      c.cost = Math.min(c.cost, cost);
      c.vote += w * normalized;
      if (w * normalized > c.top) {
        c.top = w * normalized;
        c.source = n.dataset;
      }
      candidates.set(key, c);
    }
  }
  const ranked = [...candidates.values()].sort((a, b) => b.vote - a.vote || (a.key < b.key ? -1 : 1));
  const maxCost =
    here.budgetSeconds === undefined ? Number.POSITIVE_INFINITY : SEED_COST_SHARE * here.budgetSeconds;
  const builtin = new Set(baselinePortfolio(here).map((s) => trialKey(s, settings)));
  const chosen: { seed: WarmStartPlan["seeds"][number]; cost: number }[] = [];
  const params: WarmStartPlan["params"] = [];
  const leads = twinLeads(neighbours, here, settings);
  // A led estimator is not seeded again (TPE still gets its params below).
  const seen = new Set<string>(leads.map((l) => (l.spec as PipelineSpec).estimator.name));
  const perEstimator = new Map<string, Set<string>>();
  for (const c of ranked) {
    const spec = adaptRecipe(c.recipe, here);
    if (spec === null) continue;
    const est = spec.estimator.name;
    const paramKey = JSON.stringify(Object.entries(spec.estimator.params).sort());
    const known = perEstimator.get(est) ?? new Set<string>();
    if (!known.has(paramKey) && known.size < WARM_PARAMS) {
      known.add(paramKey);
      perEstimator.set(est, known);
      params.push({ estimator: est, params: { ...spec.estimator.params } });
    }
    const key = trialKey(spec, settings);
    // A seed equal to a built-in entry would add nothing: that entry runs anyway, in its own place.
    // One seed per estimator: diverse seeds cover more of what may work here (and ensemble better).
    if (builtin.has(key) || seen.has(key) || seen.has(est) || chosen.length >= WARM_SEEDS || c.cost > maxCost)
      continue;
    seen.add(key);
    seen.add(est);
    chosen.push({
      seed: { spec, origin: `${ORIGIN}${c.source}`, fold_seconds: round(c.cost) },
      cost: c.cost,
    });
  }
  // No seed (every best pipeline is a built-in default here, or too costly) still leaves TPE's params,
  // the proposer's history and the report's "learned from".
  const skip = stalledOnTwin(neighbours[0], outcomes, here.budgetSeconds, trialsOf);
  if (leads.length === 0 && chosen.length === 0 && params.length === 0 && skip.length === 0) return null;
  // The chosen seeds cheapest first (their order where several share a place in the portfolio).
  const seeds = [...leads, ...[...chosen].sort((a, b) => a.cost - b.cost).map((c) => c.seed)];
  return {
    version: 1,
    from: neighbours.flatMap((n) =>
      n.runs.map((r) => ({ run_id: r.runId, dataset: n.dataset, distance: round(n.distance) })),
    ),
    seeds,
    params,
    history: neighbours.map(pastDataset),
    ...(skip.length > 0 ? { skip } : {}),
  };
}

/**
 * The estimators whose every baseline trial on the twin ran out of time or failed, in its runs whose
 * time was at least this run's budget (a longer run here may fit what ran out there). Empty without
 * a twin, a time budget or the twin's trials.
 */
function stalledOnTwin(
  twin: Neighbour | undefined,
  outcomes: readonly OutcomeRecord[],
  budgetSeconds: number | undefined,
  trialsOf: TrialsOf | undefined,
): string[] {
  if (twin === undefined || twin.distance > TWIN_DISTANCE || trialsOf === undefined) return [];
  if (budgetSeconds === undefined) return [];
  const stalled = new Set<string>();
  const ran = new Set<string>();
  for (const r of twin.runs) {
    const seconds = outcomes.find((o) => o.runId === r.runId)?.seconds;
    if (seconds === undefined || seconds < budgetSeconds) continue;
    for (const t of trialsOf(r.runId)) {
      const name = (t.spec as { estimator?: { name?: unknown } } | null)?.estimator?.name;
      if (t.phase !== "baseline" || typeof name !== "string") continue;
      (t.status === "ok" || t.status === "recovered" ? ran : stalled).add(name);
    }
  }
  return [...stalled].filter((n) => !ran.has(n)).sort();
}

/** A neighbour as the proposer sees it: its best recipes over all its runs, best first. */
function pastDataset(n: Neighbour): PastDataset {
  const best = new Map<string, PastDataset["best"][number]>();
  for (const p of n.pipelines) {
    const key = recipeKey(p.recipe);
    const b = best.get(key);
    if (b === undefined || p.normalized > b.normalized)
      best.set(key, { recipe: p.recipe, score: p.score, normalized: round(p.normalized) });
  }
  const ranked = [...best.values()].sort((a, b) => b.normalized - a.normalized);
  return {
    dataset: n.dataset,
    distance: round(n.distance),
    metric: n.metric,
    best: ranked.slice(0, HISTORY_PIPELINES),
  };
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** The search's seeds from a stored plan (specs validated again: a plan is read from memory). */
export function seedsOf(plan: WarmStartPlan): WarmSeeds {
  const params = new Map<string, Record<string, unknown>[]>();
  for (const p of plan.params) params.set(p.estimator, [...(params.get(p.estimator) ?? []), p.params]);
  return {
    specs: plan.seeds.map((s) => ({
      spec: parsePipelineSpec(s.spec),
      origin: s.origin,
      ...(s.fold_seconds !== undefined ? { foldSeconds: s.fold_seconds } : {}),
      ...(s.lead === true ? { lead: true } : {}),
      ...(s.trial_seconds !== undefined ? { trialSeconds: s.trial_seconds } : {}),
    })),
    params,
    ...(plan.history !== undefined && plan.history.length > 0 ? { history: plan.history } : {}),
    ...(plan.skip !== undefined && plan.skip.length > 0 ? { skip: new Set(plan.skip) } : {}),
  };
}

/** The report's summary of a plan. */
export function summarizePlan(plan: WarmStartPlan): WarmStartSummary {
  return { from: plan.from.map((f) => ({ ...f })), seeded: plan.seeds.length };
}
