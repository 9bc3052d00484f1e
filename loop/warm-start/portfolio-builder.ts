/**
 * A portfolio learned from memory: per task family, a few recipes chosen greedily so that, over the
 * past datasets, the best of them scores as close as possible to each dataset's best (scores
 * normalised per dataset, so accuracy, AUC and RMSE datasets weigh alike).
 */
import { z } from "zod";
import type { PipelineSpec } from "../../data/preprocess/index.js";
import { parsePipelineSpec } from "../../data/preprocess/index.js";
import { isBetter } from "../../evaluate/metrics/metric-choice.js";
import type { MetricName } from "../../evaluate/metrics/registry.js";
import type { Memory } from "../../memory/index.js";
import { datasetLabel, taskFamily } from "./nearest.js";
import { normalizeScore } from "./outcome.js";
import { type AdaptTarget, adaptRecipe, type Recipe, RecipeSchema, recipeKey, recipeOf } from "./recipe.js";

export const PortfolioEntrySchema = z.object({
  recipe: RecipeSchema,
  /** What it added to the portfolio's summed normalised score when chosen. */
  gain: z.number(),
  /** Mean normalised score over the datasets it was evaluated on. */
  mean_normalized: z.number(),
  /** Datasets it was evaluated on. */
  datasets: z.number().int().min(0),
});
export type PortfolioEntry = z.infer<typeof PortfolioEntrySchema>;

export const PortfolioFileSchema = z.object({
  version: z.literal(1),
  built_at: z.string(),
  source: z.object({
    runs: z.number().int().min(0),
    datasets: z.array(
      z.object({ dataset: z.string(), task: z.string(), metric: z.string(), runs: z.number().int() }),
    ),
  }),
  portfolios: z.object({
    classification: z.array(PortfolioEntrySchema),
    regression: z.array(PortfolioEntrySchema),
  }),
});
export type PortfolioFile = z.infer<typeof PortfolioFileSchema>;

export interface BuildPortfolioOptions {
  /** Recipes per task family at most (default 5). */
  size?: number;
  /** ISO time written into the file (default now). */
  builtAt?: string;
}

interface DatasetScores {
  label: string;
  task: string;
  metric: MetricName;
  family: "classification" | "regression";
  runs: number;
  all: number[];
  best: Map<string, number>;
}

/** Greedy selection of `size` recipes maximising Σ over datasets of the best normalised score among those chosen. */
function greedy(
  datasets: readonly DatasetScores[],
  recipes: ReadonlyMap<string, Recipe>,
  size: number,
): PortfolioEntry[] {
  const norm = new Map<string, number[]>();
  for (const key of recipes.keys()) {
    norm.set(
      key,
      datasets.map((d) => {
        const s = d.best.get(key);
        return s === undefined ? Number.NaN : normalizeScore(s, d.all, d.metric);
      }),
    );
  }
  const current = datasets.map(() => 0);
  const chosen: PortfolioEntry[] = [];
  const keys = [...recipes.keys()].sort();
  while (chosen.length < size) {
    let bestKey: string | null = null;
    let bestGain = 1e-9;
    let bestSeen = 0;
    for (const key of keys) {
      if (chosen.some((c) => recipeKey(c.recipe) === key)) continue;
      const n = norm.get(key) as number[];
      let gain = 0;
      let seen = 0;
      n.forEach((v, i) => {
        if (Number.isNaN(v)) return;
        seen++;
        gain += Math.max(0, v - (current[i] as number));
      });
      // Ties: the recipe evaluated on more datasets (its score is better supported).
      if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && seen > bestSeen)) {
        bestKey = key;
        bestGain = gain;
        bestSeen = seen;
      }
    }
    if (bestKey === null) break;
    const n = norm.get(bestKey) as number[];
    n.forEach((v, i) => {
      if (!Number.isNaN(v)) current[i] = Math.max(current[i] as number, v);
    });
    const finite = n.filter((v) => !Number.isNaN(v));
    chosen.push({
      recipe: recipes.get(bestKey) as Recipe,
      gain: bestGain,
      mean_normalized: finite.reduce((s, v) => s + v, 0) / Math.max(1, finite.length),
      datasets: finite.length,
    });
  }
  return chosen;
}

/** Builds the portfolio from every finished run with an outcome in memory (all their ok trials count). */
export function buildPortfolio(memory: Memory, options: BuildPortfolioOptions = {}): PortfolioFile {
  const size = options.size ?? 5;
  const byDataset = new Map<string, DatasetScores>();
  const recipes = { classification: new Map<string, Recipe>(), regression: new Map<string, Recipe>() };
  const outcomes = memory.warmStarts.listOutcomes();
  for (const o of outcomes) {
    const family = taskFamily(o.task);
    if (family === null) continue;
    const key = `${o.fingerprint}\u0000${o.target}\u0000${o.metric}`;
    let d = byDataset.get(key);
    if (d === undefined) {
      d = {
        label: datasetLabel(o.dataset),
        task: o.task,
        metric: o.metric as MetricName,
        family,
        runs: 0,
        all: [],
        best: new Map(),
      };
      byDataset.set(key, d);
    }
    d.runs++;
    for (const t of memory.runs.listTrials(o.runId)) {
      const ok = t.status === "ok" || t.status === "recovered";
      if (!ok || t.score === null || !Number.isFinite(t.score) || (t.resource ?? 1) < 1) continue;
      let spec: PipelineSpec;
      try {
        spec = parsePipelineSpec(t.spec);
      } catch {
        continue;
      }
      const recipe = recipeOf(spec);
      const rk = recipeKey(recipe);
      recipes[family].set(rk, recipe);
      d.all.push(t.score);
      const prev = d.best.get(rk);
      if (prev === undefined || isBetter(d.metric, t.score, prev)) d.best.set(rk, t.score);
    }
  }
  const all = [...byDataset.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const family = (f: "classification" | "regression") =>
    greedy(
      all.filter((d) => d.family === f),
      recipes[f],
      size,
    );
  return {
    version: 1,
    built_at: options.builtAt ?? new Date().toISOString(),
    source: {
      runs: outcomes.length,
      datasets: all.map((d) => ({ dataset: d.label, task: d.task, metric: d.metric, runs: d.runs })),
    },
    portfolios: { classification: family("classification"), regression: family("regression") },
  };
}

/** A portfolio's recipes of this data's task family, rebuilt on its columns (those it refuses are left out). */
export function portfolioSpecs(file: PortfolioFile, target: AdaptTarget): PipelineSpec[] {
  const family = taskFamily(target.task);
  if (family === null) return [];
  return file.portfolios[family].flatMap((e) => {
    const spec = adaptRecipe(e.recipe, target);
    return spec === null ? [] : [spec];
  });
}
