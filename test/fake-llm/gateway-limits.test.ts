/**
 * Gateway behaviour beyond single faults, through the real SDKs: rate limit and concurrency under load,
 * ledger sums per purpose, the money budget, the `none` model, what each SDK sends, and keys kept out of
 * every error, log line and ledger row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { createGateway, type LlmMessage } from "../../llm/index.js";
import { type Harness, harness, rejection, TEST_KEY } from "./gateway-harness.js";
import { textBody } from "./index.js";

const MESSAGES: LlmMessage[] = [{ role: "user", content: "Say ok." }];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  vi.restoreAllMocks();
});

describe("rate limit and concurrency", () => {
  test("20 concurrent calls under 5 requests/s take ~3 s and never trip the server's limit", async () => {
    h = await harness(
      "openai",
      { rateLimits: { openai: { requestsPerMinute: 300 } }, concurrency: 20 },
      // 500 ms of arrival jitter forgiven (2.5 requests): a client without a limiter, or with a
      // minute-sized burst, still trips it on ~12 of the 20 requests.
      { rateLimit: { perSecond: 5, toleranceMs: 500 } },
    );
    const gw = h.gateway;
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gw.complete(MESSAGES, { purpose: "proposer", runId: `r${i % 2}` }),
      ),
    );
    const elapsed = performance.now() - t0;
    // a bucket of 5 then 5/s: the 20th request may leave at 3 s, not before
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    expect(elapsed).toBeLessThan(4500);
    expect(h.fake.stats.tooFast).toBe(0);
    expect(h.fake.stats.total).toBe(20);
    expect(results.every((r) => r.usage.attempts === 1)).toBe(true);
    expect(h.memory.ledger.totals()).toMatchObject({ calls: 20, attempts: 20, errors: 0 });
    process.stderr.write(`[concurrency test] 20 calls at 5 req/s: ${Math.round(elapsed)} ms\n`);
  });

  test("control: without a client limit the same burst trips the fake's rate check", async () => {
    h = await harness(
      "openai",
      { concurrency: 20 },
      { rateLimit: { perSecond: 5, toleranceMs: 500, reject: false } },
    );
    const gw = h.gateway;
    await Promise.all(Array.from({ length: 20 }, () => gw.complete(MESSAGES, { purpose: "proposer" })));
    expect(h.fake.stats.tooFast).toBeGreaterThanOrEqual(10);
  });

  test("the concurrency cap holds", async () => {
    h = await harness("ollama", { concurrency: 3 });
    const fake = h.fake;
    // Each answer echoes its question, slowly: no call gets another's answer, three at a time.
    const echo = {
      delayMs: 80,
      body: (r: { body: unknown }) => {
        const msgs = (r.body as { messages: { content: string }[] }).messages;
        return textBody("ollama", r.body, `echo ${msgs.at(-1)!.content}`);
      },
    };
    for (let i = 0; i < 9; i++) fake.enqueue(echo);
    const gw = h.gateway;
    const t0 = performance.now();
    const out = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        gw.complete([{ role: "user", content: `q${i}` }], { purpose: "qa" }),
      ),
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(3 * 80 - 10);
    expect(fake.stats.maxInFlight).toBe(3);
    expect(out.map((r) => r.value)).toEqual(Array.from({ length: 9 }, (_, i) => `echo q${i}`));
  });

  test("a 429 storm is absorbed: Retry-After pauses every caller, all calls end ok", async () => {
    h = await harness("anthropic", { maxRetries: 4, concurrency: 8 });
    const fake = h.fake;
    for (let i = 0; i < 4; i++) fake.enqueue(fake.error(429, "slow down", { "retry-after-ms": "150" }));
    const gw = h.gateway;
    const out = await Promise.all(Array.from({ length: 8 }, () => gw.complete(MESSAGES, { purpose: "qa" })));
    expect(out).toHaveLength(8);
    const totals = h.memory.ledger.totals();
    expect(totals).toMatchObject({ calls: 8, attempts: 12, errors: 4 });
  });
});

describe("ledger", () => {
  test("sums per purpose and run, attempts grouped into calls", async () => {
    h = await harness("openai", {
      pricing: { "openai/fake-model": { inputPerMTok: 1, outputPerMTok: 10 } },
    });
    const f = h.fake;
    f.enqueue(f.text("a", { inputTokens: 100, outputTokens: 10 }));
    f.enqueue(f.text("b", { inputTokens: 200, outputTokens: 20 }));
    f.enqueue(f.error(503, "overloaded"), f.text("c", { inputTokens: 300, outputTokens: 30 }));
    f.enqueue(f.text("d", { inputTokens: 50, outputTokens: 5 }));
    await h.gateway.complete(MESSAGES, { purpose: "profiler", runId: "A" });
    await h.gateway.complete(MESSAGES, { purpose: "profiler", runId: "A" });
    await h.gateway.complete(MESSAGES, { purpose: "proposer", runId: "A" });
    await h.gateway.complete(MESSAGES, { purpose: "recovery", runId: "B" });

    const cost = (i: number, o: number) => (i * 1 + o * 10) / 1e6;
    const byPurpose = h.memory.ledger.byPurpose("A");
    expect(byPurpose.map((p) => p.purpose)).toEqual(["profiler", "proposer"]);
    expect(byPurpose[0]).toMatchObject({
      calls: 2,
      attempts: 2,
      errors: 0,
      inputTokens: 300,
      outputTokens: 30,
    });
    expect(byPurpose[0]!.costUsd).toBeCloseTo(cost(300, 30), 12);
    expect(byPurpose[1]).toMatchObject({
      calls: 1,
      attempts: 2,
      errors: 1,
      inputTokens: 300,
      outputTokens: 30,
    });
    expect(h.memory.ledger.byPurpose().map((p) => p.purpose)).toEqual(["profiler", "proposer", "recovery"]);
    expect(h.memory.ledger.totals({ purpose: "recovery" })).toMatchObject({ calls: 1, inputTokens: 50 });
    expect(h.memory.ledger.spentUsd("A")).toBeCloseTo(cost(600, 60), 12);
    expect(h.memory.ledger.spentUsd("nope")).toBe(0);
  });
});

describe("money budget", () => {
  test("once the run's spend reaches the budget, calls reject without touching the network", async () => {
    h = await harness("anthropic", {
      budgetUsd: 0.01,
      pricing: { "anthropic/fake-model": { inputPerMTok: 100, outputPerMTok: 100 } },
    });
    h.fake.enqueue(h.fake.text("spent", { inputTokens: 100, outputTokens: 100 })); // $0.02
    await h.gateway.complete(MESSAGES, { purpose: "proposer", runId: "R" });
    const e = await rejection(
      h.gateway.completeStructured(MESSAGES, z.object({ a: z.string() }), {
        purpose: "proposer",
        runId: "R",
      }),
    );
    expect(e.code).toBe("LLM_BUDGET_EXCEEDED");
    expect(e.details).toMatchObject({ budgetUsd: 0.01, runId: "R" });
    expect(h.fake.chatRequests()).toHaveLength(1);
    expect(h.memory.ledger.rows()).toHaveLength(1);
    // the budget is per run: another run still gets its calls
    await h.gateway.complete(MESSAGES, { purpose: "proposer", runId: "S" });
    expect(h.fake.chatRequests()).toHaveLength(2);
  });
});

describe("none", () => {
  test("every method rejects LLM_UNAVAILABLE at once; no network, no ledger row", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const gw = createGateway({ model: "none" });
    expect(gw.modelId).toBe("none");
    for (const p of [
      gw.complete(MESSAGES, { purpose: "qa" }),
      gw.completeJson(MESSAGES, { purpose: "qa" }),
      gw.completeStructured(MESSAGES, z.object({}), { purpose: "qa" }),
    ]) {
      expect((await rejection(p)).code).toBe("LLM_UNAVAILABLE");
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("what the SDKs send", () => {
  test("openai: json_schema response_format (strict), json_object, max_tokens, SDK retries off", async () => {
    h = await harness("openai");
    const S = z.object({ label: z.enum(["a", "b"]), score: z.number() });
    h.fake.enqueue(h.fake.json({ label: "a", score: 1 }));
    await h.gateway.completeStructured(MESSAGES, S, {
      purpose: "reviewer",
      schemaName: "review",
      maxTokens: 64,
    });
    await h.gateway.completeJson(MESSAGES, { purpose: "reviewer" });
    const [s, j] = h.fake.chatRequests().map((r) => r.body as Record<string, unknown>);
    expect(s!.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "review",
        strict: true,
        schema: {
          type: "object",
          properties: { label: { type: "string", enum: ["a", "b"] }, score: { type: "number" } },
          required: ["label", "score"],
          additionalProperties: false,
        },
      },
    });
    expect(s!.max_tokens).toBe(64); // not api.openai.com: the widely supported field
    expect(j!.response_format).toEqual({ type: "json_object" });
    expect(h.fake.chatRequests()[0]!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  test("anthropic: forced tool call with the schema as input_schema; non-object roots wrapped", async () => {
    h = await harness("anthropic");
    h.fake.enqueue(h.fake.json({ value: ["x", "y"] }));
    const r = await h.gateway.completeStructured(
      [{ role: "system", content: "Be brief." }, ...MESSAGES],
      z.array(z.string()),
      { purpose: "qa", schemaName: "tags" },
    );
    expect(r.value).toEqual(["x", "y"]);
    const body = h.fake.chatRequests()[0]!.body as Record<string, unknown>;
    expect(body.system).toBe("Be brief.");
    expect(body.tool_choice).toEqual({ type: "tool", name: "tags" });
    expect(body.tools).toEqual([
      expect.objectContaining({
        name: "tags",
        input_schema: expect.objectContaining({
          properties: { value: { type: "array", items: { type: "string" } } },
        }),
      }),
    ]);
    expect(body.max_tokens).toBe(4096);
  });

  test('ollama: format is the JSON schema, then "json"; never streamed', async () => {
    h = await harness("ollama");
    await h.gateway.completeStructured(MESSAGES, z.object({ ok: z.boolean() }), { purpose: "qa" });
    await h.gateway.completeJson(MESSAGES, { purpose: "qa" });
    const [s, j] = h.fake.chatRequests().map((r) => r.body as Record<string, unknown>);
    expect(s!.format).toMatchObject({ type: "object", required: ["ok"] });
    expect(s!.stream).toBe(false);
    expect(j!.format).toBe("json");
  });
});

describe("structured output refusals", () => {
  test("a rejected schema is LLM_UNSUPPORTED for that call only; the model is not written off", async () => {
    h = await harness("openai");
    h.fake.enqueue(
      h.fake.error(
        400,
        "Invalid schema for response_format 'output': In context=(), 'required' is required to be supplied",
      ),
    );
    const e = await rejection(
      h.gateway.completeStructured(MESSAGES, z.object({ a: z.string() }), { purpose: "qa" }),
    );
    expect(e.code).toBe("LLM_UNSUPPORTED");
    expect(e.details.reason).toBe("schema_rejected");
    const r = await h.gateway.completeStructured(MESSAGES, z.object({ ok: z.boolean() }), { purpose: "qa" });
    expect(r.value).toEqual({ ok: true });
  });
});

describe("stdout stays clean", () => {
  test("ollama: a text/plain error body is not printed (the client would console.log it)", async () => {
    const out = vi.spyOn(process.stdout, "write");
    const logSpy = vi.spyOn(console, "log");
    h = await harness("ollama", { maxRetries: 0 });
    h.fake.enqueue({ status: 500, body: "upstream exploded", contentType: "text/plain" });
    const e = await rejection(h.gateway.complete(MESSAGES, { purpose: "qa" }));
    expect(e.message).toContain("upstream exploded");
    expect(out).not.toHaveBeenCalled();
    expect(logSpy).not.toHaveBeenCalled();
  });
});

describe("cancellation", () => {
  test("the caller's signal aborts a call in flight, without retries", async () => {
    h = await harness("openai");
    h.fake.enqueue({ delayMs: 5000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await rejection(h.gateway.complete(MESSAGES, { purpose: "qa", signal: ac.signal }));
    expect(e.code).toBe("LLM_UNAVAILABLE");
    expect(e.details.reason).toBe("aborted");
    expect(h.fake.chatRequests()).toHaveLength(1);
  });
});

describe("secrets", () => {
  test("keys never appear in errors, logs or the ledger, even when the server echoes them", async () => {
    const previous = process.env.ALCHEMIST_LOG_LEVEL;
    process.env.ALCHEMIST_LOG_LEVEL = "debug";
    const logged: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      h = await harness("openai", { maxRetries: 1 });
      const echo = (status: number) => ({
        status,
        body: (r: { headers: Record<string, string> }) => ({
          error: { message: `Incorrect API key provided: ${r.headers.authorization}`, type: "x" },
        }),
      });
      h.fake.enqueue(echo(500), echo(500), echo(401));
      const e1 = await rejection(h.gateway.complete(MESSAGES, { purpose: "qa", runId: "k" }));
      const e2 = await rejection(h.gateway.complete(MESSAGES, { purpose: "qa", runId: "k" }));
      expect(e1.code).toBe("LLM_UNAVAILABLE");
      expect(e2.code).toBe("LLM_CONFIG");
      expect(e2.details.parameter).toBe("apiKey");
      // the key did travel to the server, so the test means something
      expect(h.fake.chatRequests()[0]!.headers.authorization).toContain(TEST_KEY);

      const texts = [
        e1.message,
        e2.message,
        JSON.stringify((e1 as unknown as { toJSON(): unknown }).toJSON()),
        JSON.stringify((e2 as unknown as { toJSON(): unknown }).toJSON()),
        JSON.stringify(h.memory.ledger.rows()),
        logged.join(""),
      ];
      for (const t of texts) expect(t).not.toContain(TEST_KEY);
      expect(e2.message).toContain("[redacted]");
      h.memory.close();
      for (const f of ["memory.db", "memory.db-wal"]) {
        try {
          expect(readFileSync(join(h.dir, f)).includes(TEST_KEY)).toBe(false);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        }
      }
    } finally {
      if (previous === undefined) delete process.env.ALCHEMIST_LOG_LEVEL;
      else process.env.ALCHEMIST_LOG_LEVEL = previous;
    }
  });
});

describe("configuration errors", () => {
  test("a missing key for the provider's own server and an unknown provider are LLM_CONFIG", () => {
    expect(() => createGateway({ model: "openai/gpt-4o-mini" }, { env: {} })).toThrow(
      expect.objectContaining({
        code: "LLM_CONFIG",
        details: expect.objectContaining({ parameter: "apiKey" }),
      }),
    );
    expect(() => createGateway({ model: "anthropic/claude-sonnet-4-5" }, { env: {} })).toThrow(
      /ANTHROPIC_API_KEY/,
    );
    expect(() => createGateway({ model: "gpt/4o" })).toThrow(expect.objectContaining({ code: "LLM_CONFIG" }));
    // a compatible server at another URL needs no key; ollama never does
    expect(
      createGateway({ model: "openai/local", baseUrl: "http://127.0.0.1:9/v1" }, { env: {} }).modelId,
    ).toBe("openai/local");
    expect(createGateway({ model: "ollama/llama3.2" }, { env: {} }).baseUrl).toBe("http://127.0.0.1:11434");
    expect(
      createGateway(
        { model: "openai/gpt-4o" },
        { env: { OPENAI_API_KEY: "sk-from-env-123456", OPENAI_BASE_URL: "http://x:1/v1" } },
      ).baseUrl,
    ).toBe("http://x:1/v1");
  });
});
