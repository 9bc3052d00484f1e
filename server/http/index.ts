/** server/http: the hono app (MCP over Streamable HTTP, the tool endpoint, OpenAPI) and its server. */
export { createHttpApp, DEFAULT_MAX_BODY_BYTES, type HttpAppOptions, statusOf } from "./create-app.js";
export { createMcpEndpoint, type McpEndpoint } from "./mcp-endpoint.js";
export { openApiDocument } from "./openapi.js";
export { allowedHostnames, bearerGuard, hostGuard } from "./security.js";
export { type HttpServerHandle, startHttpServer } from "./serve-http.js";
