/**
 * The fault matrix, through the real `openai`, `@anthropic-ai/sdk` and `ollama` clients against local
 * fakes: each case asserts the outcome or error code, the attempts made, and the ledger rows written to
 * a real SQLite file.
 */
import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import type { LlmMessage } from "../../llm/index.js";
import { closedPort, type FakeProtocol } from "./index.js";
import { type Harness, harness, rejection } from "./gateway-harness.js";

const MESSAGES: LlmMessage[] = [
  { role: "system", content: "You are a test." },
  { role: "user", content: "Say ok." },
];
const Schema = z.object({ ok: z.boolean() });
const opts = { purpose: "profiler" as const, runId: "run-1" };

interface ProviderCase {
  /** Headers of a 429 asking for a wait, and the least wait they mean (ms). */
  retryAfter: () => Record<string, string>;
  minWaitMs: number;
  /** A 400 body refusing structured output, as the provider words it. */
  refuseSchema: string;
  /** A 400 refusing the native JSON mode; null where completeJson is prompted anyway. */
  refuseJson: string | null;
  /** What the request must carry to ask for structured output. */
  structuredField: (body: Record<string, unknown>) => unknown;
}

const CASES: Record<FakeProtocol, ProviderCase> = {
  openai: {
    retryAfter: () => ({ "retry-after": "1" }),
    minWaitMs: 950,
    refuseSchema:
      "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    refuseJson:
      "Invalid parameter: 'response_format' of type 'json_object' is not supported with this model.",
    structuredField: (b) => b.response_format,
  },
  anthropic: {
    retryAfter: () => ({ "retry-after-ms": "500" }),
    minWaitMs: 480,
    refuseSchema: "tools: tool use is not supported by this model",
    refuseJson: null,
    structuredField: (b) => b.tool_choice,
  },
  ollama: {
    // An HTTP date ~2 s ahead (second resolution): at least ~1 s from now.
    retryAfter: () => ({ "retry-after": new Date(Date.now() + 2000).toUTCString() }),
    minWaitMs: 950,
    refuseSchema: "invalid format: structured outputs are not supported by this model",
    refuseJson: "invalid format: json is not supported by this model",
    structuredField: (b) => b.format,
  },
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** [attempt, outcome, error code] per ledger row, oldest first. */
function ledger(x: Harness): [number, string, string | null][] {
  return x.memory.ledger.rows().map((r) => [r.attempt, r.outcome, r.errorCode]);
}

describe.each(Object.keys(CASES) as FakeProtocol[])("%s fault matrix", (provider) => {
  const c = CASES[provider];
  const priced = { pricing: { [`${provider}/fake-model`]: { inputPerMTok: 1000, outputPerMTok: 2000 } } };

  test("429 with Retry-After: waits as asked, retries, succeeds", async () => {
    h = await harness(provider);
    h.fake.enqueue(h.fake.error(429, "Rate limit reached for requests", c.retryAfter()));
    const r = await h.gateway.completeStructured(MESSAGES, Schema, opts);
    expect(r.value).toEqual({ ok: true });
    expect(r.usage.attempts).toBe(2);
    const [first, second] = h.fake.chatRequests();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(c.minWaitMs);
    // the SDK's own retries are off: it says so on every request
    expect(first!.headers["x-stainless-retry-count"] ?? "0").toBe("0");
    expect(ledger(h)).toEqual([
      [1, "error", "LLM_RATE_LIMITED"],
      [2, "ok", null],
    ]);
  });

  test("500 then success", async () => {
    h = await harness(provider);
    h.fake.enqueue(h.fake.error(500, "The server had an error while processing your request."));
    const r = await h.gateway.complete(MESSAGES, opts);
    expect(r.value).toBe(JSON.stringify({ ok: true }));
    expect(r.usage.attempts).toBe(2);
    expect(h.fake.chatRequests()).toHaveLength(2);
    expect(ledger(h)).toEqual([
      [1, "error", "LLM_UNAVAILABLE"],
      [2, "ok", null],
    ]);
  });

  test("timeout: every attempt aborted at the per-call timeout, then LLM_TIMEOUT", async () => {
    h = await harness(provider, { timeoutMs: 250, maxRetries: 1 });
    h.fake.enqueue({ delayMs: 5000 }, { delayMs: 5000 });
    const t0 = performance.now();
    const e = await rejection(h.gateway.complete(MESSAGES, opts));
    expect(e.code).toBe("LLM_TIMEOUT");
    expect(e.details.attempts).toBe(2);
    expect(performance.now() - t0).toBeLessThan(2500);
    expect(h.fake.chatRequests()).toHaveLength(2);
    expect(ledger(h)).toEqual([
      [1, "error", "LLM_TIMEOUT"],
      [2, "error", "LLM_TIMEOUT"],
    ]);
  });

  test("connection refused (closed port): retried, then LLM_UNAVAILABLE", async () => {
    h = await harness(provider);
    const port = await closedPort();
    const url = provider === "openai" ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
    const gw = h.gatewayWith({ baseUrl: url, maxRetries: 2 });
    const e = await rejection(gw.complete(MESSAGES, opts));
    expect(e.code).toBe("LLM_UNAVAILABLE");
    expect(e.details.reason).toBe("connection");
    expect(e.details.attempts).toBe(3);
    expect(e.message).toMatch(/ECONNREFUSED/);
    expect(ledger(h)).toEqual([
      [1, "error", "LLM_UNAVAILABLE"],
      [2, "error", "LLM_UNAVAILABLE"],
      [3, "error", "LLM_UNAVAILABLE"],
    ]);
  });

  test("connection dropped mid-request, then success", async () => {
    h = await harness(provider);
    h.fake.enqueue({ drop: true });
    const r = await h.gateway.complete(MESSAGES, opts);
    expect(r.usage.attempts).toBe(2);
    expect(ledger(h)).toEqual([
      [1, "error", "LLM_UNAVAILABLE"],
      [2, "ok", null],
    ]);
  });

  test("malformed JSON body: LLM_BAD_RESPONSE, not retried", async () => {
    h = await harness(provider);
    h.fake.enqueue({ status: 200, body: '{"choices": [{"message": ' });
    const e = await rejection(h.gateway.complete(MESSAGES, opts));
    expect(e.code).toBe("LLM_BAD_RESPONSE");
    expect(e.details.reason).toBe("malformed_body");
    expect(e.details.attempts).toBe(1);
    expect(h.fake.chatRequests()).toHaveLength(1);
    expect(ledger(h)).toEqual([[1, "error", "LLM_BAD_RESPONSE"]]);
  });

  test("malformed JSON in the answer: LLM_BAD_RESPONSE malformed_json, tokens still billed", async () => {
    h = await harness(provider, priced);
    h.fake.enqueue(h.fake.text('Sure! {"ok": tru', { inputTokens: 10, outputTokens: 5 }));
    const e = await rejection(h.gateway.completeJson(MESSAGES, opts));
    expect(e.code).toBe("LLM_BAD_RESPONSE");
    expect(e.details.reason).toBe("malformed_json");
    const [row] = h.memory.ledger.rows();
    expect(row).toMatchObject({
      outcome: "error",
      errorCode: "LLM_BAD_RESPONSE",
      inputTokens: 10,
      outputTokens: 5,
    });
    expect(row!.costUsd).toBeCloseTo((10 * 1000 + 5 * 2000) / 1e6, 12);
  });

  test("JSON that violates the schema: LLM_BAD_RESPONSE with the zod issues", async () => {
    h = await harness(provider, priced);
    h.fake.enqueue(h.fake.json({ ok: "yes" }, { inputTokens: 20, outputTokens: 4 }));
    const e = await rejection(h.gateway.completeStructured(MESSAGES, Schema, opts));
    expect(e.code).toBe("LLM_BAD_RESPONSE");
    expect(e.details.reason).toBe("schema_mismatch");
    expect(e.details.issues).toEqual([expect.objectContaining({ path: "ok", code: "invalid_type" })]);
    expect(e.details.attempts).toBe(1);
    expect(c.structuredField(h.fake.chatRequests()[0]!.body as Record<string, unknown>)).toBeDefined();
    expect(h.memory.ledger.rows()[0]).toMatchObject({ errorCode: "LLM_BAD_RESPONSE", method: "structured" });
    expect(h.memory.ledger.totals({ runId: "run-1" }).costUsd).toBeCloseTo((20 * 1000 + 4 * 2000) / 1e6, 12);
  });

  test("a server that refuses structured output: LLM_UNSUPPORTED, remembered; completeJson still works", async () => {
    h = await harness(provider);
    h.fake.enqueue(h.fake.error(400, c.refuseSchema));
    const e = await rejection(h.gateway.completeStructured(MESSAGES, Schema, opts));
    expect(e.code).toBe("LLM_UNSUPPORTED");
    expect(e.details.feature).toBe("schema");
    expect(e.details.attempts).toBe(1);

    // remembered: the next structured call fails at once, without a request
    const again = await rejection(h.gateway.completeStructured(MESSAGES, Schema, opts));
    expect(again.code).toBe("LLM_UNSUPPORTED");
    expect(h.fake.chatRequests()).toHaveLength(1);

    if (c.refuseJson !== null) h.fake.enqueue(h.fake.error(400, c.refuseJson));
    const r = await h.gateway.completeJson(MESSAGES, opts);
    expect(r.value).toEqual({ ok: true });
    const last = h.fake.chatRequests().at(-1)!.body as Record<string, unknown>;
    expect(last.response_format ?? last.format ?? last.tools).toBeUndefined(); // asked in words
    expect(JSON.stringify(last)).toMatch(/one JSON value/);
    const expected: [number, string, string | null][] = [[1, "error", "LLM_UNSUPPORTED"]];
    if (c.refuseJson !== null) expected.push([1, "error", "LLM_UNSUPPORTED"], [2, "ok", null]);
    else expected.push([1, "ok", null]);
    expect(ledger(h)).toEqual(expected);
    expect(r.usage.attempts).toBe(c.refuseJson !== null ? 2 : 1);
  });

  test("an empty answer: LLM_BAD_RESPONSE empty", async () => {
    h = await harness(provider);
    h.fake.enqueue(h.fake.text(""));
    const e = await rejection(h.gateway.complete(MESSAGES, opts));
    expect(e.code).toBe("LLM_BAD_RESPONSE");
    expect(e.details.reason).toBe("empty");
    expect(e.details.attempts).toBe(1);
    expect(ledger(h)).toEqual([[1, "error", "LLM_BAD_RESPONSE"]]);
  });

  test("a truncated answer (token cap hit): LLM_BAD_RESPONSE truncated", async () => {
    h = await harness(provider);
    h.fake.enqueue(h.fake.text('{"ok": tr', { finish: "length" }));
    const e = await rejection(h.gateway.completeJson(MESSAGES, { ...opts, maxTokens: 5 }));
    expect(e.code).toBe("LLM_BAD_RESPONSE");
    expect(e.details.reason).toBe("truncated");
    expect(e.details.attempts).toBe(1);
    expect(ledger(h)).toEqual([[1, "error", "LLM_BAD_RESPONSE"]]);
    const body = h.fake.chatRequests()[0]!.body as Record<string, unknown>;
    const cap = body.max_tokens ?? (body.options as { num_predict?: number } | undefined)?.num_predict;
    expect(cap).toBe(5);
  });
});
