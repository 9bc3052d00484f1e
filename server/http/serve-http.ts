/** Starts the HTTP app on a port (127.0.0.1 by default) and stops it cleanly. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createHttpApp, type HttpAppOptions } from "./create-app.js";

export interface HttpServerHandle {
  /** `http://host:port` actually bound (port 0 picks a free one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(
  options: HttpAppOptions & { port: number; hostname?: string },
): Promise<HttpServerHandle> {
  const { app, close } = createHttpApp(options);
  const hostname = options.hostname ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(s));
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      await close();
      await new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
