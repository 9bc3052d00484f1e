/**
 * Our TPE sampler (Bergstra et al. 2011, with Optuna's TPESampler defaults): random start-up
 * trials, then candidates drawn from the good trials' estimator l(x) and ranked by l(x)/g(x).
 */
import { AlchemistError } from "../../core/errors.js";
import { createRng, type Rng } from "../../core/rng.js";
import type { SearchDimension } from "../../trainers/param.js";
import { isSuccess, type Observation, type Params } from "./observation.js";
import {
  buildCategoricalParzen,
  buildNumericParzen,
  defaultWeights,
  logPdfNumeric,
  type NumericParzen,
  pickIndex,
  sampleNumeric,
} from "./parzen-estimator.js";
import {
  compileSpace,
  type DimensionCodec,
  decode,
  defaultValue,
  encode,
  type NumericCodec,
  sampleUniform,
} from "./space-codec.js";

export interface TpeOptions {
  /** The dimensions searched (from `searchSpace(spec.params)`). */
  space: readonly SearchDimension[];
  /** With the history length, fixes every draw: same seed + same history ⇒ same suggestion. */
  seed: number;
  /** Trials (failed ones included) sampled at random before TPE starts (default 10, as Optuna). */
  nStartup?: number;
  /** Candidates drawn from l(x) per suggestion (default 24, as Optuna). */
  nCandidates?: number;
  /**
   * Size of the good group for n trials, failed ones included (default Optuna's
   * min(ceil(0.1 n), 25)); capped by the number of successful trials.
   */
  gamma?: (n: number) => number;
  /** Weight of the prior kernel in every estimator (default 1). */
  priorWeight?: number;
  /** Suggest the declared defaults for the very first trial (empty history); default true. */
  startWithDefaults?: boolean;
}

export interface TpeSampler {
  /**
   * The next parameters to try, given every finished trial in trial order. Pure: depends only on
   * the options and `history`, so a resumed run continues exactly where it stopped. Failed trials
   * (score -Infinity or NaN) join the bad group; parameters not in the space are ignored.
   */
  suggest(history: readonly Observation[]): Params;
}

/** Optuna's default gamma: the top 10% of trials, at most 25, form the good group. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Creates a TPE sampler over `space`; throws INVALID_ARGUMENT for a malformed space or option. */
export function createTpeSampler(options: TpeOptions): TpeSampler {
  const codecs = compileSpace(options.space);
  const nStartup = options.nStartup ?? 10;
  const nCandidates = options.nCandidates ?? 24;
  const gamma = options.gamma ?? defaultGamma;
  const priorWeight = options.priorWeight ?? 1;
  const startWithDefaults = options.startWithDefaults ?? true;
  requireOption("nStartup", nStartup, nStartup >= 0);
  requireOption("nCandidates", nCandidates, Number.isInteger(nCandidates) && nCandidates >= 1);
  requireOption("priorWeight", priorWeight, Number.isFinite(priorWeight) && priorWeight > 0);
  requireOption("seed", options.seed, Number.isFinite(options.seed));

  return {
    suggest(history) {
      const rng = createRng(mixSeed(options.seed, history.length));
      const params: Params = {};
      if (history.length === 0 && startWithDefaults) {
        for (const c of codecs) params[c.name] = defaultValue(c);
        return params;
      }
      if (history.length < nStartup) {
        for (const c of codecs) params[c.name] = sampleUniform(c, rng);
        return params;
      }
      const good = splitGood(history, gamma);
      const models = codecs.map((c) => buildModels(c, history, good, priorWeight));
      // Candidates are drawn per dimension from l(x) and ranked jointly by Σ log l − log g.
      const draws = new Float64Array(nCandidates * codecs.length);
      const logRatio = new Float64Array(nCandidates);
      codecs.forEach((codec, d) => {
        const m = models[d]!;
        for (let j = 0; j < nCandidates; j++) {
          const x = drawFrom(codec, m, rng);
          draws[j * codecs.length + d] = x;
          logRatio[j]! += ratioAt(codec, m, x);
        }
      });
      let best = 0;
      for (let j = 1; j < nCandidates; j++) if (logRatio[j]! > logRatio[best]!) best = j;
      codecs.forEach((codec, d) => {
        const x = draws[best * codecs.length + d]!;
        params[codec.name] = codec.kind === "categorical" ? codec.values[x]! : x;
      });
      return params;
    },
  };
}

function requireOption(name: string, value: number, ok: boolean): void {
  if (!ok) {
    throw new AlchemistError("INVALID_ARGUMENT", `TPE option ${name} is ${value}, which is not allowed`, {
      parameter: name,
    });
  }
}

/** A 32-bit mix of the seed and the history length, so each trial has its own stream. */
function mixSeed(seed: number, n: number): number {
  let h = Math.imul(Math.floor(seed) ^ 0x2545f491, 0x9e3779b1);
  h ^= Math.imul((n + 1) ^ (n >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Marks the good group: the gamma(n) best successful trials (ties by trial order); everything
 * else, failures included, is bad.
 */
function splitGood(history: readonly Observation[], gamma: (n: number) => number): Uint8Array {
  const ok: number[] = [];
  history.forEach((o, i) => {
    if (isSuccess(o.score)) ok.push(i);
  });
  ok.sort((a, b) => history[b]!.score - history[a]!.score || a - b);
  const want = Math.floor(gamma(history.length));
  const nGood = Number.isFinite(want) ? Math.max(0, Math.min(ok.length, want)) : 0;
  const good = new Uint8Array(history.length);
  for (let i = 0; i < nGood; i++) good[ok[i]!] = 1;
  return good;
}

type Models =
  | { kind: "fixed" }
  | { kind: "numeric"; l: NumericParzen; g: NumericParzen }
  | { kind: "categorical"; l: Float64Array; g: Float64Array };

function buildModels(
  codec: DimensionCodec,
  history: readonly Observation[],
  good: Uint8Array,
  priorWeight: number,
): Models {
  if (codec.kind === "categorical" ? codec.values.length === 1 : codec.min === codec.max) {
    return { kind: "fixed" };
  }
  const groups: [number[], number[]] = [[], []];
  history.forEach((o, i) => {
    const x = encode(codec, Object.hasOwn(o.params, codec.name) ? o.params[codec.name] : undefined);
    if (x !== undefined) groups[good[i] === 1 ? 0 : 1].push(x);
  });
  if (codec.kind === "categorical") {
    const [l, g] = groups.map((xs) =>
      buildCategoricalParzen(
        Int32Array.from(xs),
        defaultWeights(xs.length),
        codec.values.length,
        priorWeight,
      ),
    );
    return { kind: "categorical", l: l!, g: g! };
  }
  const [l, g] = groups.map((xs) =>
    buildNumericParzen(
      Float64Array.from(xs),
      defaultWeights(xs.length),
      codec.low,
      codec.high,
      codec.step,
      priorWeight,
    ),
  );
  return { kind: "numeric", l: l!, g: g! };
}

/** A candidate value: a category index, or the decoded (rounded, clamped) parameter value. */
function drawFrom(codec: DimensionCodec, m: Models, rng: Rng): number {
  if (m.kind === "fixed") return codec.kind === "categorical" ? 0 : (codec as NumericCodec).min;
  if (m.kind === "categorical") return pickIndex(m.l, rng);
  return decode(codec as NumericCodec, sampleNumeric(m.l, rng));
}

function ratioAt(codec: DimensionCodec, m: Models, x: number): number {
  if (m.kind === "fixed") return 0;
  if (m.kind === "categorical") return Math.log(m.l[x]!) - Math.log(m.g[x]!);
  // Clamped so that rounding in exp/log cannot push a boundary value out of the support.
  const half = m.l.step / 2;
  const z = (codec as NumericCodec).log ? Math.log(x) : x;
  const inside = Math.min(m.l.high + half, Math.max(m.l.low - half, z));
  return logPdfNumeric(m.l, inside) - logPdfNumeric(m.g, inside);
}
