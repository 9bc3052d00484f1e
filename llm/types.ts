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
  /**
   * Name of the structured output (OpenAI `json_schema.name`, Anthropic tool name): letters, digits,
   * `_` and `-`, at most 64 characters. Default `output`. Only `completeStructured` reads it.
   */
  schemaName?: string;
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

/** Which gateway method made a call (a ledger column). */
export type LlmMethod = "structured" | "json" | "text";

/**
 * One attempt as the ledger stores it. Attempts that reached for the network are recorded, whatever
 * their outcome; calls refused before that (provider `none`, budget spent, a feature known to be
 * unsupported) are not. Never holds a key or a prompt.
 */
export interface LlmCallRecord {
  /** Groups the attempts of one gateway call. */
  callId: string;
  runId: string | null;
  purpose: LlmPurpose;
  provider: string;
  /** The model without its provider prefix. */
  model: string;
  method: LlmMethod;
  /** 1-based attempt number within the call. */
  attempt: number;
  inputTokens: number;
  outputTokens: number;
  /** USD, from the pricing table; 0 for unknown models and local providers. */
  costUsd: number;
  latencyMs: number;
  outcome: "ok" | "error";
  errorCode: string | null;
  /** Short, key-redacted reason (e.g. `HTTP 429`, `truncated`); null when ok. */
  errorMessage: string | null;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * Where the gateway writes its attempts and reads the money spent. `memory/` implements it on SQLite;
 * `createMemoryLedger()` (llm/) keeps it in process. `record` must not throw for a valid row.
 */
export interface LlmLedgerSink {
  record(row: LlmCallRecord): void;
  /** USD spent so far by the run (all attempts, failed ones included). */
  spentUsd(runId: string): number;
}
