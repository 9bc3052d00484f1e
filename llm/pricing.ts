/** Cost of a call from a pricing table in USD per million input/output tokens. */

export interface ModelPrice {
  /** USD per 1,000,000 input (prompt) tokens. */
  inputPerMTok: number;
  /** USD per 1,000,000 output (completion) tokens. */
  outputPerMTok: number;
}

/** Keyed by `provider/model`; a key matches that model and any dated or suffixed variant of it. */
export type PricingTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices of a few well-known models (USD per 1M tokens, standard tier, no caching discounts) as
 * published by the providers in 2025. Prices change: override them with the `pricing` config key.
 * Unknown models and every `ollama/` model cost 0.
 */
export const DEFAULT_PRICING: PricingTable = {
  "openai/gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
  "openai/gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  "openai/gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
  "openai/gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  "openai/gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  "openai/o3": { inputPerMTok: 2, outputPerMTok: 8 },
  "openai/o4-mini": { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  "openai/gpt-5": { inputPerMTok: 1.25, outputPerMTok: 10 },
  "openai/gpt-5-mini": { inputPerMTok: 0.25, outputPerMTok: 2 },
  "openai/gpt-5-nano": { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  "anthropic/claude-opus-4": { inputPerMTok: 15, outputPerMTok: 75 },
  "anthropic/claude-opus-4-1": { inputPerMTok: 15, outputPerMTok: 75 },
  "anthropic/claude-sonnet-4": { inputPerMTok: 3, outputPerMTok: 15 },
  "anthropic/claude-sonnet-4-5": { inputPerMTok: 3, outputPerMTok: 15 },
  "anthropic/claude-haiku-4-5": { inputPerMTok: 1, outputPerMTok: 5 },
  "anthropic/claude-3-5-haiku": { inputPerMTok: 0.8, outputPerMTok: 4 },
  "anthropic/claude-3-7-sonnet": { inputPerMTok: 3, outputPerMTok: 15 },
};

const ZERO: ModelPrice = { inputPerMTok: 0, outputPerMTok: 0 };

/**
 * The price of `provider/model`: an exact key first, else the longest key that the id extends with
 * `-` (so `anthropic/claude-sonnet-4-20250514` takes `anthropic/claude-sonnet-4`, and
 * `openai/gpt-4o-mini` is never priced as `openai/gpt-4o` when both are listed). `overrides` win over
 * the defaults key by key.
 */
export function priceFor(modelId: string, overrides: PricingTable = {}): ModelPrice {
  if (modelId.startsWith("ollama/")) return overrides[modelId] ?? ZERO;
  const table: Record<string, ModelPrice> = { ...DEFAULT_PRICING, ...overrides };
  const exact = table[modelId];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (modelId.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? ZERO : (table[best] ?? ZERO);
}

/** USD for the given token counts. */
export function costUsd(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}
