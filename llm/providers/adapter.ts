/** The one interface the three provider adapters implement (openai, anthropic, ollama). */
import type { ProviderName } from "../model-id.js";
import type { LlmMessage } from "../types.js";

/** How the answer is asked for. */
export type OutputMode =
  /** Provider-native schema: OpenAI `json_schema`, Anthropic forced tool, Ollama `format: <schema>`. */
  | { kind: "schema"; name: string; schema: Record<string, unknown>; strict: boolean }
  /** Provider-native JSON mode (OpenAI `json_object`, Ollama `format: "json"`). */
  | { kind: "json" }
  /** JSON asked for in words only (the gateway adds the instruction to the messages). */
  | { kind: "prompted-json" }
  | { kind: "text" };

export interface ProviderRequest {
  model: string;
  messages: LlmMessage[];
  mode: OutputMode;
  /** Output token cap; undefined lets the server decide (Anthropic, which requires one, gets a default). */
  maxTokens: number | undefined;
  /** Only sent when set: some models reject any temperature but their default. */
  temperature: number | undefined;
  /** Aborts the attempt (timeout or caller). */
  signal: AbortSignal;
}

export interface ProviderAnswer {
  /** Text content, "" when there was none. */
  text: string;
  /** The input of a forced tool call (Anthropic schema mode); undefined otherwise. */
  toolInput?: unknown;
  /** `length` when the answer was cut by the token cap; `refusal` when the model declined. */
  finish: "stop" | "length" | "refusal" | "other";
  /** The provider's own word for it (`finish_reason`, `stop_reason`, `done_reason`). */
  finishRaw: string | null;
  inputTokens: number;
  outputTokens: number;
}

export interface ProviderAdapter {
  readonly provider: ProviderName;
  /** The resolved server URL (for messages and the limiter key). */
  readonly baseUrl: string;
  /** Native JSON mode exists (`json` mode); otherwise the gateway prompts for JSON. */
  readonly nativeJsonMode: boolean;
  /**
   * Imports the SDK (once, on the first call, so providers never called cost nothing at start-up).
   * The gateway awaits it before an attempt's timer starts: the timeout measures the server, not
   * our module loading. Never rejects; a failed import surfaces from send() as a classified failure.
   */
  load(): Promise<void>;
  /** One HTTP request, no retries. Throws whatever the SDK throws; the gateway classifies it. */
  send(request: ProviderRequest): Promise<ProviderAnswer>;
}

/** Thrown by an adapter when a 2xx answer does not have the shape its API documents. */
export class MalformedAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedAnswerError";
  }
}

/**
 * Adds an instruction to the system prompt: appended to a leading system message, or as a new one
 * in front (chat templates of local models handle one leading system message best).
 */
export function withInstruction(messages: readonly LlmMessage[], instruction: string): LlmMessage[] {
  const [first, ...rest] = messages;
  if (first?.role === "system")
    return [{ role: "system", content: `${first.content}\n\n${instruction}` }, ...rest];
  return [{ role: "system", content: instruction }, ...messages];
}
