/** Realistic bodies of the three chat APIs, enough for the real SDKs to parse them as their servers' own. */

export type FakeProtocol = "openai" | "anthropic" | "ollama";

/** The path each protocol's chat endpoint answers on. */
export const CHAT_PATHS: Record<FakeProtocol, string> = {
  openai: "/v1/chat/completions",
  anthropic: "/v1/messages",
  ollama: "/api/chat",
};

export interface AnswerOptions {
  /** `length` = cut at the token cap (`finish_reason: length`, `stop_reason: max_tokens`, `done_reason: length`). */
  finish?: "stop" | "length";
  inputTokens?: number;
  outputTokens?: number;
}

interface ChatRequestBody {
  model?: unknown;
  tool_choice?: { type?: unknown; name?: unknown };
}

let serial = 0;

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** A successful answer with text `content`. */
export function textBody(
  protocol: FakeProtocol,
  request: unknown,
  content: string,
  o: AnswerOptions = {},
): unknown {
  const req = (request ?? {}) as ChatRequestBody;
  const model = typeof req.model === "string" ? req.model : "fake-model";
  const input = o.inputTokens ?? tokens(JSON.stringify(request ?? ""));
  const output = o.outputTokens ?? tokens(content);
  const cut = o.finish === "length";
  serial++;
  switch (protocol) {
    case "openai":
      return {
        id: `chatcmpl-fake${serial}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: cut ? "length" : "stop",
          },
        ],
        usage: {
          prompt_tokens: input,
          completion_tokens: output,
          total_tokens: input + output,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
        },
        service_tier: "default",
        system_fingerprint: "fp_fake",
      };
    case "anthropic":
      return anthropicMessage(
        model,
        [{ type: "text", text: content }],
        cut ? "max_tokens" : "end_turn",
        input,
        output,
      );
    case "ollama":
      return {
        model,
        created_at: new Date().toISOString(),
        message: { role: "assistant", content },
        done: true,
        done_reason: cut ? "length" : "stop",
        total_duration: 123456789,
        load_duration: 1234567,
        prompt_eval_count: input,
        prompt_eval_duration: 2345678,
        eval_count: output,
        eval_duration: 3456789,
      };
  }
}

/**
 * A successful answer carrying `value` as JSON: for Anthropic, the forced tool's input when the request
 * forced one (as the real API answers `tool_choice: {type: "tool"}`), else JSON text.
 */
export function jsonBody(
  protocol: FakeProtocol,
  request: unknown,
  value: unknown,
  o: AnswerOptions = {},
): unknown {
  const req = (request ?? {}) as ChatRequestBody;
  if (
    protocol === "anthropic" &&
    req.tool_choice?.type === "tool" &&
    typeof req.tool_choice.name === "string"
  ) {
    const model = typeof req.model === "string" ? req.model : "fake-model";
    const input = o.inputTokens ?? tokens(JSON.stringify(request));
    const output = o.outputTokens ?? tokens(JSON.stringify(value));
    serial++;
    return anthropicMessage(
      model,
      [{ type: "tool_use", id: `toolu_fake${serial}`, name: req.tool_choice.name, input: value }],
      o.finish === "length" ? "max_tokens" : "tool_use",
      input,
      output,
    );
  }
  return textBody(protocol, request, JSON.stringify(value), o);
}

function anthropicMessage(
  model: string,
  content: unknown[],
  stop: string,
  input: number,
  output: number,
): unknown {
  return {
    id: `msg_fake${serial}`,
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      input_tokens: input,
      output_tokens: output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: "standard",
    },
  };
}

/** The error body each API sends with a non-2xx status. */
export function errorBody(protocol: FakeProtocol, status: number, message: string): unknown {
  const type =
    status === 429
      ? "rate_limit_error"
      : status === 401
        ? "authentication_error"
        : status >= 500
          ? status === 529
            ? "overloaded_error"
            : "api_error"
          : "invalid_request_error";
  switch (protocol) {
    case "openai":
      return {
        error: { message, type: type === "api_error" ? "server_error" : type, param: null, code: null },
      };
    case "anthropic":
      return { type: "error", error: { type, message }, request_id: "req_fake" };
    case "ollama":
      return { error: message };
  }
}
