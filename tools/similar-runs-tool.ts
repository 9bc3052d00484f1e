/**
 * similar_runs: what memory knows about a table before any run on it — the nearest past datasets
 * (by meta-features; distance 0 is the same table), what won there, and what a warm-started run
 * would seed its baseline and tuner with. Reads only: meta-features it computes are not stored.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { parseRunConfig } from "../loop/index.js";
import {
  datasetMetaFeatures,
  META_FEATURES_VERSION,
  PastDatasetSchema,
  planFromMemory,
  TWIN_DISTANCE,
  taskFamily,
  warmStartNote,
} from "../loop/warm-start/index.js";
import { fingerprintFile } from "../memory/index.js";
import { resolveInRoots } from "./roots.js";
import { DataSourceSchema } from "./run-views.js";
import { defineTool, READ_ONLY } from "./tool-definition.js";

const SimilarRunsInputSchema = z.strictObject({
  data: DataSourceSchema.describe(
    "The table to look up (train, target, task, metric, seed); no run is created",
  ),
  budget_seconds: z
    .number()
    .positive()
    .max(86_400)
    .optional()
    .describe(
      "The time budget a run would have: seeds expected to take over a tenth of it are left to the tuner, as in the run (default: no budget)",
    ),
});

const SimilarRunsOutputSchema = z.object({
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

export const similarRunsTool = defineTool({
  name: "similar_runs",
  title: "Past runs on similar data",
  description:
    "Looks a table up in the memory of past runs without starting one: its nearest past datasets by meta-features (rows, columns, type mix, missing rate, class balance or target shape, landmark scores; distance 0 = the same table), the best pipelines and scores there, and what a warm-started start_run would seed its baseline and tuner with. Use it to reason from history before choosing what to train, or to tell a user what earlier runs found.",
  input: SimilarRunsInputSchema,
  output: SimilarRunsOutputSchema,
  annotations: READ_ONLY,
  async handler(input, { services, progress }) {
    const d = input.data;
    const config = parseRunConfig({
      train: resolve(resolveInRoots(d.train, services.roots, "data.train")),
      ...(d.target !== undefined ? { target: d.target } : {}),
      ...(d.task !== undefined ? { task: d.task } : {}),
      ...(d.metric !== undefined ? { metric: d.metric } : {}),
      ...(d.seed !== undefined ? { seed: d.seed } : {}),
    });
    progress(0, 2, "reading and profiling the data");
    const { data } = await services.data.load(config);
    const fingerprint = await fingerprintFile(config.train);
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
    const memory = services.memory;
    const known = memory.warmStarts
      .listOutcomes({ metaVersion: META_FEATURES_VERSION })
      .filter((o) => taskFamily(o.task) === family);
    const counts = { runs: known.length, datasets: new Set(known.map((o) => o.fingerprint)).size };
    progress(1, 2, "computing meta-features and the nearest past datasets");
    const features = datasetMetaFeatures(memory, fingerprint, data, config.seed, false);
    const plan = planFromMemory(memory, features, data, {
      seed: config.seed,
      budgetSeconds: input.budget_seconds,
    });
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
      note: warmStartNote(plan).replace(/^Warm start: learned/, "A warm-started run would learn"),
    };
  },
});
