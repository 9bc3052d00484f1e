/** `ollama/<model>`: `/api/chat` through the official `ollama` client. */
import { z } from "zod";
import {
  type ProviderAdapter,
  type ProviderAnswer,
  type ProviderRequest,
  MalformedAnswerError,
  withInstruction,
} from "./adapter.js";
import { lazyClient } from "./lazy-client.js";
import { probingFetch } from "./transport.js";

export const OLLAMA_DEFAULT_HOST = "http://127.0.0.1:11434";

const ChatShape = z.object({
  message: z.object({ content: z.string().nullable().optional() }),
  done_reason: z.string().nullable().optional(),
  prompt_eval_count: z.number().nullable().optional(),
  eval_count: z.number().nullable().optional(),
});

export interface OllamaAdapterOptions {
  host: string;
  /** Sent as a bearer token (ollama.com, or a proxy in front of a server); optional. */
  apiKey?: string | undefined;
}

export function createOllamaAdapter(options: OllamaAdapterOptions): ProviderAdapter {
  const client = lazyClient(async () => {
    const { Ollama } = await import("ollama");
    return new Ollama({
      host: options.host,
      // Throwing on non-2xx keeps the client from printing error bodies to stdout (its own handling does).
      fetch: probingFetch({ throwOnHttpError: true }),
      ...(options.apiKey ? { headers: { Authorization: `Bearer ${options.apiKey}` } } : {}),
    });
  });

  return {
    provider: "ollama",
    baseUrl: options.host,
    nativeJsonMode: true,
    load: client.load,
    async send(req: ProviderRequest): Promise<ProviderAnswer> {
      let messages = req.messages;
      let format: string | object | undefined;
      if (req.mode.kind === "schema") {
        format = req.mode.schema;
        // Ollama's guidance: the schema in the prompt as well grounds the constrained decoding.
        messages = withInstruction(
          messages,
          `Answer with JSON that follows this JSON schema:\n${JSON.stringify(req.mode.schema)}`,
        );
      } else if (req.mode.kind === "json") format = "json";
      const opts: { num_predict?: number; temperature?: number } = {};
      if (req.maxTokens !== undefined) opts.num_predict = req.maxTokens;
      if (req.temperature !== undefined) opts.temperature = req.temperature;

      const sdk = await client.get();
      const raw: unknown = await sdk.chat({
        model: req.model,
        messages: messages.map((m) => ({ role: m.role, content: m.content })),
        stream: false,
        ...(format !== undefined ? { format } : {}),
        ...(Object.keys(opts).length > 0 ? { options: opts } : {}),
      });
      const parsed = ChatShape.safeParse(raw);
      if (!parsed.success) throw new MalformedAnswerError("the answer is not an /api/chat response");
      const reason = parsed.data.done_reason ?? null;
      return {
        text: parsed.data.message.content ?? "",
        finish: reason === "length" ? "length" : reason === "stop" ? "stop" : "other",
        finishRaw: reason,
        inputTokens: parsed.data.prompt_eval_count ?? 0,
        outputTokens: parsed.data.eval_count ?? 0,
      };
    },
  };
}
