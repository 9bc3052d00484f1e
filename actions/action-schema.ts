/** The data of the action space: an action instance, the run settings, the state actions act on, and their context. */
import { z } from "zod";
import type { ColumnKind } from "../data/frame.js";
import type { PipelineSpec } from "../data/preprocess/index.js";
import type { Task } from "../data/task.js";
import type { MetricName } from "../evaluate/metrics/index.js";

/** One move: an action name from the registry, its value, and (set_hyperparameter only) the parameter. */
export const ActionSchema = z.strictObject({
  action: z.string().min(1).max(100).describe("Name of an action of the action space, e.g. `change_model`"),
  value: z
    .union([z.string().max(500), z.number(), z.boolean(), z.null()])
    .describe("The chosen value, from the action's allowed values"),
  param: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("set_hyperparameter only: the estimator parameter to set"),
});
export type Action = z.infer<typeof ActionSchema>;

/** Run-level choices that are not part of a model (so not in the PipelineSpec): config actions change them. */
export const RunSettingsSchema = z.strictObject({
  cv_folds: z
    .number()
    .int()
    .min(2)
    .max(10)
    .default(5)
    .describe("Cross-validation folds every trial is scored with"),
  ensemble: z
    .boolean()
    .default(true)
    .describe("Whether the run ends by ensembling its best trials (out-of-fold stacking/blending)"),
});
export type RunSettings = z.output<typeof RunSettingsSchema>;

/** What actions act on: the model's spec and the run settings. `executeAction` is the only way it changes. */
export interface ActionState {
  readonly spec: PipelineSpec;
  readonly settings: RunSettings;
}

export const ACTION_CATEGORIES = ["model", "preprocessing", "data", "config"] as const;
/** model: the estimator; preprocessing: transform steps; data: which rows/columns count; config: run settings. */
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

/** A raw column of the data as the action space sees it (kinds as the profile reports them). */
export interface ActionColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Set on the target column when the caller passes it along; such a column is never a value. */
  readonly target?: boolean;
}

/** What decides which actions and values are legal right now. */
export interface ActionContext {
  readonly task: Task;
  /** The run's metric: when it needs probabilities, only estimators with `predictProba` are offered. */
  readonly metric: MetricName;
  /** Raw columns of the data (the target is excluded, flagged, or recognised by `spec.target`). */
  readonly columns: readonly ActionColumn[];
  /** The current spec (its estimator decides hyperparameters and native encoding). */
  readonly spec: PipelineSpec;
}

/** The feature columns of a context: every column but the target. */
export function featureColumns(ctx: ActionContext): ActionColumn[] {
  return ctx.columns.filter((c) => c.target !== true && c.name !== ctx.spec.target);
}
