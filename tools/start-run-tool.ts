/** start_run: the whole loop as a job in a worker thread; returns the run id at once (watch it with run_status). */
import { z } from "zod";
import { RunConfigSchema } from "../loop/index.js";
import { SHIPPED_PORTFOLIO } from "../loop/warm-start/index.js";
import { resolveInRoots } from "./roots.js";
import { defineTool } from "./tool-definition.js";

/** Without a trial or time budget a run still ends: the CLI's default minute. */
const DEFAULT_BUDGET_SECONDS = 60;

const StartRunInputSchema = RunConfigSchema.pick({
  train: true,
  target: true,
  test: true,
  task: true,
  metric: true,
  goal: true,
  budgetSeconds: true,
  trials: true,
  seed: true,
  moneyBudgetUsd: true,
  warmStart: true,
  portfolio: true,
}).extend({
  llm: z
    .string()
    .min(1)
    .optional()
    .describe("`provider/model` of the agents; the server's default otherwise"),
});

const StartRunOutputSchema = z.object({
  run_id: z.string().describe("Poll run_status with it; cancel_run stops it"),
  status: z.literal("running"),
});

export const startRunTool = defineTool({
  name: "start_run",
  title: "Start an AutoML run",
  description:
    "Starts the whole loop on a table as a background job — profile, baseline portfolio, explore (agent-proposed moves), tune, ensemble, refit and one sealed test score — and returns its run id at once. Poll run_status for progress, the best score so far and recent decisions; cancel_run stops it; evaluate and export read it when finished. Give a time budget (budgetSeconds, default 60) or a trial budget.",
  input: StartRunInputSchema,
  output: StartRunOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { services }) {
    const { llm, ...rest } = input;
    const runId = services.jobs.start({
      ...rest,
      train: resolveInRoots(input.train, services.roots, "train"),
      ...(input.test !== undefined ? { test: resolveInRoots(input.test, services.roots, "test") } : {}),
      ...(input.portfolio !== undefined && input.portfolio !== SHIPPED_PORTFOLIO
        ? { portfolio: resolveInRoots(input.portfolio, services.roots, "portfolio") }
        : {}),
      ...(input.budgetSeconds === undefined && input.trials === undefined
        ? { budgetSeconds: DEFAULT_BUDGET_SECONDS }
        : {}),
      llm: llm ?? services.llm,
    });
    return { run_id: runId, status: "running" as const };
  },
});
