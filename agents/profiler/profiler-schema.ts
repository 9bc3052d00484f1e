/** The profiler agent's contract: a Profile in, a reading of it out (task, issues, drops, preprocessing). */
import { z } from "zod";
import { STEP_TYPES } from "../../data/preprocess/step-schema.js";
import type { Profile } from "../../data/profile/profile-schema.js";
import { TaskSchema } from "../../data/task.js";

export const SeveritySchema = z
  .enum(["low", "medium", "high"])
  .describe("low: worth knowing; medium: hurts the model unless handled; high: must be handled first");
export type Severity = z.infer<typeof SeveritySchema>;

const ColumnName = z.string().min(1).max(500);
const Text = (max: number, what: string) => z.string().min(1).max(max).describe(what);

export const ProfilerTaskSchema = z
  .object({
    task: TaskSchema,
    status: z
      .enum(["confirmed", "suggested"])
      .describe("confirmed: the profile's detected task is right; suggested: a different task fits better"),
    reason: Text(1000, "Why, in plain words, citing the profile"),
  })
  .describe("The learning task");

export const ProfilerQualityIssueSchema = z.object({
  column: ColumnName.optional().describe("The column concerned; absent for table-level issues"),
  issue: Text(500, "The problem, with the numbers that show it"),
  severity: SeveritySchema,
  action: Text(500, "What to do about it, in plain words"),
});
export type ProfilerQualityIssue = z.infer<typeof ProfilerQualityIssueSchema>;

export const DropColumnSchema = z.object({
  column: ColumnName.describe("A feature column to drop before training"),
  reason: Text(500, "Why it is useless or harmful"),
});
export type DropColumn = z.infer<typeof DropColumnSchema>;

export const PreprocessingSuggestionSchema = z.object({
  column: ColumnName.optional().describe(
    "The column concerned; absent when the step applies to many columns",
  ),
  suggestion: Text(500, "The step in plain words, with its settings (strategy, method)"),
  step: z.enum(STEP_TYPES).describe("The PipelineSpec step type that implements it"),
});
export type PreprocessingSuggestion = z.infer<typeof PreprocessingSuggestionSchema>;

export const ProfilerOutputSchema = z
  .object({
    task: ProfilerTaskSchema,
    qualityIssues: z.array(ProfilerQualityIssueSchema).max(200).describe("Problems in the data, worst first"),
    dropColumns: z.array(DropColumnSchema).max(500).describe("Feature columns to drop, with why"),
    preprocessing: z
      .array(PreprocessingSuggestionSchema)
      .max(200)
      .describe("Preprocessing steps to put in the pipeline, in the order to apply them"),
    summary: Text(2000, "Three or four sentences on the data and the plan"),
  })
  .describe("The profiler's reading of a dataset profile");
export type ProfilerOutput = z.infer<typeof ProfilerOutputSchema>;

export interface ProfilerInput {
  profile: Profile;
  /** Dataset name, shown to the model as data. */
  dataset?: string;
}
