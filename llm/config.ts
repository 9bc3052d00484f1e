/**
 * Gateway settings: one zod schema, merged from flags > environment > `alchemist.config.json` (its
 * `llm` section) > defaults.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import { parseModelId } from "./model-id.js";
import { redact } from "./redact.js";

const RateLimitSchema = z
  .object({
    requestsPerMinute: z.number().positive().optional().describe("requests per minute; absent = unlimited"),
    tokensPerMinute: z
      .number()
      .positive()
      .optional()
      .describe("input+output tokens per minute; absent = unlimited"),
  })
  .strict();

const PriceSchema = z
  .object({
    inputPerMTok: z.number().min(0).describe("USD per 1M input tokens"),
    outputPerMTok: z.number().min(0).describe("USD per 1M output tokens"),
  })
  .strict();

export const LlmConfigSchema = z
  .object({
    model: z
      .string()
      .default("none")
      .describe("provider/model: openai/<model>, anthropic/<model>, ollama/<model>, or none"),
    baseUrl: z
      .url()
      .optional()
      .describe(
        "server URL; default from OPENAI_BASE_URL / ANTHROPIC_BASE_URL / OLLAMA_HOST, else the provider's",
      ),
    apiKey: z
      .string()
      .min(1)
      .optional()
      .describe("API key; default from OPENAI_API_KEY / ANTHROPIC_API_KEY (never logged)"),
    timeoutMs: z.number().int().min(1).max(3_600_000).default(120_000).describe("per-attempt timeout in ms"),
    maxRetries: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(3)
      .describe("retries after a 429, 5xx, timeout or connection error"),
    backoffBaseMs: z.number().min(0).max(600_000).default(500).describe("first backoff ceiling in ms"),
    backoffMaxMs: z.number().min(0).max(600_000).default(30_000).describe("backoff ceiling in ms"),
    retryAfterMaxMs: z
      .number()
      .min(0)
      .max(3_600_000)
      .default(60_000)
      .describe("a server asking to wait longer than this fails the call at once (LLM_RATE_LIMITED)"),
    maxTokens: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe("output token cap per call; absent = the server default (anthropic: 4096)"),
    temperature: z
      .number()
      .min(0)
      .max(2)
      .optional()
      .describe("sampling temperature; absent = the model's default"),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(4)
      .describe("calls in flight at once per provider"),
    rateLimits: z
      .object({ openai: RateLimitSchema, anthropic: RateLimitSchema, ollama: RateLimitSchema })
      .partial()
      .strict()
      .default({})
      .describe("rate limits per provider"),
    pricing: z
      .record(z.string(), PriceSchema)
      .default({})
      .describe("price overrides keyed by provider/model, USD per 1M tokens"),
    budgetUsd: z.number().min(0).optional().describe("money budget per run in USD; absent = unlimited"),
  })
  .strict();

export type LlmConfig = z.output<typeof LlmConfigSchema>;
export type LlmConfigInput = z.input<typeof LlmConfigSchema>;

/** What the CLI passes: any config key, plus shortcuts for the configured provider's rate limits. */
export type LlmConfigFlags = Partial<LlmConfigInput> & {
  /** Path of the config file (default `alchemist.config.json` in `cwd`, if it exists). */
  configPath?: string;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
};

export const CONFIG_FILE_NAME = "alchemist.config.json";

/** Environment variables read by `loadLlmConfig`, with the key each sets. */
export const LLM_ENV_VARS = {
  ALCHEMIST_LLM: "model",
  ALCHEMIST_LLM_BASE_URL: "baseUrl",
  ALCHEMIST_LLM_API_KEY: "apiKey",
  ALCHEMIST_LLM_TIMEOUT_MS: "timeoutMs",
  ALCHEMIST_LLM_MAX_RETRIES: "maxRetries",
  ALCHEMIST_LLM_MAX_TOKENS: "maxTokens",
  ALCHEMIST_LLM_CONCURRENCY: "concurrency",
  ALCHEMIST_LLM_RPM: "requestsPerMinute",
  ALCHEMIST_LLM_TPM: "tokensPerMinute",
  ALCHEMIST_LLM_BUDGET_USD: "budgetUsd",
  ALCHEMIST_CONFIG: "configPath",
} as const;

const NUMERIC_KEYS = new Set([
  "timeoutMs",
  "maxRetries",
  "maxTokens",
  "concurrency",
  "requestsPerMinute",
  "tokensPerMinute",
  "budgetUsd",
]);

export interface LoadLlmConfigOptions {
  flags?: LlmConfigFlags;
  /** Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where `alchemist.config.json` is looked for, and relative paths resolve. Default `process.cwd()`. */
  cwd?: string;
}

type Layer = Record<string, unknown>;

/**
 * Builds the config from its sources. Throws LLM_CONFIG naming the setting and its source for an
 * unreadable file, a non-numeric variable, a value out of bounds or an unknown provider.
 */
export function loadLlmConfig(options: LoadLlmConfigOptions = {}): LlmConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const flags: Layer = { ...(options.flags ?? {}) };
  const fromEnv = envLayer(env);
  const configPath = (flags.configPath as string | undefined) ?? (fromEnv.configPath as string | undefined);
  delete flags.configPath;
  delete fromEnv.configPath;
  const fromFile = fileLayer(configPath, cwd);

  const secrets = [flags.apiKey, fromEnv.apiKey, fromFile.apiKey].filter(
    (s): s is string => typeof s === "string",
  );
  const layers: [string, Layer][] = [
    [fromFile.source as string, fromFile.values as Layer],
    ["environment", fromEnv],
    ["flags", flags],
  ];
  // The shortcuts limit the provider of the model finally chosen, whichever layer names it.
  const model = [flags.model, fromEnv.model, fromFile.values.model].find((m) => typeof m === "string") as
    | string
    | undefined;
  let merged: Layer = {};
  for (const [, layer] of layers) merged = mergeLayer(merged, applyRateShortcuts(layer, model));
  const parsed = LlmConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = issue.path.join(".") || "llm";
    const source = layers.findLast(([, l]) => hasPath(l, issue.path))?.[0] ?? "defaults";
    throw new AlchemistError(
      "LLM_CONFIG",
      redact(`invalid LLM setting '${parameter}' (from ${source}): ${issue.message}`, secrets),
      {
        parameter,
        source,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
    );
  }
  parseModelId(parsed.data.model); // unknown provider or empty model → LLM_CONFIG naming `model`
  return parsed.data;
}

/** A copy safe to log or print: the key replaced by `[redacted]`. */
export function describeLlmConfig(config: LlmConfig): Record<string, unknown> {
  return { ...config, apiKey: config.apiKey === undefined ? undefined : "[redacted]" };
}

function envLayer(env: Readonly<Record<string, string | undefined>>): Layer {
  const out: Layer = {};
  for (const [name, key] of Object.entries(LLM_ENV_VARS)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    if (NUMERIC_KEYS.has(key)) {
      const v = Number(raw.trim());
      if (!Number.isFinite(v)) {
        throw new AlchemistError("LLM_CONFIG", `${name} must be a number, got '${raw}'`, {
          parameter: key,
          source: name,
        });
      }
      out[key] = v;
    } else out[key] = raw.trim();
  }
  return out;
}

function fileLayer(
  path: string | undefined,
  cwd: string,
): { source: string; values: Layer; apiKey?: string } {
  const explicit = path !== undefined;
  const full = explicit ? (isAbsolute(path) ? path : resolve(cwd, path)) : resolve(cwd, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch (e) {
    if (!explicit && (e as NodeJS.ErrnoException).code === "ENOENT")
      return { source: "defaults", values: {} };
    throw new AlchemistError("LLM_CONFIG", `cannot read the config file ${full}: ${(e as Error).message}`, {
      parameter: "configPath",
      path: full,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AlchemistError(
      "LLM_CONFIG",
      `the config file ${full} is not valid JSON: ${(e as Error).message}`,
      {
        parameter: "configPath",
        path: full,
      },
    );
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new AlchemistError("LLM_CONFIG", `the config file ${full} must hold a JSON object`, { path: full });
  }
  const llm = (json as Record<string, unknown>).llm;
  if (llm === undefined) return { source: full, values: {} };
  if (llm === null || typeof llm !== "object" || Array.isArray(llm)) {
    throw new AlchemistError("LLM_CONFIG", `'llm' in ${full} must be an object`, {
      parameter: "llm",
      path: full,
    });
  }
  const values = { ...(llm as Layer) };
  return { source: full, values, ...(typeof values.apiKey === "string" ? { apiKey: values.apiKey } : {}) };
}

/** Moves the `requestsPerMinute`/`tokensPerMinute` shortcuts under `rateLimits.<provider of model>`. */
function applyRateShortcuts(layer: Layer, model: string | undefined): Layer {
  const { requestsPerMinute, tokensPerMinute, ...rest } = layer;
  if (requestsPerMinute === undefined && tokensPerMinute === undefined) return rest;
  const provider = parseModelId(model ?? "none").provider;
  if (provider === "none") return rest; // no provider to limit
  const limits: Layer = {};
  if (requestsPerMinute !== undefined) limits.requestsPerMinute = requestsPerMinute;
  if (tokensPerMinute !== undefined) limits.tokensPerMinute = tokensPerMinute;
  const existing = (rest.rateLimits as Layer | undefined) ?? {};
  return {
    ...rest,
    rateLimits: {
      ...existing,
      [provider]: { ...((existing[provider] as Layer | undefined) ?? {}), ...limits },
    },
  };
}

/** Later layers win key by key; `rateLimits` (per provider) and `pricing` (per model) merge deeper. */
function mergeLayer(base: Layer, over: Layer): Layer {
  const out: Layer = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    if (k === "rateLimits" && isRecord(v) && isRecord(out[k])) {
      const merged: Layer = { ...(out[k] as Layer) };
      for (const [p, lim] of Object.entries(v)) {
        merged[p] = isRecord(lim) && isRecord(merged[p]) ? { ...(merged[p] as Layer), ...lim } : lim;
      }
      out[k] = merged;
    } else if (k === "pricing" && isRecord(v) && isRecord(out[k])) {
      out[k] = { ...(out[k] as Layer), ...v };
    } else out[k] = v;
  }
  return out;
}

function isRecord(v: unknown): v is Layer {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function hasPath(layer: Layer, path: readonly PropertyKey[]): boolean {
  let cur: unknown = layer;
  for (const p of path) {
    if (!isRecord(cur) || !(String(p) in cur)) return false;
    cur = cur[String(p)];
  }
  return true;
}
