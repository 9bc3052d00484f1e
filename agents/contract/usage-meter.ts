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

  /** A rejected call: no tokens known, its wall time counts. */
  rejected(elapsedMs: number): void {
    this.total.calls++;
    this.total.latencyMs += elapsedMs;
  }

  snapshot(): AgentUsage {
    return { ...this.total };
  }
}
