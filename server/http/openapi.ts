/** The OpenAPI 3.1 document of the HTTP tool endpoint, generated from the tools' zod schemas. */
import { type ToolDescriptor, toolDescriptors } from "../../tools/index.js";

type Json = Record<string, unknown>;

/**
 * Moves a schema's `$defs` into `components/schemas` under `<prefix>_<name>` and rewrites its refs,
 * since `#/$defs/…` inside an embedded schema would resolve against the OpenAPI document's root.
 */
function hoist(schema: Json, prefix: string, components: Json): Json {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const rename = (name: string) => `${prefix}_${name}`;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v === null || typeof v !== "object") return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Json)) {
      if (k === "$schema" || k === "$defs") continue;
      out[k] =
        k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")
          ? `#/components/schemas/${rename(x.slice(8))}`
          : rewrite(x);
    }
    return out;
  };
  for (const [name, def] of Object.entries(defs)) components[rename(name)] = rewrite(def);
  return rewrite(schema) as Json;
}

const ERROR_SCHEMA = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" } },
      required: ["code", "message"],
      additionalProperties: true,
    },
  },
  required: ["error"],
};

function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
}

function operation(t: ToolDescriptor, components: Json): Json {
  return {
    operationId: t.name,
    summary: t.title,
    description: t.description,
    tags: ["tools"],
    "x-tool-annotations": t.annotations,
    requestBody: {
      required: true,
      content: { "application/json": { schema: hoist(t.input_schema, `${t.name}_input`, components) } },
    },
    responses: {
      "200": {
        description: "The tool's output",
        content: { "application/json": { schema: hoist(t.output_schema, `${t.name}_output`, components) } },
      },
      "400": errorResponse(
        "The body is not JSON or fails the input schema (INVALID_ARGUMENT names the fields)",
      ),
      "401": errorResponse("No valid bearer token"),
      "403": errorResponse("A path outside the allowed roots, or a foreign Host/Origin"),
      "404": errorResponse("Unknown tool, run, trial or file"),
      "413": errorResponse("The body is over the size limit"),
      "422": errorResponse("A typed error the caller can act on (the message says what to change)"),
      "500": errorResponse("A bug in Alchemist"),
    },
  };
}

export function openApiDocument(version: string): Json {
  const components: Json = { Error: ERROR_SCHEMA };
  const paths: Json = {
    "/v1/tools": {
      get: {
        operationId: "list_tools",
        summary: "List the tools with their JSON schemas and annotations",
        tags: ["tools"],
        responses: { "200": { description: "The tools" }, "401": errorResponse("No valid bearer token") },
      },
    },
  };
  for (const t of toolDescriptors()) paths[`/v1/tools/${t.name}`] = { post: operation(t, components) };
  return {
    openapi: "3.1.0",
    info: {
      title: "Alchemist tool endpoint",
      version,
      description:
        "The AutoML tools of Alchemist as JSON over HTTP: the same tools and schemas as its MCP server.",
    },
    security: [{ bearer: [] }],
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
