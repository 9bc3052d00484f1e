/** Sums usage over the gateway calls of one `analyze` (one meter per call: agents stay stateless). */
import type { LlmUsage } from "../../llm/types.js";
import type { AgentUsage } from "./agent-types.js";

export class UsageMeter {
  private readonly total: AgentUsage = {
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencyMs: 0,
    calls: 0,
  };

  /** An answered call: the gateway's own accounting. */
  answered(usage: LlmUsage): void {
    this.total.calls++;
    this.total.inputTokens += usage.inputTokens;
    this.total.outputTokens += usage.outputTokens;
    this.total.costUsd += usage.costUsd;
    this.total.latencyMs += usage.latencyMs;
  }

  /** A rejected call: its wall time, and the tokens and cost it was billed when the gateway says so. */
  rejected(
    elapsedMs: number,
    billed: Partial<Pick<AgentUsage, "inputTokens" | "outputTokens" | "costUsd">> = {},
  ): void {
    this.total.calls++;
    this.total.latencyMs += elapsedMs;
    this.total.inputTokens += billed.inputTokens ?? 0;
    this.total.outputTokens += billed.outputTokens ?? 0;
    this.total.costUsd += billed.costUsd ?? 0;
  }

  snapshot(): AgentUsage {
    return { ...this.total };
  }
}
