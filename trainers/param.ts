/**
 * Declaring estimator parameters once (default, bounds, description, search hints), as XGBoost and
 * LightGBM do, so that validation, the HPO search space, tool schemas and docs all derive from it.
 */
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";

/** Search hints carried as zod metadata (they appear in `z.toJSONSchema` output too). */
export interface SearchHints {
  /** Sample on a log scale (learning rates, regularisation strengths). */
  log?: boolean;
  /** Narrower range for HPO than the valid range (e.g. trees valid 1..10000, searched 50..1000). */
  searchMin?: number;
  searchMax?: number;
  /** Leave this parameter out of the search space (seeds, verbosity, structural switches). */
  search?: false;
}

interface NumberParam extends SearchHints {
  default: number;
  min: number;
  max: number;
  description: string;
}

/** A float parameter in [min, max] with a default. */
export function floatParam(p: NumberParam) {
  return z.number().min(p.min).max(p.max).default(p.default).describe(p.description).meta(hints(p));
}

/** An integer parameter in [min, max] with a default. */
export function intParam(p: NumberParam) {
  return z.number().int().min(p.min).max(p.max).default(p.default).describe(p.description).meta(hints(p));
}

/** One of a fixed set of values. */
export function enumParam<const T extends readonly [string, ...string[]]>(p: {
  values: T;
  default: T[number];
  description: string;
  search?: false;
}) {
  return z
    .enum(p.values)
    .default(p.default as never)
    .describe(p.description)
    .meta(p.search === false ? { search: false } : {});
}

export function boolParam(p: { default: boolean; description: string; search?: false }) {
  return z
    .boolean()
    .default(p.default)
    .describe(p.description)
    .meta(p.search === false ? { search: false } : {});
}

function hints(p: SearchHints): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (p.log) meta.log = true;
  if (p.searchMin !== undefined) meta.searchMin = p.searchMin;
  if (p.searchMax !== undefined) meta.searchMax = p.searchMax;
  if (p.search === false) meta.search = false;
  return meta;
}

/**
 * Parses an estimator's params (raw, partial, already parsed, or undefined for all defaults) with its
 * schema. A failure throws INVALID_PARAMS "<estimator>: parameter '<path>': <message>." with details
 * `{ estimator, parameter, issues }`; `parameter` is left out when the params object itself is wrong
 * (not an object), so recovery never resets a parameter named "".
 */
export function parseEstimatorParams<S extends z.ZodType>(
  estimator: string,
  schema: S,
  params: unknown,
): z.output<S> {
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const first = issues[0];
  const parameter = first !== undefined && first.path !== "" ? first.path : undefined;
  const where = parameter !== undefined ? `parameter '${parameter}': ` : "";
  throw new AlchemistError(
    "INVALID_PARAMS",
    `${estimator}: ${where}${first?.message ?? "invalid parameters"}.`,
    {
      estimator,
      ...(parameter !== undefined ? { parameter } : {}),
      issues,
    },
  );
}

/** One dimension of a search space. */
export type SearchDimension =
  | { name: string; kind: "float"; min: number; max: number; log: boolean; default: number }
  | { name: string; kind: "int"; min: number; max: number; log: boolean; default: number }
  | { name: string; kind: "categorical"; values: readonly (string | boolean)[]; default: string | boolean };

interface JsonSchemaProperty {
  type?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  default?: unknown;
  log?: boolean;
  searchMin?: number;
  searchMax?: number;
  search?: boolean;
}

/** The search space of a params object, derived from its declaration (never written by hand). */
export function searchSpace(params: z.ZodObject): SearchDimension[] {
  const schema = z.toJSONSchema(params, { io: "input" }) as {
    properties?: Record<string, JsonSchemaProperty>;
  };
  const dims: SearchDimension[] = [];
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    if (p.search === false) continue;
    if (p.enum) {
      dims.push({ name, kind: "categorical", values: p.enum, default: p.default as string });
    } else if (p.type === "boolean") {
      dims.push({ name, kind: "categorical", values: [false, true], default: p.default as boolean });
    } else if (
      (p.type === "number" || p.type === "integer") &&
      p.minimum !== undefined &&
      p.maximum !== undefined
    ) {
      const min = Math.max(p.minimum, p.searchMin ?? p.minimum);
      const max = Math.min(p.maximum, p.searchMax ?? p.maximum);
      dims.push({
        name,
        kind: p.type === "integer" ? "int" : "float",
        min,
        max,
        log: p.log === true,
        default: p.default as number,
      });
    }
  }
  return dims;
}
