/** `openai/<model>`: Chat Completions through the official `openai` client (any OpenAI-compatible server). */
import type OpenAI from "openai";
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

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

const CompletionShape = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
        }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
    .nullable()
    .optional(),
});

export interface OpenAiAdapterOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
}

export function createOpenAiAdapter(options: OpenAiAdapterOptions): ProviderAdapter {
  const client = lazyClient(async () => {
    const { default: OpenAI } = await import("openai");
    return new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      maxRetries: 0, // ours are the only retries, so they are counted
      timeout: options.timeoutMs + 5_000, // ours fires first and is told apart
      fetch: probingFetch(),
      logger: sdkLogger("openai", [options.apiKey]),
      logLevel: "warn",
    });
  });
  // OpenAI's own API wants max_completion_tokens (reasoning models refuse max_tokens); compatible
  // servers (vLLM, llama.cpp, LM Studio, Ollama's /v1) have long known max_tokens.
  const isOpenAi = new URL(options.baseUrl).hostname === "api.openai.com";

  return {
    provider: "openai",
    baseUrl: options.baseUrl,
    nativeJsonMode: true,
    load: client.load,
    async send(req: ProviderRequest): Promise<ProviderAnswer> {
      const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
        model: req.model,
        messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
      };
      if (req.maxTokens !== undefined) {
        if (isOpenAi) body.max_completion_tokens = req.maxTokens;
        else body.max_tokens = req.maxTokens;
      }
      if (req.temperature !== undefined) body.temperature = req.temperature;
      if (req.mode.kind === "schema") {
        body.response_format = {
          type: "json_schema",
          json_schema: { name: req.mode.name, schema: req.mode.schema, strict: req.mode.strict },
        };
      } else if (req.mode.kind === "json") body.response_format = { type: "json_object" };

      const sdk = await client.get();
      const raw: unknown = await sdk.chat.completions.create(body, { signal: req.signal });
      const parsed = CompletionShape.safeParse(raw);
      if (!parsed.success) throw new MalformedAnswerError("the answer is not a chat completion object");
      const choice = parsed.data.choices[0]!;
      const reason = choice.finish_reason ?? null;
      const refused = (choice.message.refusal ?? "") !== "" || reason === "content_filter";
      return {
        text: choice.message.content ?? "",
        finish: refused ? "refusal" : reason === "length" ? "length" : reason === "stop" ? "stop" : "other",
        finishRaw: reason,
        inputTokens: parsed.data.usage?.prompt_tokens ?? 0,
        outputTokens: parsed.data.usage?.completion_tokens ?? 0,
      };
    },
  };
}
