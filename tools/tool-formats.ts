/** The tools as JSON: their JSON schemas, and tool definitions for OpenAI and Anthropic tool calling. */
import { z } from "zod";
import { TOOLS } from "./registry.js";
import type { AnyTool, ToolHints } from "./tool-definition.js";

/** JSON Schema (draft 2020-12) of a tool's input (what callers send) and output (what they get). */
export function toolJsonSchemas(tool: AnyTool): {
  input: Record<string, unknown>;
  output: Record<string, unknown>;
} {
  return {
    input: z.toJSONSchema(tool.input, { io: "input" }) as Record<string, unknown>,
    output: z.toJSONSchema(tool.output, { io: "output" }) as Record<string, unknown>,
  };
}

/** One tool as the HTTP endpoint lists it. */
export interface ToolDescriptor {
  name: string;
  title: string;
  description: string;
  annotations: ToolHints;
  input_schema: Record<string, unknown>;
  output_schema: Record<string, unknown>;
}

export function toolDescriptors(tools: readonly AnyTool[] = TOOLS): ToolDescriptor[] {
  return tools.map((t) => {
    const s = toolJsonSchemas(t);
    return {
      name: t.name,
      title: t.title,
      description: t.description,
      annotations: t.annotations,
      input_schema: s.input,
      output_schema: s.output,
    };
  });
}

/** Without `$schema`: providers reject or ignore the meta-schema key. */
function bare(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _, ...rest } = schema;
  return rest;
}

/** OpenAI Chat Completions / Responses function tools (`strict` off: optional fields stay optional). */
export function openAiTools(tools: readonly AnyTool[] = TOOLS) {
  return tools.map((t) => ({
    type: "function" as const,
    function: { name: t.name, description: t.description, parameters: bare(toolJsonSchemas(t).input) },
  }));
}

/** Anthropic Messages API tools. */
export function anthropicTools(tools: readonly AnyTool[] = TOOLS) {
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: bare(toolJsonSchemas(t).input),
  }));
}
