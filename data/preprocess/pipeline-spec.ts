/** PipelineSpec: everything that defines a model, as data (steps, estimator, seed). */
import { z } from "zod";
import type { AlchemistError } from "../../core/errors.js";
import { isClassification, SUPERVISED_TASKS, TaskSchema } from "../task.js";
import { specErrorFromZod } from "./spec-error.js";
import { StepSchema } from "./step-schema.js";

/** The estimator reference; its params are validated by the model registry, not here. */
export const EstimatorRefSchema = z.strictObject({
  name: z.string().min(1).max(100).describe("Estimator name in the model registry, e.g. `gbdt`"),
  params: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("Estimator parameters; omitted ones take the registry's defaults"),
});
export type EstimatorRef = z.infer<typeof EstimatorRefSchema>;

export const PipelineSpecSchema = z
  .strictObject({
    version: z.literal(1).describe("Spec format version"),
    task: TaskSchema,
    target: z
      .string()
      .max(500)
      .describe("Target column; never a feature ('' for clustering or anomaly detection without a label)"),
    steps: z
      .array(StepSchema)
      .max(100)
      .default([])
      .describe("Preprocessing steps, applied in this order (rebalance always acts last, on training rows)"),
    estimator: EstimatorRefSchema,
    seed: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .default(0)
      .describe("Pipeline seed: folds, resampling and estimator randomness derive from it"),
  })
  .superRefine((spec, ctx) => {
    if (spec.target === "" && SUPERVISED_TASKS.includes(spec.task))
      ctx.addIssue({ code: "custom", path: ["target"], message: `a ${spec.task} task needs a target column` });
    let rebalances = 0;
    spec.steps.forEach((step, i) => {
      const supervised = SUPERVISED_TASKS.includes(spec.task);
      if (step.type === "rebalance") {
        rebalances++;
        if (rebalances > 1)
          ctx.addIssue({ code: "custom", path: ["steps", i], message: "only one rebalance step is allowed" });
        if (!isClassification(spec.task)) {
          ctx.addIssue({
            code: "custom",
            path: ["steps", i],
            message: `rebalance needs a classification task, not '${spec.task}'`,
          });
        }
      }
      if (step.type === "encode" && step.method === "target" && !supervised) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "method"],
          message: `target encoding needs a supervised task, not '${spec.task}'`,
        });
      }
    });
  });

export type PipelineSpec = z.output<typeof PipelineSpecSchema>;
export type PipelineSpecInput = z.input<typeof PipelineSpecSchema>;

/** Validates a spec and fills defaults; throws INVALID_SPEC naming the parameter path. */
export function parsePipelineSpec(input: unknown): PipelineSpec {
  const r = PipelineSpecSchema.safeParse(input);
  if (!r.success) throw specErrorFromZod(r.error, "");
  return r.data;
}

/** Non-throwing variant for boundaries (tool input, stored rows). */
export function safeParsePipelineSpec(
  input: unknown,
): { ok: true; spec: PipelineSpec } | { ok: false; error: AlchemistError } {
  const r = PipelineSpecSchema.safeParse(input);
  return r.success ? { ok: true, spec: r.data } : { ok: false, error: specErrorFromZod(r.error, "") };
}
