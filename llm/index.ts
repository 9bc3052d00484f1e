/** The LLM gateway: `provider/model` routing, structured/JSON/text calls, limits, retries, cost ledger. */
export type { Reading } from "./answers.js";
export {
  CONFIG_FILE_NAME,
  describeLlmConfig,
  LLM_ENV_VARS,
  type LlmConfig,
  type LlmConfigFlags,
  type LlmConfigInput,
  LlmConfigSchema,
  type LoadLlmConfigOptions,
  loadLlmConfig,
} from "./config.js";
export { createGateway, type Gateway, type GatewayOptions } from "./gateway.js";
export { extractJson, type JsonExtraction } from "./json-extract.js";
export { type ProviderSchema, toProviderSchema } from "./json-schema.js";
export { createMemoryLedger, type InMemoryLedger } from "./memory-ledger.js";
export { formatModelId, type ModelId, PROVIDERS, type ProviderName, parseModelId } from "./model-id.js";
export { costUsd, DEFAULT_PRICING, type ModelPrice, type PricingTable, priceFor } from "./pricing.js";
export { type LimiterSettings, LlmLimiter, type Permit, sharedLimiter, TokenBucket } from "./rate-limiter.js";
export { redact } from "./redact.js";
export { backoffMs, retryAfterMs } from "./retry.js";
export type {
  LlmCallOptions,
  LlmCallRecord,
  LlmGateway,
  LlmLedgerSink,
  LlmMessage,
  LlmMethod,
  LlmPurpose,
  LlmResult,
  LlmUsage,
} from "./types.js";
