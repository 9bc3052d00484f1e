/** The shape of one tool: name, schemas, annotations and handler, read by MCP, HTTP and the LLM tool formats alike. */
import type { z } from "zod";
import type { ToolServices } from "./tool-services.js";

/** MCP tool annotations: hints for clients, never a security boundary. */
export interface ToolHints {
  /** The tool changes nothing (memory, files, jobs). */
  readOnlyHint: boolean;
  /** When it changes something, it may delete or overwrite (cancel, overwrite an export). */
  destructiveHint: boolean;
  /** Calling twice with the same input has no further effect. */
  idempotentHint: boolean;
  /** It talks to something outside this machine (an LLM provider). */
  openWorldHint: boolean;
}

/** Reports progress on a long call; `total` when known. Throttled and dropped when the caller asked for none. */
export type ProgressReporter = (progress: number, total?: number, message?: string) => void;

/** What a handler gets besides its input. */
export interface ToolCallContext {
  services: ToolServices;
  /** Aborted when the caller cancels the request or disconnects. */
  signal: AbortSignal;
  progress: ProgressReporter;
}

/** One tool. `input` must be a zod object (MCP advertises `type: object`). */
export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  /** snake_case, unique in the registry. */
  readonly name: string;
  readonly title: string;
  /** What it does, when to call it and what comes back: a model reads this to choose tools. */
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly annotations: ToolHints;
  handler(input: z.output<I>, ctx: ToolCallContext): Promise<z.input<O>>;
}

/** A tool of any schema pair, as registries hold them. */
export type AnyTool = ToolDefinition<z.ZodObject, z.ZodType> & {
  // biome-ignore lint/suspicious/noExplicitAny: handlers are checked where each tool is defined.
  handler(input: any, ctx: ToolCallContext): Promise<unknown>;
};

/** Declares a tool; the identity function that makes TypeScript check the handler against both schemas. */
export function defineTool<I extends z.ZodObject, O extends z.ZodType>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}

/** Annotations of a tool that only reads. */
export const READ_ONLY: ToolHints = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
