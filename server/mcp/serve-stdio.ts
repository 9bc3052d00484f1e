/** MCP over stdio: protocol only on stdout (logs go to stderr), both protocol eras from one factory. */
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { log } from "../../core/log.js";
import type { ToolServices } from "../../tools/index.js";
import { createAlchemistMcpServer } from "./create-mcp-server.js";

/** Serves until stdin closes; resolves then (after the services' jobs and pool are closed by the caller). */
export function serveMcpStdio(services: ToolServices, version: string, fixtures = false): Promise<void> {
  return new Promise((resolve) => {
    const handle = serveStdio(
      () => {
        const server = createAlchemistMcpServer({ services, version, ...(fixtures ? { fixtures } : {}) });
        server.server.onclose = () => resolve();
        return server;
      },
      { onerror: (e) => log.warn("mcp stdio error", { message: e.message }) },
    );
    process.stdin.once("end", () => {
      void handle.close().finally(() => resolve());
    });
  });
}
