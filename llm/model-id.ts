/** Parses `provider/model` strings (`openai/gpt-4o-mini`, `anthropic/claude-sonnet-4-5`, `ollama/llama3.2`, `none`). */
import { AlchemistError } from "../core/errors.js";

export const PROVIDERS = ["openai", "anthropic", "ollama"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export type ModelId = { provider: "none"; model: "none" } | { provider: ProviderName; model: string };

/**
 * Splits at the first `/`, so model names may hold slashes themselves (`openai/meta-llama/Llama-3-8B`
 * on an OpenAI-compatible server). Throws LLM_CONFIG naming `model` for anything else.
 */
export function parseModelId(id: string): ModelId {
  const trimmed = id.trim();
  if (trimmed === "none" || trimmed === "") return { provider: "none", model: "none" };
  const slash = trimmed.indexOf("/");
  const provider = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const model = slash < 0 ? "" : trimmed.slice(slash + 1).trim();
  const known = (PROVIDERS as readonly string[]).includes(provider);
  if (!known) {
    throw new AlchemistError(
      "LLM_CONFIG",
      `unknown LLM provider '${provider}' in '${trimmed}': use provider/model with provider one of ${PROVIDERS.join(", ")}, or none`,
      { parameter: "model", allowed: [...PROVIDERS, "none"], suggestions: suggestProvider(provider) },
    );
  }
  if (model === "") {
    throw new AlchemistError("LLM_CONFIG", `'${trimmed}' names no model: write ${provider}/<model>`, {
      parameter: "model",
    });
  }
  return { provider: provider as ProviderName, model };
}

export function formatModelId(id: ModelId): string {
  return id.provider === "none" ? "none" : `${id.provider}/${id.model}`;
}

function suggestProvider(given: string): string[] {
  const g = given.toLowerCase();
  const hints: Record<string, ProviderName> = { gpt: "openai", claude: "anthropic", llama: "ollama" };
  const out = new Set<string>();
  for (const p of PROVIDERS) if (p.startsWith(g.slice(0, 3)) && g.length >= 3) out.add(p);
  for (const [prefix, p] of Object.entries(hints)) if (g.startsWith(prefix)) out.add(p);
  return [...out];
}
