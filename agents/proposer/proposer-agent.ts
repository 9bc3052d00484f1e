/** The proposer agent: picks the next experiment, one action of ACTION_SPACE applied to the incumbent pipeline. */
import { renderActionSpacePrompt } from "../../actions/index.js";
import { METRICS } from "../../evaluate/metrics/registry.js";
import { dataBlock } from "../contract/agent-prompt.js";
import { defineAgent } from "../contract/define-agent.js";
import { changedParams } from "./proposer-input.js";
import { checkProposal, sceneOf } from "./proposer-checks.js";
import { proposerHeuristic } from "./proposer-heuristic.js";
import { type ProposerInput, ProposerInputSchema, ProposerOutputSchema } from "./proposer-schema.js";

const SYSTEM_PROMPT = `You are the proposer of Alchemist, an AutoML system. A search loop asks you for its next experiment: exactly one action, applied to the incumbent pipeline (the best one so far). The loop evaluates it by cross-validation and keeps it only if the score improves.
Rules:
- Pick exactly one action from the action menu in the user message, with one of the values the menu lists for it (set_hyperparameter also names \`param\`). Nothing else can run: any other action, column, parameter or value is rejected.
- Never propose a state that was already evaluated. The trials show what was tried; moves listed as not having helped the same estimator must not be repeated.
- Prefer moves the profile and the trials support: first fix mismatches between the estimator and the data (scaling for scale-sensitive estimators, native or target encoding for categoricals, rebalancing for imbalance under a metric that rewards the minority class), then well-known hyperparameter moves of the incumbent's family, then estimators not tried yet.
- When the user message shows past runs on similar datasets, what won there is evidence for what may work here (the smaller the distance, the stronger): among estimators not tried yet, prefer those; trials on this data still outweigh them.
- Run settings (cv_folds, ensembling) do not make a model better; never drop the target; drop a column only when the profile shows it is useless or leaks.
- In \`rationale\`, cite the facts behind the move (profile numbers, trial scores); in \`expected_effect\`, say in one sentence what it should change.`;

/** The past datasets compactly: each winner's estimator, changed params, non-default preprocessing and scores. */
function pastRuns(history: NonNullable<ProposerInput["warmStart"]>) {
  return history.map((d) => ({
    dataset: d.dataset,
    distance: d.distance,
    metric: d.metric,
    best: d.best.map(({ recipe, score, normalized }) => {
      const { estimator, params, ...steps } = recipe;
      const preprocessing = Object.fromEntries(
        Object.entries(steps).filter(([, v]) => v !== null && v !== false),
      );
      return { estimator, params, preprocessing, cvScore: score, normalized };
    }),
  }));
}

/** Proposer: purpose "proposer"; heuristic `proposerHeuristic`; `checkProposal` validates against the action space and the tried states. */
export const proposerAgent = defineAgent({
  name: "proposer",
  purpose: "proposer",
  input: ProposerInputSchema,
  output: ProposerOutputSchema,
  systemPrompt: SYSTEM_PROMPT,
  buildPrompt: (input: ProposerInput) => {
    const { incumbent } = input;
    const m = METRICS[input.metric];
    return [
      "Propose the next experiment: one action from the menu below, applied to the incumbent.",
      dataBlock("run", {
        task: input.task,
        metric: input.metric,
        direction: input.direction,
        metricDescription: m.description,
        ...(input.scoreMeaning !== undefined ? { scoresMeasure: input.scoreMeaning } : {}),
      }),
      dataBlock("incumbent", {
        trial: incumbent.seq,
        estimator: incumbent.spec.estimator.name,
        changedParams: changedParams(incumbent.spec.estimator.name, incumbent.spec.estimator.params),
        steps: incumbent.spec.steps,
        settings: incumbent.settings,
        cvScore: incumbent.score,
        cvStd: incumbent.std,
      }),
      dataBlock("search", {
        estimatorsTried: input.search.triedEstimators,
        estimatorsThatFailed: input.search.failedEstimators,
        bestByEstimator: input.search.bestByEstimator,
        movesThatDidNotHelp: input.search.movesThatDidNotHelp,
      }),
      dataBlock("trials", input.history),
      ...(input.warmStart !== undefined && input.warmStart.length > 0
        ? [
            "Past runs on the nearest similar datasets (warm start; distance 0 = the same table):",
            dataBlock("past_runs", pastRuns(input.warmStart)),
          ]
        : []),
      dataBlock("profile", input.digest),
      "",
      renderActionSpacePrompt(sceneOf(input).ctx),
    ].join("\n");
  },
  heuristic: proposerHeuristic,
  validate: checkProposal,
  maxTokens: 1000,
});
