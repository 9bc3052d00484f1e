/** The reviewer agent: reads a leaderboard with its diagnostics and says what the scores mean and what next. */
import { METRICS } from "../../evaluate/metrics/registry.js";
import { dataBlock } from "../contract/agent-prompt.js";
import { defineAgent } from "../contract/define-agent.js";
import { checkReviewerOutput } from "./reviewer-checks.js";
import { reviewerHeuristic } from "./reviewer-heuristic.js";
import { type ReviewerInput, ReviewerInputSchema, ReviewerOutputSchema } from "./reviewer-schema.js";

/** Leaderboard rows shown to the model. */
const MAX_ROWS = 20;

const SYSTEM_PROMPT = `You are the reviewer of Alchemist, an AutoML system. You read a cross-validated leaderboard and its diagnostics and judge what the scores mean.
Rules:
- Look for: overfitting (train much better than CV, relative to the metric's scale), underfitting (the baseline wins or is barely beaten, or even the train score is modest), leakage (near-perfect scores, flagged suspects), class imbalance (judge the metric), variance (large fold spread), noise (models tied within one fold standard deviation), too little data.
- Cite the numbers as evidence. Report "ok" only when nothing medium or high stands out.
- Next steps are concrete moves: regularise, try another model family, drop a leaking column, change the metric, tune, ensemble, gather data.
- Confidence says how far the scores can be trusted.`;

/** Reviewer: purpose "reviewer"; the heuristic tier is `reviewerHeuristic`, checks `checkReviewerOutput`. */
export const reviewerAgent = defineAgent({
  name: "reviewer",
  purpose: "reviewer",
  input: ReviewerInputSchema,
  output: ReviewerOutputSchema,
  systemPrompt: SYSTEM_PROMPT,
  buildPrompt: (input: ReviewerInput) => {
    const m = METRICS[input.metric];
    const board = [...input.leaderboard].sort((a, b) => a.rank - b.rank);
    return [
      "Review this leaderboard: a verdict, the findings worst first, the next steps best first, and your confidence.",
      dataBlock("metric", { name: m.name, direction: input.direction, description: m.description }),
      dataBlock("review", {
        task: input.task,
        leaderboard: board.slice(0, MAX_ROWS),
        ...(board.length > MAX_ROWS ? { omittedRows: board.length - MAX_ROWS } : {}),
        diagnostics: input.diagnostics ?? null,
        profileSummary: input.profileSummary ?? null,
      }),
    ].join("\n");
  },
  heuristic: reviewerHeuristic,
  validate: checkReviewerOutput,
  maxTokens: 2000,
});
