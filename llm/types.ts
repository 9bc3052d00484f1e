/** The gateway contract every agent calls: provider-agnostic, typed, with a ledger row per call. */
import type { z } from "zod";

/** What a call is for; the ledger sums cost per purpose. */
export type LlmPurpose = "profiler" | "proposer" | "recovery" | "reviewer" | "qa";

export interface LlmMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface LlmCallOptions {
  purpose: LlmPurpose;
  /** Run the call belongs to (ledger, money budget); absent for one-off calls. */
  runId?: string;
  /** Per-call timeout in ms (default from the gateway config). */
  timeoutMs?: number;
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  /** Attempts made, retries included. */
  attempts: number;
}

export interface LlmResult<T> {
  value: T;
  usage: LlmUsage;
  provider: string;
  model: string;
}

/**
 * One configured model (`provider/model`). Every method either resolves with a value of the promised
 * type or rejects with an AlchemistError whose code says why (LLM_UNAVAILABLE, LLM_RATE_LIMITED,
 * LLM_TIMEOUT, LLM_BAD_RESPONSE, LLM_UNSUPPORTED, LLM_BUDGET_EXCEEDED). Every attempt is written to
 * the ledger, whatever its outcome.
 */
export interface LlmGateway {
  /** `none` when no LLM is configured: every call rejects with LLM_UNAVAILABLE at once. */
  readonly modelId: string;
  /** Provider-native structured output (JSON schema response format, or a forced tool call). */
  completeStructured<S extends z.ZodType>(
    messages: LlmMessage[],
    schema: S,
    options: LlmCallOptions,
  ): Promise<LlmResult<z.output<S>>>;
  /** JSON mode or prompted JSON; the value is parsed JSON, NOT validated (the agent contract validates). */
  completeJson(messages: LlmMessage[], options: LlmCallOptions): Promise<LlmResult<unknown>>;
  /** Plain text. */
  complete(messages: LlmMessage[], options: LlmCallOptions): Promise<LlmResult<string>>;
}
