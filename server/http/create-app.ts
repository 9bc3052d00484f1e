/**
 * The HTTP surface on hono: Streamable HTTP MCP at `/mcp`, the tool endpoint (`GET /v1/tools`,
 * `POST /v1/tools/{name}`), the OpenAPI document, behind Host/Origin checks, bearer auth and a body limit.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AlchemistError } from "../../core/errors.js";
import { AlchemistError as TypedError } from "../../core/errors.js";
import { getTool, invokeTool, type ToolServices, toolDescriptors } from "../../tools/index.js";
import { createAlchemistMcpServer } from "../mcp/index.js";
import { createMcpEndpoint, type McpEndpoint } from "./mcp-endpoint.js";
import { openApiDocument } from "./openapi.js";
import { allowedHostnames, bearerGuard, hostGuard } from "./security.js";

export interface HttpAppOptions {
  services: ToolServices;
  version: string;
  /** Bearer token every request must carry; null turns auth off (tests, the conformance suite). */
  token: string | null;
  /** Extra hostnames allowed in Host/Origin besides loopback. */
  allowedHosts?: readonly string[];
  /** Request body cap in bytes (default 4 MiB). */
  maxBodyBytes?: number;
  /** Test only: the conformance suite's fixtures on `/mcp`. */
  fixtures?: boolean;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** HTTP status of a typed tool error. */
export function statusOf(error: AlchemistError, inputInvalid: boolean): ContentfulStatusCode {
  if (inputInvalid) return 400;
  switch (error.code) {
    case "TOOL_NOT_FOUND":
    case "MEMORY_NOT_FOUND":
    case "FILE_NOT_FOUND":
      return 404;
    case "PATH_NOT_ALLOWED":
      return 403;
    case "INTERNAL":
      return 500;
    default:
      return 422;
  }
}

export function createHttpApp(options: HttpAppOptions): { app: Hono; close(): Promise<void> } {
  const { services } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const mcp: McpEndpoint = createMcpEndpoint(
    () =>
      createAlchemistMcpServer({
        services,
        version: options.version,
        ...(options.fixtures === true ? { fixtures: true } : {}),
      }),
    maxBody,
  );
  const app = new Hono();
  app.use("*", hostGuard(allowedHostnames(options.allowedHosts)));
  if (options.token !== null) app.use("*", bearerGuard(options.token));
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        c.json(
          new TypedError("INVALID_ARGUMENT", `The request body is over ${maxBody} bytes.`, {
            parameter: "body",
          }).toJSON(),
          413,
        ),
    }),
  );

  app.all("/mcp", (c) => mcp.fetch(c.req.raw));
  app.get("/openapi.json", (c) => c.json(openApiDocument(options.version)));
  app.get("/v1/openapi.json", (c) => c.json(openApiDocument(options.version)));
  app.get("/v1/tools", (c) => c.json({ tools: toolDescriptors() }));
  app.post("/v1/tools/:name", async (c) => {
    let tool: ReturnType<typeof getTool>;
    try {
      tool = getTool(c.req.param("name"));
    } catch (e) {
      const err = e as AlchemistError;
      return c.json(err.toJSON(), statusOf(err, false));
    }
    let body: unknown;
    try {
      const text = await c.req.text();
      body = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      const err = new TypedError("INVALID_ARGUMENT", "The request body is not valid JSON.", {
        parameter: "body",
      });
      return c.json(err.toJSON(), 400);
    }
    const inputInvalid = !tool.input.safeParse(body).success;
    const outcome = await invokeTool(tool, body, { services, signal: c.req.raw.signal, progress: () => {} });
    if (!outcome.ok) return c.json(outcome.error.toJSON(), statusOf(outcome.error, inputInvalid));
    return c.json(outcome.output as Record<string, unknown>);
  });
  app.notFound((c) =>
    c.json(
      new TypedError(
        "TOOL_NOT_FOUND",
        `No route ${c.req.method} ${c.req.path}; see GET /v1/tools and /openapi.json.`,
      ).toJSON(),
      404,
    ),
  );
  return { app, close: () => mcp.close() };
}
