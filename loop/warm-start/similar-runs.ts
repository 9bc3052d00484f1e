/**
 * What memory knows about a table before any run on it: the nearest past datasets by meta-features
 * (distance 0: the same table), what won there, and what a warm-started run would seed its baseline
 * and tuner with — the plan a run's start makes (`planFromMemory`), without starting one. Reads
 * only: meta-features it computes are not stored. The `similar_runs` tool and `alchemist similar`.
 */
import { z } from "zod";
import type { Memory } from "../../memory/index.js";
import type { RunData } from "../run-data.js";
import { META_FEATURES_VERSION } from "./meta-features.js";
import { taskFamily } from "./nearest.js";
import { PastDatasetSchema, TWIN_DISTANCE } from "./plan.js";
import { datasetMetaFeatures, planFromMemory, warmStartNote } from "./run-hooks.js";

export const SimilarRunsSchema = z.object({
  task: z.string(),
  metric: z.string(),
  fingerprint: z
    .string()
    .describe("Content hash of the training file (the same file always has the same one)"),
  memory: z
    .object({
      runs: z
        .number()
        .int()
        .describe("Finished runs of this task family (classification or regression) in memory"),
      datasets: z.number().int().describe("Distinct training files among them"),
    })
    .describe("What memory holds to learn from"),
  neighbours: z
    .array(
      PastDatasetSchema.extend({
        same_table: z.boolean().describe(`Distance ≤ ${TWIN_DISTANCE}: this table, or another export of it`),
        runs: z.array(z.string()).describe("Its runs a warm start learns from"),
      }),
    )
    .describe("The nearest past datasets, nearest first, with their best pipelines"),
  seeds: z
    .array(
      z.object({
        estimator: z.string(),
        params: z.record(z.string(), z.unknown()),
        origin: z.string().describe("`warm start: <past dataset>`, `(same data)` when learned on this table"),
        lead: z.boolean().describe("Learned on this same table: runs before the built-in portfolio"),
      }),
    )
    .describe("Pipelines a warm-started run would add to its baseline portfolio, in order"),
  tuner_params: z
    .array(z.object({ estimator: z.string(), params: z.record(z.string(), z.unknown()) }))
    .describe("Param sets that would seed the tuner's first trials, per estimator"),
  skip: z
    .array(z.string())
    .describe("Built-in estimators a run would pass over: they only ran out of time or failed on this table"),
  note: z
    .string()
    .describe("One sentence: what a run started now would learn from, or why it would start cold"),
});
export type SimilarRuns = z.infer<typeof SimilarRunsSchema>;

export function similarRuns(
  memory: Memory,
  data: RunData,
  fingerprint: string,
  options: { seed: number; budgetSeconds?: number | undefined },
): SimilarRuns {
  const base = { task: data.task, metric: data.metric, fingerprint };
  const empty = { neighbours: [], seeds: [], tuner_params: [], skip: [] };
  const family = taskFamily(data.task);
  if (family === null) {
    return {
      ...base,
      memory: { runs: 0, datasets: 0 },
      ...empty,
      note: `Warm starts serve classification and regression; a ${data.task} run starts from its own search.`,
    };
  }
  const known = memory.warmStarts
    .listOutcomes({ metaVersion: META_FEATURES_VERSION })
    .filter((o) => taskFamily(o.task) === family);
  const counts = { runs: known.length, datasets: new Set(known.map((o) => o.fingerprint)).size };
  const features = datasetMetaFeatures(memory, fingerprint, data, options.seed, false);
  const plan = planFromMemory(memory, features, data, options);
  if (plan === null) {
    return {
      ...base,
      memory: counts,
      ...empty,
      note:
        counts.runs === 0
          ? `Memory holds no finished ${family} run: a run would start cold.`
          : `None of the ${counts.runs} past ${family} runs has a pipeline that can be rebuilt on this table: a run would start cold.`,
    };
  }
  const runsOf = new Map<string, string[]>();
  for (const f of plan.from) runsOf.set(f.dataset, [...(runsOf.get(f.dataset) ?? []), f.run_id]);
  return {
    ...base,
    memory: counts,
    neighbours: (plan.history ?? []).map((h) => ({
      ...h,
      same_table: h.distance <= TWIN_DISTANCE,
      runs: runsOf.get(h.dataset) ?? [],
    })),
    seeds: plan.seeds.map((s) => {
      const spec = s.spec as { estimator: { name: string; params: Record<string, unknown> } };
      return {
        estimator: spec.estimator.name,
        params: spec.estimator.params,
        origin: s.origin,
        lead: s.lead === true,
      };
    }),
    tuner_params: plan.params,
    skip: plan.skip ?? [],
    note: warmStartNote(plan, "A warm-started run would learn"),
  };
}
