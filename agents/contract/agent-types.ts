/** Types of the agent contract: what an agent declares, what `analyze` takes and what it returns. */
import type { z } from "zod";
import type { ErrorCode } from "../../core/errors.js";
import type { LlmGateway, LlmMessage, LlmPurpose } from "../../llm/types.js";

/** Which rung of the ladder produced a value. */
export type AgentTier = "structured" | "json" | "heuristic";

/**
 * Why a tier gave no value: an LLM error code from the gateway, or one of the agent's own:
 * SCHEMA_INVALID (the value failed the output schema), SEMANTIC_INVALID (it failed `validate`).
 */
export type AgentFailureCode = ErrorCode | "SCHEMA_INVALID" | "SEMANTIC_INVALID";

export interface AgentFailure {
  tier: Exclude<AgentTier, "heuristic">;
  code: AgentFailureCode;
  /** What went wrong, compact (zod issues rendered as `path: message`, joined by `; `). */
  message: string;
  /** Set on the failure of the json tier's repair turn. */
  repair?: true;
}

/** Usage summed over every gateway call of one `analyze`; a rejected call counts its wall time and whatever the provider billed for it. */
export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Milliseconds: the gateway's latency for answered calls, wall time for rejected ones. */
  latencyMs: number;
  /** Gateway calls made (0 when the heuristic answered straight away). */
  calls: number;
}

export interface AgentResult<T> {
  /** The agent's name. */
  agent: string;
  /** Always validated against the output schema and the agent's `validate` hook. */
  value: T;
  tier: AgentTier;
  /** Why earlier tiers (or attempts) failed, in order. */
  failures: AgentFailure[];
  usage: AgentUsage;
  /** `provider/model` that produced the value; null for the heuristic. */
  model: string | null;
}

export interface AnalyzeOptions {
  gateway: LlmGateway;
  runId?: string;
  signal?: AbortSignal;
  /** Per-call timeout in ms (the gateway's default otherwise). */
  timeoutMs?: number;
}

/** What an agent declares: see `defineAgent`. */
export interface AgentDefinition<I, S extends z.ZodType> {
  /** kebab-case name, recorded with every decision. */
  readonly name: string;
  /** Ledger purpose of its LLM calls. */
  readonly purpose: LlmPurpose;
  /** The output contract: every tier's value is validated with it. */
  readonly output: S;
  /** Optional input contract: `analyze` refuses input that fails it (INVALID_ARGUMENT: a caller bug). */
  readonly input?: z.ZodType<I>;
  /** The agent's role and rules; the contract appends the data-hygiene and JSON-only rules. */
  readonly systemPrompt: string;
  /** The task for this input, embedding the input with `dataBlock` (the contract appends the schema). */
  buildPrompt(input: I): string;
  /** Deterministic rules giving an answer with no LLM; validated like any tier (a bug throws INTERNAL). */
  heuristic(input: I): z.input<S>;
  /** Semantic checks beyond the schema (e.g. named columns exist); each string is one violation. */
  validate?(value: z.output<S>, input: I): string[];
  /** Output token cap per call. */
  readonly maxTokens?: number;
  /** Sampling temperature (0 when omitted: agents want reproducible answers). */
  readonly temperature?: number;
}

/** A defined agent: stateless, safe to share between concurrent runs. */
export interface Agent<I, O> {
  readonly name: string;
  readonly purpose: LlmPurpose;
  readonly output: z.ZodType<O>;
  /** Walks structured → json (+ one repair turn) → heuristic; throws only for caller bugs or an abort. */
  analyze(input: I, options: AnalyzeOptions): Promise<AgentResult<O>>;
  /** The system and user messages a model is sent for this input. */
  messages(input: I): LlmMessage[];
  /** The heuristic tier alone, validated (throws INTERNAL when the heuristic breaks the contract). */
  heuristic(input: I): O;
}
