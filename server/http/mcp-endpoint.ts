/**
 * The `/mcp` endpoint: 2026-07-28 traffic through the SDK's per-request handler, 2025-era clients
 * (initialize handshake, sessions, GET streams, server-to-client requests, resumable SSE) through
 * sessionful Streamable HTTP transports, both from the same server factory.
 */
import { randomUUID } from "node:crypto";
import {
  createMcpHandler,
  isLegacyRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import { log } from "../../core/log.js";
import { createEventStore } from "./event-store.js";

export interface McpEndpoint {
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

/** How long a client waits before reconnecting a closed SSE stream (ms). */
const RETRY_MS = 500;

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

export function createMcpEndpoint(factory: () => McpServer, maxBodyBytes: number): McpEndpoint {
  const onerror = (e: Error) => log.warn("mcp request failed", { message: e.message });
  const modern = createMcpHandler(() => factory(), {
    legacy: "reject",
    onerror,
    maxRequestBodySize: maxBodyBytes,
  });
  const sessions = new Map<
    string,
    { transport: WebStandardStreamableHTTPServerTransport; server: McpServer }
  >();

  const legacy = async (request: Request): Promise<Response> => {
    const sid = request.headers.get("mcp-session-id");
    if (sid !== null) {
      const s = sessions.get(sid);
      if (s === undefined) return jsonRpcError(404, -32001, "Session not found");
      return s.transport.handleRequest(request);
    }
    if (request.method !== "POST") return jsonRpcError(400, -32000, "Bad Request: no valid session id");
    const server = factory();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: createEventStore(),
      retryInterval: RETRY_MS,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    await server.connect(transport);
    return transport.handleRequest(request);
  };

  return {
    async fetch(request) {
      return (await isLegacyRequest(request, undefined, { maxRequestBodySize: maxBodyBytes }))
        ? legacy(request)
        : modern.fetch(request);
    },
    async close() {
      await modern.close();
      await Promise.all([...sessions.values()].map((s) => s.server.close().catch(() => {})));
      sessions.clear();
    },
  };
}
