/** invokeTool: input validated, handler run, output checked against the tool's own schema; errors become typed outcomes. */
import type { z } from "zod";
import { formatIssues } from "../agents/index.js";
import { AlchemistError, toAlchemistError } from "../core/errors.js";
import { log } from "../core/log.js";
import type { AnyTool, ToolCallContext } from "./tool-definition.js";

export type ToolOutcome = { ok: true; output: unknown } | { ok: false; error: AlchemistError };

/** The error of an input that fails the schema, naming each field (INVALID_ARGUMENT). */
export function inputError(tool: AnyTool, issues: readonly z.core.$ZodIssue[]): AlchemistError {
  return new AlchemistError("INVALID_ARGUMENT", `Invalid input for ${tool.name}:\n${formatIssues(issues)}`, {
    parameter: issues[0]?.path.join(".") ?? "",
  });
}

/**
 * Runs `tool` on raw `args`. Every failure is an outcome, never a throw: bad input (INVALID_ARGUMENT
 * naming the fields), a typed error of the handler, or INTERNAL when the output breaks the schema.
 * The output is plain JSON (what crosses the wire), checked after the round trip.
 */
export async function invokeTool(tool: AnyTool, args: unknown, ctx: ToolCallContext): Promise<ToolOutcome> {
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) return { ok: false, error: inputError(tool, parsed.error.issues) };
  try {
    const raw = await tool.handler(parsed.data, ctx);
    const json: unknown = JSON.parse(JSON.stringify(raw));
    const checked = tool.output.safeParse(json);
    if (!checked.success) {
      log.error("tool output breaks its schema", {
        tool: tool.name,
        issues: formatIssues(checked.error.issues),
      });
      return {
        ok: false,
        error: new AlchemistError("INTERNAL", `The ${tool.name} tool produced output outside its schema.`),
      };
    }
    return { ok: true, output: json };
  } catch (e) {
    const error = toAlchemistError(e);
    if (error.code === "INTERNAL") {
      log.error("tool failed", { tool: tool.name, stack: e instanceof Error ? e.stack : String(e) });
    }
    return { ok: false, error };
  }
}

/** The text a model reads for a failed call: code, message, and the details that name what to change. */
export function errorText(error: AlchemistError): string {
  const { code, message, ...details } = error.toJSON().error;
  const extra = Object.keys(details).length > 0 ? `\n${JSON.stringify(details)}` : "";
  return `${code}: ${message}${extra}`;
}
