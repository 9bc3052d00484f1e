/** similar_runs: what memory knows about a table before any run on it (loop/warm-start/similar-runs.ts). */
import { resolve } from "node:path";
import { z } from "zod";
import { parseRunConfig } from "../loop/index.js";
import { SimilarRunsSchema, similarRuns } from "../loop/warm-start/index.js";
import { fingerprintFile } from "../memory/index.js";
import { resolveInRoots } from "./roots.js";
import { DataSourceSchema } from "./run-views.js";
import { defineTool, READ_ONLY } from "./tool-definition.js";

const SimilarRunsInputSchema = z.strictObject({
  // No `test`: a lookup scores nothing, and a sealed table it silently ignored would mislead.
  data: DataSourceSchema.omit({ test: true }).describe(
    "The table to look up (train, target, task, metric, seed); no run is created",
  ),
  budget_seconds: z
    .number()
    .positive()
    .max(86_400)
    .default(60)
    .describe(
      "The time budget a run would have (start_run's default: 60): seeds expected to take over a tenth of it are left to the tuner, as in the run",
    ),
});

export const similarRunsTool = defineTool({
  name: "similar_runs",
  title: "Past runs on similar data",
  description:
    "Looks a table up in the memory of past runs without starting one: its nearest past datasets by meta-features (rows, columns, type mix, missing rate, class balance or target shape, landmark scores; distance 0 = the same table), the best pipelines and scores there, and what a warm-started start_run would seed its baseline and tuner with. Use it to reason from history before choosing what to train, or to tell a user what earlier runs found.",
  input: SimilarRunsInputSchema,
  output: SimilarRunsSchema,
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
    progress(1, 2, "computing meta-features and the nearest past datasets");
    return similarRuns(services.memory, data, fingerprint, {
      seed: config.seed,
      budgetSeconds: input.budget_seconds,
    });
  },
});
