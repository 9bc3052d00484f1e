/**
 * The reviewer's reading of a finished search: the leaderboard with its diagnostics goes through the
 * agent contract (LLM tier when configured and time allows, else the heuristic) and becomes a
 * recorded decision and a section of the report.
 */
import { type ReviewerInput, type ReviewerOutput, reviewerAgent } from "../agents/index.js";
import { log } from "../core/log.js";
import { METRICS } from "../evaluate/metrics/registry.js";
import type { LlmGateway } from "../llm/types.js";
import type { DecisionLog } from "./proposer.js";
import type { RunData } from "./run-data.js";
import type { LeaderboardRow, Trial } from "./trial.js";

/** Below this much time left, the reviewer answers from its heuristic without calling the LLM. */
const MIN_LLM_MS = 5000;

function reviewerInput(
  data: RunData,
  board: readonly LeaderboardRow[],
  trials: readonly Trial[],
): ReviewerInput {
  const bySeq = new Map(trials.map((t) => [t.seq, t]));
  const counts = new Map<number, number>();
  for (const k of data.y) counts.set(k, (counts.get(k) ?? 0) + 1);
  const sizes = [...counts.values()];
  const input: ReviewerInput = {
    task: data.task,
    metric: data.metric,
    direction: METRICS[data.metric].direction,
    leaderboard: board.slice(0, 20).map((r) => ({
      rank: r.rank,
      estimator: r.estimator,
      cvScore: r.score,
      cvStd: r.std,
      fitSeconds: r.fitSeconds / Math.max(1, bySeq.get(r.seq)?.foldScores.length ?? 1),
      params: bySeq.get(r.seq)?.spec.estimator.params ?? {},
    })),
    diagnostics: {
      nRows: data.frame.nRows,
      nFeatures: Math.max(0, data.frame.columns.length - 1),
      leakageSuspects: data.profile.leakage.map((l) => l.column),
      ...(data.classes !== null && sizes.length > 1
        ? { imbalanceRatio: Math.max(...sizes) / Math.max(1, Math.min(...sizes)) }
        : {}),
    },
  };
  return input;
}

export async function reviewRun(
  data: RunData,
  board: readonly LeaderboardRow[],
  trials: readonly Trial[],
  gateway: LlmGateway,
  runId: string,
  timeLeftMs: number,
): Promise<{ review: ReviewerOutput; decision: DecisionLog } | null> {
  if (board.length === 0) return null;
  const input = reviewerInput(data, board, trials);
  try {
    if (timeLeftMs < MIN_LLM_MS) {
      const review = reviewerAgent.heuristic(input);
      return {
        review,
        decision: {
          agent: reviewerAgent.name,
          tier: "heuristic",
          model: null,
          output: review,
          failures: [
            { tier: "structured", code: "TIME_BUDGET", message: "too little time left to ask the LLM" },
          ],
          accepted: true,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          latencyMs: 0,
        },
      };
    }
    const r = await reviewerAgent.analyze(input, { gateway, runId, timeoutMs: timeLeftMs - 1000 });
    return {
      review: r.value,
      decision: {
        agent: r.agent,
        tier: r.tier,
        model: r.model,
        output: r.value,
        failures: r.failures,
        accepted: true,
        inputTokens: r.usage.inputTokens,
        outputTokens: r.usage.outputTokens,
        costUsd: r.usage.costUsd,
        latencyMs: r.usage.latencyMs,
      },
    };
  } catch (e) {
    // The review is commentary: a failure must not cost the user the run's model.
    log.warn(`the reviewer failed: ${(e as Error).message}`);
    return null;
  }
}
