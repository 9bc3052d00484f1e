/** profile: a table (file path or inline rows) → its Profile and the profiler agent's reading of it. */
import { z } from "zod";
import { ProfilerOutputSchema, profilerAgent } from "../agents/index.js";
import { AlchemistError } from "../core/errors.js";
import { parseJsonText, profileFile } from "../data/index.js";
import { profileFrame } from "../data/profile/index.js";
import { TaskSchema } from "../data/task.js";
import { resolveInRoots } from "./roots.js";
import { defineTool } from "./tool-definition.js";

/** Inline tables are for small samples; larger data belongs in a file. */
const MAX_INLINE_ROWS = 10_000;

const ProfileInputSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .optional()
    .describe("Table to profile (CSV, TSV, JSON, JSONL, Parquet, Arrow), inside the allowed roots"),
  rows: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
    .min(1)
    .max(MAX_INLINE_ROWS)
    .optional()
    .describe("Inline rows (objects of column → value) instead of a path"),
  target: z.string().min(1).optional().describe("Column to predict (omit for clustering)"),
  task: TaskSchema.optional().describe("Task; detected when omitted"),
  time_column: z.string().min(1).optional().describe("Datetime column that orders a forecast"),
  reading: z
    .boolean()
    .default(true)
    .describe("Also ask the profiler agent for its reading (task, issues, columns to drop, preprocessing)"),
  llm: z.string().min(1).optional().describe("`provider/model` of the agent; the server's default otherwise"),
});

const ProfileOutputSchema = z.object({
  profile: z
    .record(z.string(), z.unknown())
    .describe("Column types and statistics, task, target, leakage, quality"),
  source: z.record(z.string(), z.unknown()).describe("Format, bytes, delimiter and encoding read"),
  reading: ProfilerOutputSchema.nullable().describe("The profiler agent's reading; null when not asked"),
  reading_tier: z
    .enum(["structured", "json", "heuristic"])
    .nullable()
    .describe("Which tier of the agent answered"),
});

export const profileTool = defineTool({
  name: "profile",
  title: "Profile a table",
  description:
    "Reads a table (a file path inside the allowed roots, or inline rows) and returns its profile — column types and statistics, the detected task, target analysis, leakage suspects, a quality score and every coercion the reader made — plus the profiler agent's reading: the task, quality issues, columns to drop and preprocessing to apply. Call it first on new data.",
  input: ProfileInputSchema,
  output: ProfileOutputSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(input, { services, signal }) {
    if ((input.path === undefined) === (input.rows === undefined)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        "Give exactly one of 'path' (a file) or 'rows' (inline rows).",
        {
          parameter: input.path === undefined ? "path" : "rows",
        },
      );
    }
    const options = {
      ...(input.target !== undefined ? { target: input.target } : {}),
      ...(input.task !== undefined ? { task: input.task } : {}),
      ...(input.time_column !== undefined ? { timeColumn: input.time_column } : {}),
    };
    let profiled: { profile: import("../data/profile/index.js").Profile; source: object };
    if (input.path !== undefined) {
      profiled = await profileFile(resolveInRoots(input.path, services.roots, "path"), options);
    } else {
      const read = parseJsonText(JSON.stringify(input.rows), { lines: false });
      profiled = {
        profile: profileFrame(read.frame, { ...options, coercions: read.coercions }),
        source: { format: "json", bytes: read.source.bytes, inline: true },
      };
    }
    let reading = null;
    let tier = null;
    if (input.reading) {
      const r = await profilerAgent.analyze(
        { profile: profiled.profile },
        { gateway: services.gateway(input.llm), signal },
      );
      reading = r.value;
      tier = r.tier;
    }
    return {
      profile: profiled.profile as unknown as Record<string, unknown>,
      source: { ...profiled.source },
      reading,
      reading_tier: tier,
    };
  },
});
