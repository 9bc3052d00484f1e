/** One registry tool as an MCP tool callback: progress notifications, cancellation, and errors as isError results. */
import type { CallToolResult, ServerContext } from "@modelcontextprotocol/server";
import {
  type AnyTool,
  errorText,
  invokeTool,
  type ProgressReporter,
  type ToolServices,
} from "../../tools/index.js";

/** Progress notifications at most this often (the last one always goes). */
const PROGRESS_EVERY_MS = 200;

/** Sends `notifications/progress` when the request carried a progress token; progress only ever increases. */
export function progressFor(ctx: ServerContext): ProgressReporter {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return () => {};
  let last = Number.NEGATIVE_INFINITY;
  let sentAt = 0;
  return (progress, total, message) => {
    const now = Date.now();
    const final = total !== undefined && progress >= total;
    if (progress <= last || (!final && now - sentAt < PROGRESS_EVERY_MS)) return;
    last = progress;
    sentAt = now;
    void ctx.mcpReq
      .notify({
        method: "notifications/progress",
        params: {
          progressToken: token,
          progress,
          ...(total !== undefined ? { total } : {}),
          ...(message !== undefined ? { message } : {}),
        },
      })
      .catch(() => {});
  };
}

/** The MCP callback of `tool`: a typed error comes back as an `isError` result the model can act on. */
export function mcpToolCallback(tool: AnyTool, services: ToolServices) {
  return async (args: unknown, ctx: ServerContext): Promise<CallToolResult> => {
    const outcome = await invokeTool(tool, args, {
      services,
      signal: ctx.mcpReq.signal,
      progress: progressFor(ctx),
    });
    if (!outcome.ok) return { isError: true, content: [{ type: "text", text: errorText(outcome.error) }] };
    const output = outcome.output as Record<string, unknown>;
    return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
  };
}
