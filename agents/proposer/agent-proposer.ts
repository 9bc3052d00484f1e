/** createAgentProposer: the loop's Proposer backed by the proposer agent (LLM tiers, then the heuristic). */
import type { LlmGateway } from "../../llm/types.js";
import type { DecisionLog, ProposalRequest, ProposalResult, Proposer } from "../../loop/proposer.js";
import type { AgentFailure, AgentResult } from "../contract/agent-types.js";
import { moveOrigin } from "./move-label.js";
import { proposerAgent } from "./proposer-agent.js";
import { resolveMove } from "./proposer-checks.js";
import { heuristicCandidates } from "./proposer-heuristic.js";
import { proposerInput } from "./proposer-input.js";
import type { ProposerOutput } from "./proposer-schema.js";

export interface AgentProposerOptions {
  gateway: LlmGateway;
  /** Aborts the LLM calls (the request's own signal is honoured too). */
  signal?: AbortSignal;
  /** Per-call LLM timeout in ms (the gateway's default otherwise). */
  timeoutMs?: number;
  /** Ledger run id when a request carries none (the request's `runId` wins). */
  runId?: string;
}

function decisionOf(r: AgentResult<ProposerOutput>, accepted: boolean): DecisionLog {
  return {
    agent: r.agent,
    tier: r.tier,
    model: r.model,
    output: r.value,
    failures: r.failures.map((f) => ({ tier: f.tier, code: f.code, message: f.message })),
    accepted,
    inputTokens: r.usage.inputTokens,
    outputTokens: r.usage.outputTokens,
    costUsd: r.usage.costUsd,
    latencyMs: r.usage.latencyMs,
  };
}

function fallbackDecision(output: ProposerOutput, failure: AgentFailure): DecisionLog {
  return {
    agent: proposerAgent.name,
    tier: "heuristic",
    model: null,
    output,
    failures: [failure],
    accepted: true,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencyMs: 0,
  };
}

/**
 * A Proposer for the loop's explore phase. Each `propose` builds the agent's input from the request,
 * returns `next: null` at once (no LLM call) when the heuristic has no untried move left, else asks
 * the agent (structured → JSON + repair → heuristic; every answer checked against ACTION_SPACE and the
 * tried states) and applies the one validated action to the incumbent with executeAction. The origin
 * reads `<action> = <value> (<tier>)`. `moneyExhausted` when a call hit LLM_BUDGET_EXCEEDED.
 */
export function createAgentProposer(options: AgentProposerOptions): Proposer {
  return {
    async propose(request: ProposalRequest): Promise<ProposalResult> {
      const input = proposerInput(request);
      if (heuristicCandidates(input, 1).length === 0) return { next: null, decisions: [] };
      const signal = request.signal ?? options.signal;
      const runId = request.runId !== "" ? request.runId : options.runId;
      const r = await proposerAgent.analyze(input, {
        gateway: options.gateway,
        ...(runId !== undefined ? { runId } : {}),
        ...(signal !== undefined ? { signal } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
      const moneyExhausted = r.failures.some((f) => f.code === "LLM_BUDGET_EXCEEDED");
      const resolved = resolveMove(input, r.value.action);
      if (resolved.ok) {
        const next = {
          spec: resolved.state.spec,
          settings: resolved.state.settings,
          origin: moveOrigin(resolved.action, r.tier),
        };
        return { next, decisions: [decisionOf(r, true)], ...(moneyExhausted ? { moneyExhausted } : {}) };
      }
      // The contract validated the value against this very input, so this is a safety net only.
      const decisions = [decisionOf(r, false)];
      const [fallback] = heuristicCandidates(input, 1);
      const again = fallback === undefined ? null : resolveMove(input, fallback.action);
      if (fallback === undefined || again === null || !again.ok) {
        return { next: null, decisions, ...(moneyExhausted ? { moneyExhausted } : {}) };
      }
      const tier = r.tier === "heuristic" ? "json" : r.tier;
      decisions.push(
        fallbackDecision(fallback, { tier, code: "SEMANTIC_INVALID", message: resolved.problem }),
      );
      return {
        next: {
          spec: again.state.spec,
          settings: again.state.settings,
          origin: moveOrigin(again.action, "heuristic"),
        },
        decisions,
        ...(moneyExhausted ? { moneyExhausted } : {}),
      };
    },
  };
}
