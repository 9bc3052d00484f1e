/** list_actions and list_models: the action space and the estimator registry, as a model reads them. */
import { z } from "zod";
import { ACTION_SPACE, actionContext, allowedValues, applicableActions } from "../actions/index.js";
import type { MetricName } from "../evaluate/metrics/registry.js";
import { TaskSchema } from "../data/task.js";
import { estimatorsFor, MODEL_REGISTRY } from "../trainers/registry.js";
import { searchSpace } from "../trainers/param.js";
import { incumbentOf, profileOfRun, RunRefSchema, trialsOfRun } from "./run-views.js";
import { defineTool, READ_ONLY } from "./tool-definition.js";

const ListActionsOutputSchema = z.object({
  actions: z.array(
    z.object({
      name: z.string(),
      category: z.string().describe("model, preprocessing, data or config"),
      description: z.string(),
      allowed: z.unknown().describe("The allowed values on the run's best trial (only with a run)"),
    }),
  ),
});

export const listActionsTool = defineTool({
  name: "list_actions",
  title: "List the actions",
  description:
    "Lists the action space: every move propose_action and train accept (change the model, set a hyperparameter, preprocessing steps, data and config settings). With a run, only the actions that apply to its best trial, with their allowed values there.",
  input: z.strictObject({ run: RunRefSchema.optional() }),
  output: ListActionsOutputSchema,
  annotations: READ_ONLY,
  async handler(input, { services }) {
    if (input.run === undefined) {
      return {
        actions: ACTION_SPACE.definitions.map((d) => ({
          name: d.name,
          category: d.category,
          description: d.description,
          allowed: null,
        })),
      };
    }
    const store = services.memory.runs;
    const run = store.getRun(input.run);
    const best = incumbentOf(run, trialsOfRun(store, run.id));
    const ctx = actionContext(profileOfRun(run), best.spec, run.metric as MetricName);
    return {
      actions: applicableActions(ctx).map((d) => ({
        name: d.name,
        category: d.category,
        description: d.description,
        allowed: JSON.parse(JSON.stringify(allowedValues(d, ctx))) as unknown,
      })),
    };
  },
});

const ListModelsOutputSchema = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      family: z.string(),
      tasks: z.array(z.string()),
      description: z.string(),
      tags: z.record(z.string(), z.boolean()),
      params: z
        .array(z.record(z.string(), z.unknown()))
        .describe("Tunable parameters: bounds, scale and default"),
    }),
  ),
});

export const listModelsTool = defineTool({
  name: "list_models",
  title: "List the models",
  description:
    "Lists the native estimators (optionally those serving one task) with their family, tags (handles missing values, categoricals, needs scaling, probabilities) and tunable parameters with bounds and defaults.",
  input: z.strictObject({ task: TaskSchema.optional().describe("Only estimators serving this task") }),
  output: ListModelsOutputSchema,
  annotations: READ_ONLY,
  async handler(input) {
    const specs = input.task !== undefined ? estimatorsFor(input.task) : [...MODEL_REGISTRY.values()];
    return {
      models: specs.map((s) => ({
        name: s.name,
        family: s.family,
        tasks: [...s.tasks],
        description: s.description,
        tags: { ...s.tags } as unknown as Record<string, boolean>,
        params: searchSpace(s.params).map((d) => ({ ...d })),
      })),
    };
  },
});
