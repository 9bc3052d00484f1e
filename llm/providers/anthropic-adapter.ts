/** `anthropic/<model>`: the Messages API through the official `@anthropic-ai/sdk` client. */
import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import {
  type ProviderAdapter,
  type ProviderAnswer,
  type ProviderRequest,
  MalformedAnswerError,
} from "./adapter.js";
import { lazyClient } from "./lazy-client.js";
import { sdkLogger } from "./sdk-logger.js";
import { probingFetch } from "./transport.js";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";

/** Anthropic requires max_tokens; this is sent when neither the call nor the config sets one. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

const MessageShape = z.object({
  content: z.array(
    z.looseObject({
      type: z.string(),
      text: z.string().optional(),
      name: z.string().optional(),
      input: z.unknown().optional(),
    }),
  ),
  stop_reason: z.string().nullable().optional(),
  usage: z
    .object({
      input_tokens: z.number().nullable().optional(),
      output_tokens: z.number().nullable().optional(),
      cache_creation_input_tokens: z.number().nullable().optional(),
      cache_read_input_tokens: z.number().nullable().optional(),
    })
    .optional(),
});

export interface AnthropicAdapterOptions {
  /** An API key (`x-api-key`) or, failing that, an OAuth token (`Authorization: Bearer`). */
  credential: { apiKey: string } | { authToken: string };
  baseUrl: string;
  timeoutMs: number;
}

export function createAnthropicAdapter(options: AnthropicAdapterOptions): ProviderAdapter {
  const secret = "apiKey" in options.credential ? options.credential.apiKey : options.credential.authToken;
  const client = lazyClient(async () => {
    const { default: Anthropic } = await import("@anthropic-ai/sdk");
    return new Anthropic({
      ...options.credential,
      baseURL: options.baseUrl,
      maxRetries: 0,
      timeout: options.timeoutMs + 5_000,
      fetch: probingFetch(),
      logger: sdkLogger("anthropic", [secret]),
      logLevel: "warn",
    });
  });

  return {
    provider: "anthropic",
    baseUrl: options.baseUrl,
    nativeJsonMode: false,
    load: client.load,
    async send(req: ProviderRequest): Promise<ProviderAnswer> {
      const system = req.messages
        .filter((m) => m.role === "system")
        .map((m) => m.content)
        .join("\n\n");
      const turns = req.messages
        .filter((m) => m.role !== "system")
        .map((m) => ({ role: m.role as "user" | "assistant", content: m.content }));
      const body: Anthropic.MessageCreateParamsNonStreaming = {
        model: req.model,
        max_tokens: req.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
        messages: turns,
      };
      if (system !== "") body.system = system;
      // No temperature: this SDK's Messages API has dropped the sampling parameters.
      if (req.mode.kind === "schema") {
        body.tools = [
          {
            name: req.mode.name,
            description: "Record the answer. Its input is the complete answer, following the schema exactly.",
            input_schema: req.mode.schema as Anthropic.Tool.InputSchema,
          },
        ];
        body.tool_choice = { type: "tool", name: req.mode.name };
      }

      const sdk = await client.get();
      const raw: unknown = await sdk.messages.create(body, { signal: req.signal });
      const parsed = MessageShape.safeParse(raw);
      if (!parsed.success) throw new MalformedAnswerError("the answer is not a Messages API message");
      const msg = parsed.data;
      const text = msg.content
        .filter((b) => b.type === "text")
        .map((b) => b.text ?? "")
        .join("");
      const toolName = req.mode.kind === "schema" ? req.mode.name : undefined;
      const tool = toolName
        ? msg.content.find((b) => b.type === "tool_use" && b.name === toolName)
        : undefined;
      const reason = msg.stop_reason ?? null;
      const u = msg.usage;
      return {
        text,
        ...(tool !== undefined ? { toolInput: tool.input } : {}),
        finish:
          reason === "max_tokens" || reason === "model_context_window_exceeded"
            ? "length"
            : reason === "refusal"
              ? "refusal"
              : reason === "end_turn" || reason === "tool_use" || reason === "stop_sequence"
                ? "stop"
                : "other",
        finishRaw: reason,
        inputTokens:
          (u?.input_tokens ?? 0) + (u?.cache_creation_input_tokens ?? 0) + (u?.cache_read_input_tokens ?? 0),
        outputTokens: u?.output_tokens ?? 0,
      };
    },
  };
}
