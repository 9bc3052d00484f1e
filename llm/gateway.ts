/** `createGateway(config)`: the `LlmGateway` for one `provider/model`, or the `none` gateway. */
import type { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { readJson, readStructured, readText } from "./answers.js";
import { type CallContext, runCall } from "./call-loop.js";
import { type LlmConfig, type LlmConfigInput, LlmConfigSchema } from "./config.js";
import { toProviderSchema } from "./json-schema.js";
import { createMemoryLedger } from "./memory-ledger.js";
import { type ModelId, type ProviderName, formatModelId, parseModelId } from "./model-id.js";
import { priceFor } from "./pricing.js";
import { type ProviderAdapter, withInstruction } from "./providers/adapter.js";
import { ANTHROPIC_DEFAULT_BASE_URL, createAnthropicAdapter } from "./providers/anthropic-adapter.js";
import { OLLAMA_DEFAULT_HOST, createOllamaAdapter } from "./providers/ollama-adapter.js";
import { OPENAI_DEFAULT_BASE_URL, createOpenAiAdapter } from "./providers/openai-adapter.js";
import { type LlmLimiter, sharedLimiter } from "./rate-limiter.js";
import { redact } from "./redact.js";
import type { LlmCallOptions, LlmGateway, LlmLedgerSink, LlmMessage, LlmResult } from "./types.js";

/** The gateway plus what it was built from. */
export interface Gateway extends LlmGateway {
  /** `openai`, `anthropic`, `ollama` or `none`. */
  readonly provider: ProviderName | "none";
  /** The model without its provider prefix (`none` for none). */
  readonly model: string;
  /** The resolved server URL (`""` for none). */
  readonly baseUrl: string;
  readonly ledger: LlmLedgerSink;
}

export interface GatewayOptions {
  /** Where attempts are written and the run's spend is read; default an in-process ledger. */
  ledger?: LlmLedgerSink;
  /** Provider credentials and URLs (OPENAI_API_KEY, ANTHROPIC_BASE_URL, OLLAMA_HOST, …); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Admission control; default the process-wide limiter of this provider endpoint and limits. */
  limiter?: LlmLimiter;
  /** Jitter source (tests); default `Math.random`. */
  random?: () => number;
}

/** Said when JSON is wanted, natively or not (OpenAI's JSON mode also requires the word "JSON"). */
const JSON_INSTRUCTION =
  "Answer with one JSON value and nothing else: no prose before or after it, no Markdown code fences.";

/** Structured-output names: what OpenAI and Anthropic both accept. */
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Builds the gateway. Throws LLM_CONFIG (naming the setting) for an unknown provider, or a missing key
 * where the provider's own server is used; no network is touched until the first call.
 */
export function createGateway(config: LlmConfig | LlmConfigInput, options: GatewayOptions = {}): Gateway {
  const parsed = LlmConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = issue.path.join(".") || "llm";
    const secrets = [(config as { apiKey?: unknown }).apiKey].filter(
      (k): k is string => typeof k === "string",
    );
    throw new AlchemistError(
      "LLM_CONFIG",
      redact(`invalid LLM setting '${parameter}': ${issue.message}`, secrets),
      {
        parameter,
      },
    );
  }
  const cfg = parsed.data;
  const id = parseModelId(cfg.model);
  const ledger = options.ledger ?? createMemoryLedger();
  if (id.provider === "none") return noneGateway(ledger);

  const env = options.env ?? process.env;
  const { adapter, secrets } = buildAdapter(id, cfg, env);
  const limits = cfg.rateLimits[id.provider] ?? {};
  const limiter =
    options.limiter ??
    sharedLimiter(`${id.provider} ${adapter.baseUrl}`, {
      requestsPerMinute: limits.requestsPerMinute,
      tokensPerMinute: limits.tokensPerMinute,
      concurrency: cfg.concurrency,
    });
  const modelId = formatModelId(id);
  const ctx: CallContext = {
    adapter,
    provider: id.provider,
    model: id.model,
    modelId,
    limiter,
    ledger,
    price: priceFor(modelId, cfg.pricing),
    secrets,
    unsupported: new Set(),
    looseSpend: { usd: 0 },
    settings: {
      timeoutMs: cfg.timeoutMs,
      maxRetries: cfg.maxRetries,
      backoffBaseMs: cfg.backoffBaseMs,
      backoffMaxMs: cfg.backoffMaxMs,
      retryAfterMaxMs: cfg.retryAfterMaxMs,
      maxTokens: cfg.maxTokens,
      temperature: cfg.temperature,
      budgetUsd: cfg.budgetUsd,
    },
    random: options.random ?? Math.random,
  };

  return {
    modelId,
    provider: id.provider,
    model: id.model,
    baseUrl: adapter.baseUrl,
    ledger,
    completeStructured<S extends z.ZodType>(
      messages: LlmMessage[],
      schema: S,
      callOptions: LlmCallOptions,
    ): Promise<LlmResult<z.output<S>>> {
      const name = callOptions.schemaName ?? "output";
      if (!SCHEMA_NAME.test(name)) {
        return Promise.reject(
          new AlchemistError("INVALID_ARGUMENT", `schemaName '${name}' must match ${SCHEMA_NAME.source}`, {
            parameter: "schemaName",
          }),
        );
      }
      let ps: ReturnType<typeof toProviderSchema>;
      try {
        ps = toProviderSchema(schema);
      } catch (e) {
        return Promise.reject(
          new AlchemistError(
            "INVALID_ARGUMENT",
            `the schema has no JSON schema form: ${(e as Error).message}`,
            {
              parameter: "schema",
            },
          ),
        );
      }
      return runCall(
        ctx,
        {
          method: "structured",
          messages,
          modes: [{ kind: "schema", name, schema: ps.schema, strict: ps.strictCompatible }],
          read: (answer) => readStructured(answer, schema, ps.wrapped),
        },
        callOptions,
      );
    },
    completeJson(messages: LlmMessage[], callOptions: LlmCallOptions): Promise<LlmResult<unknown>> {
      const native = adapter.nativeJsonMode && !ctx.unsupported.has("json");
      return runCall(
        ctx,
        {
          method: "json",
          messages: withInstruction(messages, JSON_INSTRUCTION),
          modes: native ? [{ kind: "json" }, { kind: "prompted-json" }] : [{ kind: "prompted-json" }],
          read: readJson,
        },
        callOptions,
      );
    },
    complete(messages: LlmMessage[], callOptions: LlmCallOptions): Promise<LlmResult<string>> {
      return runCall(
        ctx,
        { method: "text", messages, modes: [{ kind: "text" }], read: readText },
        callOptions,
      );
    },
  };
}

function buildAdapter(
  id: Extract<ModelId, { provider: ProviderName }>,
  cfg: LlmConfig,
  env: Readonly<Record<string, string | undefined>>,
): { adapter: ProviderAdapter; secrets: string[] } {
  const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  switch (id.provider) {
    case "openai": {
      const baseUrl = cfg.baseUrl ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_DEFAULT_BASE_URL;
      const key = cfg.apiKey ?? nonEmpty(env.OPENAI_API_KEY);
      checkUrl(baseUrl, "OPENAI_BASE_URL");
      if (key === undefined && isHost(baseUrl, "api.openai.com")) missingKey("OPENAI_API_KEY", id.model);
      // OpenAI-compatible local servers ignore the key, but the client insists on one.
      const apiKey = key ?? "no-key";
      return {
        adapter: createOpenAiAdapter({ apiKey, baseUrl, timeoutMs: cfg.timeoutMs }),
        secrets: key ? [key] : [],
      };
    }
    case "anthropic": {
      const baseUrl = cfg.baseUrl ?? nonEmpty(env.ANTHROPIC_BASE_URL) ?? ANTHROPIC_DEFAULT_BASE_URL;
      checkUrl(baseUrl, "ANTHROPIC_BASE_URL");
      const key = cfg.apiKey ?? nonEmpty(env.ANTHROPIC_API_KEY);
      const token = key === undefined ? nonEmpty(env.ANTHROPIC_AUTH_TOKEN) : undefined;
      if (key === undefined && token === undefined && isHost(baseUrl, "api.anthropic.com")) {
        missingKey("ANTHROPIC_API_KEY", id.model);
      }
      const credential = token !== undefined ? { authToken: token } : { apiKey: key ?? "no-key" };
      const secret = key ?? token;
      return {
        adapter: createAnthropicAdapter({ credential, baseUrl, timeoutMs: cfg.timeoutMs }),
        secrets: secret ? [secret] : [],
      };
    }
    case "ollama": {
      const host = cfg.baseUrl ?? nonEmpty(env.OLLAMA_HOST) ?? OLLAMA_DEFAULT_HOST;
      const key = cfg.apiKey ?? nonEmpty(env.OLLAMA_API_KEY);
      return { adapter: createOllamaAdapter({ host, apiKey: key }), secrets: key ? [key] : [] };
    }
  }
}

function checkUrl(url: string, source: string): void {
  try {
    new URL(url);
  } catch {
    throw new AlchemistError("LLM_CONFIG", `${source} / baseUrl '${url}' is not a URL`, {
      parameter: "baseUrl",
    });
  }
}

function isHost(url: string, host: string): boolean {
  return new URL(url).hostname === host;
}

function missingKey(variable: string, model: string): never {
  throw new AlchemistError(
    "LLM_CONFIG",
    `no API key for ${model}: set ${variable} (or ALCHEMIST_LLM_API_KEY, or apiKey in alchemist.config.json)`,
    { parameter: "apiKey", suggestions: [variable, "ALCHEMIST_LLM_API_KEY"] },
  );
}

/** Every call rejects with LLM_UNAVAILABLE at once: no network, no ledger row. */
function noneGateway(ledger: LlmLedgerSink): Gateway {
  const reject = (): Promise<never> =>
    Promise.reject(
      new AlchemistError(
        "LLM_UNAVAILABLE",
        "no LLM is configured (model none): set ALCHEMIST_LLM=provider/model, e.g. openai/gpt-4o-mini or ollama/llama3.2",
        { parameter: "model", reason: "none" },
      ),
    );
  return {
    modelId: "none",
    provider: "none",
    model: "none",
    baseUrl: "",
    ledger,
    completeStructured: reject,
    completeJson: reject,
    complete: reject,
  };
}
