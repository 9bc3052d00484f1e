/**
 * A scripted fake of one chat API on 127.0.0.1 (random port): answers come from a queue set by the test
 * (status, headers, body, delay, dropped connection), every request is recorded, and the server counts
 * concurrency and requests that arrive faster than a declared rate.
 */
import type { AddressInfo } from "node:net";
import { type HttpBindings, serve } from "@hono/node-server";
import { Hono } from "hono";
import {
  type AnswerOptions,
  CHAT_PATHS,
  type FakeProtocol,
  errorBody,
  jsonBody,
  textBody,
} from "./protocols.js";

export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** `performance.now()` at arrival. */
  at: number;
}

/** One scripted answer. A function body is called with the request (to echo a tool name, a model). */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  /** Object → JSON; string → sent as is (see `contentType`). */
  body?: unknown | ((request: RecordedRequest) => unknown);
  /** Default `application/json`. */
  contentType?: string;
  /** Wait this long before answering (a slow or hung server). */
  delayMs?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
}

export interface FakeRateLimit {
  /** Sustained requests per second the fake accepts. */
  perSecond: number;
  /** Bucket size (default `perSecond`). */
  burst?: number;
  /** Answer over-rate requests with 429 (default true); they are counted either way. */
  reject?: boolean;
  /**
   * Arrival jitter forgiven, in ms (default 0): the fake sees arrivals, the client controls departures,
   * and a cold start (first connections, first SDK call) delays the first requests more than later ones,
   * bunching them up on arrival. A request may draw this much refill ahead of time.
   */
  toleranceMs?: number;
}

export interface FakeLlmOptions {
  rateLimit?: FakeRateLimit;
  /** Answer when the queue is empty (default: JSON `{"ok": true}` in the protocol's shape). */
  fallback?: Scripted;
}

export interface FakeStats {
  total: number;
  inFlight: number;
  maxInFlight: number;
  /** Requests that arrived while the declared rate's bucket was empty. */
  tooFast: number;
}

export interface FakeLlmServer {
  readonly protocol: FakeProtocol;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** What the SDK takes as its base URL (`<origin>/v1` for OpenAI, the origin otherwise). */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  readonly stats: FakeStats;
  /** Requests to the chat endpoint only. */
  chatRequests(): RecordedRequest[];
  enqueue(...responses: Scripted[]): FakeLlmServer;
  /** A 200 with text content. */
  text(content: string, options?: AnswerOptions): Scripted;
  /** A 200 carrying `value` as JSON (Anthropic: the forced tool's input when a tool was forced). */
  json(value: unknown, options?: AnswerOptions): Scripted;
  /** An error status with the protocol's error body. */
  error(status: number, message: string, headers?: Record<string, string>): Scripted;
  close(): Promise<void>;
}

export async function startFakeLlm(
  protocol: FakeProtocol,
  options: FakeLlmOptions = {},
): Promise<FakeLlmServer> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const stats: FakeStats = { total: 0, inFlight: 0, maxInFlight: 0, tooFast: 0 };
  const pending = new Set<() => void>();
  let closed = false;

  const rate = options.rateLimit;
  const burst = rate ? (rate.burst ?? rate.perSecond) : 0;
  let level = burst;
  let last = performance.now();
  const overRate = (now: number): boolean => {
    if (!rate) return false;
    level = Math.min(burst, level + ((now - last) * rate.perSecond) / 1000);
    last = now;
    const credit = ((rate.toleranceMs ?? 0) * rate.perSecond) / 1000;
    if (level + credit < 1 - 0.02) return true; // 0.02: float slack, far below one request
    level -= 1;
    return false;
  };

  const helpers = {
    text: (content: string, o?: AnswerOptions): Scripted => ({
      body: (r: RecordedRequest) => textBody(protocol, r.body, content, o),
    }),
    json: (value: unknown, o?: AnswerOptions): Scripted => ({
      body: (r: RecordedRequest) => jsonBody(protocol, r.body, value, o),
    }),
    error: (status: number, message: string, headers?: Record<string, string>): Scripted => ({
      status,
      body: errorBody(protocol, status, message),
      ...(headers ? { headers } : {}),
    }),
  };
  const fallback = options.fallback ?? helpers.json({ ok: true });

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pending.add(done);
    });

  const app = new Hono<{ Bindings: HttpBindings }>();
  app.all("*", async (c) => {
    const now = performance.now();
    const raw = await c.req.text();
    let body: unknown = raw;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      // keep the text
    }
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    const path = new URL(c.req.url).pathname;
    const rec: RecordedRequest = { method: c.req.method, path, headers, body, at: now };
    requests.push(rec);
    if (c.req.method !== "POST" || path !== CHAT_PATHS[protocol]) {
      return c.json(errorBody(protocol, 404, `no route ${c.req.method} ${path}`) as object, 404);
    }
    stats.total++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      if (overRate(now)) {
        stats.tooFast++;
        if (rate?.reject !== false) {
          return c.json(errorBody(protocol, 429, "rate limit exceeded (fake)") as object, 429, {
            "retry-after-ms": "200",
          });
        }
      }
      const step = queue.shift() ?? fallback;
      if (step.delayMs !== undefined && step.delayMs > 0) await wait(step.delayMs);
      if (closed) return c.body(null, 503);
      if (step.drop) {
        c.env.incoming.socket.destroy();
        return c.body(null, 500); // never reaches the client
      }
      const payload =
        typeof step.body === "function" ? (step.body as (r: RecordedRequest) => unknown)(rec) : step.body;
      const text =
        typeof payload === "string" ? payload : payload === undefined ? "" : JSON.stringify(payload);
      return new Response(text, {
        status: step.status ?? 200,
        headers: { "content-type": step.contentType ?? "application/json", ...(step.headers ?? {}) },
      });
    } finally {
      stats.inFlight--;
    }
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const fake: FakeLlmServer = {
    protocol,
    origin,
    baseUrl: protocol === "openai" ? `${origin}/v1` : origin,
    requests,
    stats,
    chatRequests: () => requests.filter((r) => r.path === CHAT_PATHS[protocol]),
    enqueue(...responses) {
      queue.push(...responses);
      return fake;
    },
    ...helpers,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const done of [...pending]) done();
        const s = server as import("node:http").Server;
        s.closeAllConnections?.();
        s.close(() => resolve());
      }),
  };
  return fake;
}

/** A port nothing listens on (bound, then released): connection refused. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
