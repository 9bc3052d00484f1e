/** Unit tests of the gateway's small parts: model ids, pricing, redaction, backoff, JSON extraction, schemas. */
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { extractJson } from "./json-extract.js";
import { toProviderSchema } from "./json-schema.js";
import { parseModelId } from "./model-id.js";
import { costUsd, priceFor } from "./pricing.js";
import { redact, redactDeep } from "./redact.js";
import { backoffMs, retryAfterMs } from "./retry.js";

describe("parseModelId", () => {
  test("provider/model, slashes kept in the model, none", () => {
    expect(parseModelId("openai/gpt-4o-mini")).toEqual({ provider: "openai", model: "gpt-4o-mini" });
    expect(parseModelId("openai/meta-llama/Llama-3-8B")).toEqual({
      provider: "openai",
      model: "meta-llama/Llama-3-8B",
    });
    expect(parseModelId("none")).toEqual({ provider: "none", model: "none" });
  });
  test("unknown provider and missing model are LLM_CONFIG with suggestions", () => {
    expect(() => parseModelId("claude/sonnet")).toThrow(
      expect.objectContaining({
        code: "LLM_CONFIG",
        details: expect.objectContaining({ suggestions: ["anthropic"] }),
      }),
    );
    expect(() => parseModelId("ollama/")).toThrow(expect.objectContaining({ code: "LLM_CONFIG" }));
    expect(() => parseModelId("gpt-4o")).toThrow(expect.objectContaining({ code: "LLM_CONFIG" }));
  });
});

describe("pricing", () => {
  test("exact, dated variants by longest prefix, overrides, ollama free, unknown free", () => {
    expect(priceFor("openai/gpt-4o-mini")).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(priceFor("openai/gpt-4o-mini-2024-07-18")).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(priceFor("anthropic/claude-sonnet-4-20250514")).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(
      priceFor("openai/gpt-4o", { "openai/gpt-4o": { inputPerMTok: 1, outputPerMTok: 1 } }).inputPerMTok,
    ).toBe(1);
    expect(priceFor("ollama/llama3.2")).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceFor("openai/my-finetune")).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(costUsd({ inputPerMTok: 2.5, outputPerMTok: 10 }, 1000, 500)).toBeCloseTo(0.0075, 12);
  });
});

describe("redact", () => {
  test("known secrets and key-shaped strings are replaced", () => {
    expect(redact("key=abc123secret and more", ["abc123secret"])).toBe("key=[redacted] and more");
    expect(redact("Incorrect API key provided: sk-proj-AbCdEf123456")).not.toContain("AbCdEf123456");
    expect(redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x")).not.toContain("eyJhbG");
    expect(redact('{"x-api-key": "abcdefgh1234"}')).not.toContain("abcdefgh1234");
    expect(redactDeep({ apiKey: "whatever", nested: ["sk-ant-api03-zzzzzzzzzz"] })).toEqual({
      apiKey: "[redacted]",
      nested: ["[redacted]"],
    });
  });
});

describe("retry timing", () => {
  test("full jitter stays within the exponential ceiling", () => {
    expect(backoffMs(1, 100, 1000, () => 0.999)).toBe(99);
    expect(backoffMs(3, 100, 1000, () => 0.999)).toBe(399);
    expect(backoffMs(10, 100, 1000, () => 0.999)).toBe(999);
    expect(backoffMs(2, 100, 1000, () => 0)).toBe(0);
  });
  test("Retry-After as seconds, HTTP date, retry-after-ms (preferred)", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "Retry-After": "Wed, 01 Jan 2025 00:00:05 GMT" }, now)).toBe(5000);
    expect(retryAfterMs({ "retry-after": "Tue, 31 Dec 2024 23:00:00 GMT" }, now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "150", "retry-after": "9" }), now)).toBe(150);
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe("extractJson", () => {
  test("bare, fenced, amid prose; strings holding brackets are not fooled", () => {
    expect(extractJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson("Here:\n```json\n[1, 2]\n```\nDone.")).toEqual({ ok: true, value: [1, 2] });
    expect(extractJson('Result: {"s": "a } b", "t": [1]} — hope it helps')).toEqual({
      ok: true,
      value: { s: "a } b", t: [1] },
    });
    expect(extractJson("no json here").ok).toBe(false);
    expect(extractJson('{"a": tru').ok).toBe(false);
    expect(extractJson("   ")).toEqual({ ok: false, reason: "empty answer" });
  });
});

describe("toProviderSchema", () => {
  test("object roots kept, strict when every field is required; $schema and default removed", () => {
    const s = toProviderSchema(z.object({ a: z.string(), b: z.enum(["x", "y"]).default("x") }));
    expect(s.wrapped).toBe(false);
    expect(s.strictCompatible).toBe(true);
    expect(JSON.stringify(s.schema)).not.toMatch(/\$schema|"default"/);
    expect(toProviderSchema(z.object({ a: z.string().optional() })).strictCompatible).toBe(false);
    expect(toProviderSchema(z.object({ m: z.record(z.string(), z.number()) })).strictCompatible).toBe(false);
  });
  test("non-object roots are wrapped under value", () => {
    const s = toProviderSchema(z.array(z.number()));
    expect(s.wrapped).toBe(true);
    expect(s.schema).toEqual({
      type: "object",
      properties: { value: { type: "array", items: { type: "number" } } },
      required: ["value"],
      additionalProperties: false,
    });
  });
  test("a property named default survives", () => {
    const s = toProviderSchema(z.object({ default: z.string() }));
    expect(Object.keys(s.schema.properties as object)).toEqual(["default"]);
  });
});
