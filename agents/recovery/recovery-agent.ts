/** The recovery agent: diagnoses a failed fit and proposes up to 3 alternative ACTION_SPACE fixes of the failing pipeline. */
import { ACTION_SPACE, allowedValues, renderActionSpacePrompt } from "../../actions/index.js";
import { METRICS } from "../../evaluate/metrics/registry.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { dataBlock } from "../contract/agent-prompt.js";
import { defineAgent } from "../contract/define-agent.js";
import { changedParams } from "../proposer/proposer-input.js";
import { actionContextOf, type ColumnFact, type ErrorContext, ErrorContextSchema } from "./error-context.js";
import { namedColumn } from "./failure-pattern.js";
import { categoryOf, matchPatterns } from "./failure-patterns.js";
import { failedEstimators } from "./fix-check.js";
import { checkRecovery } from "./recovery-checks.js";
import { recoveryHeuristic } from "./recovery-heuristic.js";
import { RecoveryOutputSchema } from "./recovery-schema.js";

/** Columns shown to the model; the ones the error names or that hold suspect values come first. */
const MAX_COLUMNS = 60;
const MAX_EARLIER_ERRORS = 10;

const SYSTEM_PROMPT = `You are the recovery agent of Alchemist, an AutoML system. Fitting a pipeline (preprocessing steps + an estimator, cross-validated) crashed; you find the root cause and propose how to heal it.
Rules:
- Read the error code and message first, then the pipeline and the data facts. The known_signatures block holds what Alchemist's failure library matched: usually right, sometimes generic.
- root_cause: the cause in plain words, naming the column or parameter involved where the error or the data show it.
- category: data (feature values), target (the target column), model (the estimator's fit), resources (memory, time, worker), split (cross-validation folds), config (parameters, steps or settings that do not fit).
- fixes: up to 3 alternatives, best first. Each is ONE action from the menu, with one of the values listed for it, applied alone to the failing pipeline; the loop retries with the first. Prefer the smallest change that removes the cause (impute before switching model, fewer trees before dropping features); switch model when the estimator itself cannot cope.
- Never repeat a fix listed as already tried, and never switch to an estimator that already failed in this run.
- recoverable: false only when the cause lies in the data itself and no action of the menu can remove it (e.g. a target with a single class, a missing target); fixes may then be empty. Otherwise true, with at least one fix.
- rationale: why the fixes remove the cause, citing the error and the data facts.`;

function suspicion(c: ColumnFact): number {
  return (c.infinite ?? 0) > 0 || (c.negatives ?? 0) > 0 || c.missing > 0 || c.constant === true ? 1 : 0;
}

/** The named column first, then columns with suspect values, then the rest, in data order. */
function columnsForPrompt(ctx: ErrorContext): ColumnFact[] {
  const named = namedColumn(ctx)?.name;
  const ranked = ctx.data.columns
    .map((c, i) => ({ c, i, r: c.name === named ? 2 : suspicion(c) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  return ranked.slice(0, MAX_COLUMNS).map(({ c }) => c);
}

function modelsFor(ctx: ErrorContext) {
  const def = ACTION_SPACE.get("change_model");
  const allowed = def === undefined ? null : allowedValues(def, actionContextOf(ctx));
  const names = allowed?.kind === "enum" ? allowed.values : [];
  const failed = failedEstimators(ctx);
  return names.flatMap((name) => {
    const s = MODEL_REGISTRY.get(name);
    if (s === undefined) return [];
    return [
      {
        name,
        family: s.family,
        handlesMissing: s.tags.handlesMissing,
        handlesCategorical: s.tags.handlesCategorical,
        needsScaling: s.tags.needsScaling,
        probabilities: s.tags.probabilities,
        nonNegativeFeatures: s.tags.nonNegativeFeatures === true,
        ...(failed.has(name) ? { failedInThisRun: true } : {}),
        ...(name === ctx.spec.estimator.name ? { current: true } : {}),
      },
    ];
  });
}

/** Recovery: purpose "recovery"; heuristic `recoveryHeuristic` (the pattern library); `checkRecovery` validates. */
export const recoveryAgent = defineAgent({
  name: "recovery",
  purpose: "recovery",
  input: ErrorContextSchema,
  output: RecoveryOutputSchema,
  systemPrompt: SYSTEM_PROMPT,
  buildPrompt: (ctx: ErrorContext) => {
    const shown = columnsForPrompt(ctx);
    const signatures = matchPatterns(ctx)
      .slice(0, 3)
      .map((p) => ({ id: p.id, category: categoryOf(p, ctx), diagnosis: p.diagnose(ctx) }));
    return [
      "A fit of the failing pipeline below crashed. Diagnose the root cause and propose up to 3 alternative fixes, each one action from the menu applied alone to the failing pipeline.",
      dataBlock("error", ctx.error),
      dataBlock("failing_pipeline", {
        estimator: ctx.spec.estimator.name,
        changedParams: changedParams(ctx.spec.estimator.name, ctx.spec.estimator.params),
        steps: ctx.spec.steps,
        settings: ctx.settings,
      }),
      dataBlock("run", {
        task: ctx.task,
        metric: ctx.metric,
        metricNeeds: METRICS[ctx.metric].needs,
        recoveriesThisTrial: ctx.recoveries,
        fixesAlreadyTried: ctx.triedFixes,
      }),
      dataBlock("data", {
        rows: ctx.data.rows,
        features: ctx.data.features,
        columns: shown,
        ...(ctx.data.columns.length > shown.length
          ? { omittedColumns: ctx.data.columns.length - shown.length }
          : {}),
        classes: ctx.classes,
      }),
      dataBlock("earlier_errors", ctx.previousErrors.slice(-MAX_EARLIER_ERRORS)),
      dataBlock("models", modelsFor(ctx)),
      dataBlock("known_signatures", signatures),
      "",
      renderActionSpacePrompt(actionContextOf(ctx)),
    ].join("\n");
  },
  heuristic: recoveryHeuristic,
  validate: checkRecovery,
  maxTokens: 1200,
});
