/** Turns a zod schema into the JSON schema each provider accepts for structured output. */
import { z } from "zod";

export interface ProviderSchema {
  /** JSON schema with an object at the root (OpenAI and Anthropic require one). */
  schema: Record<string, unknown>;
  /** True when the root was not an object and the value sits under `value`: unwrap the answer. */
  wrapped: boolean;
  /** True when OpenAI strict mode accepts the schema (every property required, no extra properties). */
  strictCompatible: boolean;
}

type Json = Record<string, unknown>;

/**
 * The schema of what the model must produce: the zod schema's output side (defaults become required,
 * which models handle better than optional fields), without `$schema` and `default` keywords (strict
 * mode rejects `default`). A non-object root is wrapped as `{value: …}`.
 */
export function toProviderSchema(schema: z.ZodType): ProviderSchema {
  const raw = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as Json;
  const cleaned = clean(raw) as Json;
  const isObjectRoot = cleaned.type === "object";
  const root: Json = isObjectRoot
    ? cleaned
    : {
        type: "object",
        properties: { value: withoutDefs(cleaned) },
        required: ["value"],
        additionalProperties: false,
        ...(cleaned.$defs !== undefined ? { $defs: cleaned.$defs } : {}),
      };
  return { schema: root, wrapped: !isObjectRoot, strictCompatible: isStrictCompatible(root) };
}

function withoutDefs(s: Json): Json {
  const { $defs: _defs, ...rest } = s;
  return rest;
}

/** Removes `$schema` and `default` where they are keywords (not inside a `properties` map). */
function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === "$schema" || k === "default") continue;
    if ((k === "properties" || k === "$defs" || k === "definitions") && v !== null && typeof v === "object") {
      const map: Json = {};
      for (const [name, sub] of Object.entries(v as Json)) map[name] = clean(sub);
      out[k] = map;
    } else out[k] = clean(v);
  }
  return out;
}

function isStrictCompatible(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrictCompatible);
  if (node === null || typeof node !== "object") return true;
  const s = node as Json;
  if (s.type === "object" || s.properties !== undefined) {
    const props = (s.properties ?? {}) as Json;
    const required = Array.isArray(s.required) ? (s.required as unknown[]) : [];
    if (s.additionalProperties !== false) return false;
    if (!Object.keys(props).every((k) => required.includes(k))) return false;
    if (!Object.values(props).every(isStrictCompatible)) return false;
  }
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties" || k === "enum" || k === "const" || k === "required") continue;
    if (k === "$defs" || k === "definitions") {
      if (!Object.values(v as Json).every(isStrictCompatible)) return false;
    } else if (v !== null && typeof v === "object" && !isStrictCompatible(v)) return false;
  }
  return true;
}
