/** The settable parameters of an estimator, read from its zod params declaration (valid bounds, defaults, log hint). */
import { z } from "zod";
import type { EstimatorSpec } from "../trainers/estimator.js";
import type { ParamDomain } from "./action-definition.js";

interface JsonProperty {
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
  log?: boolean;
}

const cache = new WeakMap<EstimatorSpec, readonly ParamDomain[]>();

/**
 * Every parameter of `spec` in declaration order, with the bounds validation enforces (not the
 * narrower HPO search range: the agent may set any valid value). Parameters of another shape
 * (none today) are left out rather than guessed.
 */
export function paramDomains(spec: EstimatorSpec): readonly ParamDomain[] {
  const hit = cache.get(spec);
  if (hit) return hit;
  const schema = z.toJSONSchema(spec.params, { io: "input" }) as {
    properties?: Record<string, JsonProperty>;
  };
  const out: ParamDomain[] = [];
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const description = p.description ?? "";
    if (p.enum) {
      out.push({ name, kind: "enum", values: p.enum, default: String(p.default), description });
    } else if (p.type === "boolean") {
      out.push({ name, kind: "boolean", default: p.default === true, description });
    } else if (
      (p.type === "number" || p.type === "integer") &&
      p.minimum !== undefined &&
      p.maximum !== undefined
    ) {
      out.push({
        name,
        kind: p.type === "integer" ? "int" : "float",
        min: p.minimum,
        max: p.maximum,
        log: p.log === true,
        default: typeof p.default === "number" ? p.default : p.minimum,
        description,
      });
    }
  }
  const frozen = Object.freeze(out.map((d) => Object.freeze(d)));
  cache.set(spec, frozen);
  return frozen;
}
