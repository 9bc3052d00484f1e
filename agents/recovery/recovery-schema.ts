/** The recovery agent's output: root cause, category, whether an action can heal it, and up to 3 alternative fixes. */
import { z } from "zod";
import { ACTION_SPACE, actionSchema } from "../../actions/index.js";
import { closestNames } from "../../data/did-you-mean.js";
import { FAILURE_CATEGORIES } from "./error-context.js";

/** An unknown action name fails the union before `validate` can help: say what exists, with did-you-mean. */
function unknownAction(issue: { code?: string; note?: string; input?: unknown }): string | undefined {
  if (issue.code !== "invalid_union" || issue.note !== "No matching discriminator") return undefined;
  const raw = (issue.input as { action?: unknown } | undefined)?.action;
  // The model's own words, echoed: capped and with `<` escaped, so they cannot pose as a tag.
  const name = (typeof raw === "string" ? raw : String(JSON.stringify(raw)))
    .slice(0, 100)
    .replaceAll("<", "\\u003c");
  const hints = typeof raw === "string" ? closestNames(raw, ACTION_SPACE.names) : [];
  const dym = hints.length > 0 ? ` Did you mean ${hints.map((h) => `'${h}'`).join(" or ")}?` : "";
  return `Unknown action '${name}'.${dym} Actions: ${ACTION_SPACE.names.join(", ")}.`;
}

const actions = actionSchema();

/** One fix: an action of ACTION_SPACE with its value (and `param` for set_hyperparameter). */
export const RecoveryFixSchema = z
  .discriminatedUnion("action", actions.options as [z.ZodObject, ...z.ZodObject[]], { error: unknownAction })
  .describe("One action of the action space and its value, applied alone to the failing pipeline");

export const RecoveryOutputSchema = z.strictObject({
  root_cause: z
    .string()
    .min(1)
    .max(1000)
    .describe("The root cause in plain words, naming the column or parameter involved where known"),
  category: z
    .enum(FAILURE_CATEGORIES)
    .describe(
      "data: feature values; target: the target column; model: the estimator's fit; resources: memory, time or worker; split: cross-validation folds; config: parameters, steps or settings that do not fit",
    ),
  recoverable: z
    .boolean()
    .describe(
      "False only when the cause lies in the data itself and no action of the menu can remove it (e.g. a single-class target)",
    ),
  fixes: z
    .array(RecoveryFixSchema)
    .max(3)
    .describe(
      "Up to 3 alternative fixes, best first; each is ONE action applied alone to the failing pipeline",
    ),
  rationale: z
    .string()
    .min(1)
    .max(2000)
    .describe("Why the fixes remove the cause, citing the error and the data"),
});
export type RecoveryOutput = z.output<typeof RecoveryOutputSchema>;
