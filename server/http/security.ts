/** HTTP guards: Host/Origin validation against DNS rebinding, and bearer-token auth (constant-time compare). */
import { createHash, timingSafeEqual } from "node:crypto";
import { hostHeaderValidationResponse, originValidationResponse } from "@modelcontextprotocol/server";
import type { MiddlewareHandler } from "hono";
import { AlchemistError } from "../../core/errors.js";

/** Hostnames a loopback-bound server answers to, plus any the user allows. */
export function allowedHostnames(extra: readonly string[] = []): string[] {
  return ["localhost", "127.0.0.1", "[::1]", ...extra];
}

/** 403 for a Host or Origin outside `hostnames` (a page on another site talking to our loopback port). */
export function hostGuard(hostnames: readonly string[]): MiddlewareHandler {
  const list = [...hostnames];
  return async (c, next) => {
    const rejected =
      hostHeaderValidationResponse(c.req.raw, list) ?? originValidationResponse(c.req.raw, list);
    if (rejected !== undefined) return rejected;
    await next();
    return undefined;
  };
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** 401 unless `Authorization: Bearer <token>` matches; hashing first makes the compare length-independent. */
export function bearerGuard(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match === null || !timingSafeEqual(digest((match[1] ?? "").trim()), expected)) {
      const err = new AlchemistError(
        "UNAUTHORIZED",
        match === null
          ? "Send 'Authorization: Bearer <token>' (the token alchemist serve printed, or ALCHEMIST_TOKEN)."
          : "The bearer token is not valid for this server.",
      );
      return c.json(err.toJSON(), 401, { "WWW-Authenticate": 'Bearer realm="alchemist"' });
    }
    await next();
    return undefined;
  };
}
