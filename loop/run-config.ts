/** RunConfig: every option of a run, as data. Stored with the run so `resume` rebuilds it exactly. */
import { z } from "zod";
import { TaskSchema } from "../data/task.js";
import { MetricNameSchema } from "../evaluate/metrics/registry.js";

export const RunConfigSchema = z.strictObject({
  train: z.string().min(1).describe("Training table (CSV, TSV, JSON, JSONL, Parquet, Arrow)"),
  target: z.string().min(1).optional().describe("Column to predict; inferred by the profile when omitted"),
  test: z
    .string()
    .min(1)
    .optional()
    .describe("Sealed test table: scored once, after the search, never seen by the search"),
  task: TaskSchema.optional().describe("Task; detected by the profile when omitted"),
  time: z
    .string()
    .min(1)
    .optional()
    .describe("Forecast: the column that orders the series (a date column by default)"),
  horizon: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe("Forecast: steps to forecast after the series (default: the test table's rows)"),
  evalLabel: z
    .string()
    .min(1)
    .optional()
    .describe("Clustering/anomaly: a label column that is never a feature, only scores the result"),
  metric: MetricNameSchema.optional().describe("Target metric; the task's default when omitted"),
  goal: z.number().optional().describe("Stop as soon as the best CV score reaches this value"),
  budgetSeconds: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .optional()
    .describe("Hard wall-clock budget of the whole run (search, refit and test scoring)"),
  trials: z.number().int().min(1).max(100_000).optional().describe("Trial budget"),
  seed: z.number().int().min(0).max(2_147_483_647).default(0).describe("Seed of folds, samplers and fits"),
  llm: z.string().min(1).default("none").describe("`provider/model` of the agents, or `none` for heuristics"),
  moneyBudgetUsd: z.number().min(0).optional().describe("LLM spend cap of the run in US dollars"),
  out: z.string().min(1).optional().describe("Folder for the report, leaderboard and fitted pipeline"),
  predictions: z.string().min(1).optional().describe("CSV of test predictions, one row per test row"),
  plateauTrials: z
    .number()
    .int()
    .min(2)
    .max(10_000)
    .default(40)
    .describe("Stop when the best CV score has not improved by more than plateauEpsilon in this many trials"),
  plateauEpsilon: z.number().min(0).default(1e-4).describe("Smallest CV gain that counts as progress"),
  workers: z.number().int().min(1).max(256).optional().describe("Worker threads (default: CPU count)"),
  warmStart: z
    .boolean()
    .default(true)
    .describe("Seed the search with the best pipelines of the nearest past datasets in memory"),
  portfolio: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A learned portfolio the baseline runs first (classification, regression): a file written by `alchemist portfolio build`, or `default` for the shipped one",
    ),
});
export type RunConfig = z.output<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;

/** Why a run stopped searching. */
export const STOP_REASONS = [
  "goal_reached",
  "plateau",
  "trial_budget",
  "time_budget",
  "money_budget",
  "search_exhausted",
  "cancelled",
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const PHASES = ["baseline", "explore", "exploit", "ensemble", "refit", "test"] as const;
export type Phase = (typeof PHASES)[number];
