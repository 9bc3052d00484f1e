import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { describeLlmConfig, loadLlmConfig } from "./config.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alchemist-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeConfig = (llm: unknown, name = "alchemist.config.json") => {
  writeFileSync(join(dir, name), JSON.stringify({ llm }));
  return join(dir, name);
};

describe("loadLlmConfig", () => {
  test("defaults: model none, retries and timeout set, no limits, no budget", () => {
    const c = loadLlmConfig({ env: {}, cwd: dir });
    expect(c).toMatchObject({
      model: "none",
      maxRetries: 3,
      timeoutMs: 120_000,
      concurrency: 4,
      rateLimits: {},
      pricing: {},
    });
    expect(c.budgetUsd).toBeUndefined();
    expect(c.maxTokens).toBeUndefined();
  });

  test("flags > environment > file > defaults, key by key", () => {
    writeConfig({ model: "ollama/llama3.2", timeoutMs: 1000, maxRetries: 1, concurrency: 2 });
    const c = loadLlmConfig({
      cwd: dir,
      env: {
        ALCHEMIST_LLM: "openai/gpt-4o-mini",
        ALCHEMIST_LLM_TIMEOUT_MS: "2000",
        ALCHEMIST_LLM_BUDGET_USD: "1.5",
      },
      flags: { timeoutMs: 3000 },
    });
    expect(c).toMatchObject({
      model: "openai/gpt-4o-mini",
      timeoutMs: 3000,
      maxRetries: 1,
      concurrency: 2,
      budgetUsd: 1.5,
    });
  });

  test("rate limit shortcuts land on the provider of the final model; rateLimits and pricing merge deeply", () => {
    writeConfig({
      rateLimits: { openai: { tokensPerMinute: 90_000 }, ollama: { requestsPerMinute: 10 } },
      pricing: { "openai/a": { inputPerMTok: 1, outputPerMTok: 2 } },
    });
    const c = loadLlmConfig({
      cwd: dir,
      env: { ALCHEMIST_LLM_RPM: "500" },
      flags: { model: "openai/gpt-4.1", pricing: { "openai/b": { inputPerMTok: 3, outputPerMTok: 4 } } },
    });
    expect(c.rateLimits).toEqual({
      openai: { tokensPerMinute: 90_000, requestsPerMinute: 500 },
      ollama: { requestsPerMinute: 10 },
    });
    expect(Object.keys(c.pricing).sort()).toEqual(["openai/a", "openai/b"]);
  });

  test("config file by path (flag or ALCHEMIST_CONFIG); a missing explicit file is an error", () => {
    const p = writeConfig({ model: "anthropic/claude-haiku-4-5" }, "other.json");
    expect(loadLlmConfig({ cwd: "/", env: { ALCHEMIST_CONFIG: p } }).model).toBe(
      "anthropic/claude-haiku-4-5",
    );
    expect(loadLlmConfig({ cwd: dir, env: {}, flags: { configPath: "other.json" } }).model).toBe(
      "anthropic/claude-haiku-4-5",
    );
    expect(() => loadLlmConfig({ cwd: dir, env: {}, flags: { configPath: "nope.json" } })).toThrow(
      expect.objectContaining({ code: "LLM_CONFIG" }),
    );
  });

  test("bad values name the setting and where it came from", () => {
    expect(() => loadLlmConfig({ cwd: dir, env: { ALCHEMIST_LLM_MAX_RETRIES: "many" } })).toThrow(
      expect.objectContaining({
        code: "LLM_CONFIG",
        details: expect.objectContaining({ source: "ALCHEMIST_LLM_MAX_RETRIES" }),
      }),
    );
    expect(() => loadLlmConfig({ cwd: dir, env: {}, flags: { model: "claude/x" } })).toThrow(
      expect.objectContaining({
        code: "LLM_CONFIG",
        details: expect.objectContaining({ parameter: "model" }),
      }),
    );
    writeConfig({ concurrency: 0 });
    expect(() => loadLlmConfig({ cwd: dir, env: {} })).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({
          parameter: "concurrency",
          source: join(dir, "alchemist.config.json"),
        }),
      }),
    );
    writeFileSync(join(dir, "alchemist.config.json"), "{ not json");
    expect(() => loadLlmConfig({ cwd: dir, env: {} })).toThrow(/not valid JSON/);
  });

  test("the key is never echoed: not in errors, not in describeLlmConfig", () => {
    const key = "sk-live-abcdefghijklmnop";
    let message = "";
    try {
      loadLlmConfig({ cwd: dir, env: { ALCHEMIST_LLM_API_KEY: key }, flags: { baseUrl: key } });
    } catch (e) {
      message = JSON.stringify((e as { toJSON(): unknown }).toJSON());
    }
    expect(message).toContain("baseUrl");
    expect(message).not.toContain(key);
    const c = loadLlmConfig({ cwd: dir, env: { ALCHEMIST_LLM_API_KEY: key } });
    expect(c.apiKey).toBe(key);
    expect(JSON.stringify(describeLlmConfig(c))).not.toContain(key);
  });
});
