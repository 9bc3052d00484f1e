/**
 * The sampler's internal view of a search space: numeric dimensions in the space TPE models them
 * in (log for log dimensions, a unit grid for plain ints), categories as indices.
 */
import { AlchemistError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import type { SearchDimension } from "../../trainers/param.js";

/** A numeric dimension: kernels live on [low, high] (+ step/2 either side when step is 1). */
export interface NumericCodec {
  readonly kind: "numeric";
  readonly name: string;
  /** Bounds in model space: log(min), log(max) for floats on a log scale. */
  readonly low: number;
  readonly high: number;
  /** 1 for ints on a linear scale (kernels are discrete masses), 0 otherwise (densities). */
  readonly step: 0 | 1;
  readonly log: boolean;
  readonly int: boolean;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export interface CategoricalCodec {
  readonly kind: "categorical";
  readonly name: string;
  readonly values: readonly (string | boolean)[];
  readonly defaultIndex: number;
}

export type DimensionCodec = NumericCodec | CategoricalCodec;

function invalid(dim: SearchDimension, why: string): AlchemistError {
  return new AlchemistError("INVALID_ARGUMENT", `search dimension "${dim.name}" ${why}`, {
    parameter: dim.name,
  });
}

/** Validates a search space and returns its codecs; throws INVALID_ARGUMENT naming the dimension. */
export function compileSpace(space: readonly SearchDimension[]): DimensionCodec[] {
  const seen = new Set<string>();
  return space.map((dim) => {
    if (seen.has(dim.name)) throw invalid(dim, "appears twice");
    seen.add(dim.name);
    if (dim.kind === "categorical") {
      if (dim.values.length === 0) throw invalid(dim, "has no values");
      const at = dim.values.indexOf(dim.default);
      return { kind: "categorical", name: dim.name, values: dim.values, defaultIndex: Math.max(at, 0) };
    }
    const { min, max } = dim;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw invalid(dim, `has bounds [${min}, ${max}]; they must be finite with min ≤ max`);
    }
    const int = dim.kind === "int";
    if (int && (!Number.isInteger(min) || !Number.isInteger(max))) {
      throw invalid(dim, `is an int dimension with non-integer bounds [${min}, ${max}]`);
    }
    if (dim.log && min <= 0) throw invalid(dim, `is log-scaled, so min must be > 0 (got ${min})`);
    let low = min;
    let high = max;
    let step: 0 | 1 = int ? 1 : 0;
    if (dim.log) {
      // A log-scaled int is modelled as a continuous log variable over [min − ½, max + ½], then
      // rounded, as Optuna does; the half-widths give the end values their share of the mass.
      low = Math.log(int ? min - 0.5 : min);
      high = Math.log(int ? max + 0.5 : max);
      step = 0;
    }
    const fallback = Number.isFinite(dim.default) ? dim.default : min;
    const clamped = Math.min(max, Math.max(min, int ? Math.round(fallback) : fallback));
    return {
      kind: "numeric",
      name: dim.name,
      low,
      high,
      step,
      log: dim.log,
      int,
      min,
      max,
      default: clamped,
    };
  });
}

/**
 * The model-space value of a stored parameter, or undefined when it cannot belong to this
 * dimension (wrong type, outside the bounds, not a listed category): such values are ignored.
 */
export function encode(codec: DimensionCodec, value: unknown): number | undefined {
  if (codec.kind === "categorical") {
    const at = codec.values.indexOf(value as string | boolean);
    return at < 0 ? undefined : at;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  if (value < codec.min || value > codec.max) return undefined;
  if (codec.int && !Number.isInteger(value)) return undefined;
  return codec.log ? Math.log(value) : value;
}

/** The parameter value of a model-space draw: exponentiated, rounded, clamped into the bounds. */
export function decode(codec: NumericCodec, x: number): number {
  let v = codec.log ? Math.exp(x) : x;
  if (codec.int) v = Math.round(v);
  return Math.min(codec.max, Math.max(codec.min, v));
}

/** A uniform draw (log-uniform on log dimensions, every integer equally likely on plain ints). */
export function sampleUniform(codec: DimensionCodec, rng: Rng): number | string | boolean {
  if (codec.kind === "categorical") return codec.values[rng.int(codec.values.length)]!;
  if (codec.min === codec.max) return codec.min;
  if (codec.step === 1) return codec.min + rng.int(codec.max - codec.min + 1);
  return decode(codec, codec.low + (codec.high - codec.low) * rng.next());
}

/** The declared default, clamped into the searched range (a search range may exclude it). */
export function defaultValue(codec: DimensionCodec): number | string | boolean {
  return codec.kind === "categorical" ? codec.values[codec.defaultIndex]! : codec.default;
}
