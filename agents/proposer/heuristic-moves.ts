/** Building blocks of the proposer heuristic: a move, its thresholds, and set_hyperparameter moves in bounds. */
import type { Action, ParamDomain } from "../../actions/index.js";
import type { PipelineSpec } from "../../data/preprocess/index.js";
import type { EstimatorSpec } from "../../trainers/estimator.js";
import type { ProposerFacts } from "./proposer-schema.js";

/** Heuristic thresholds. */
export const PROPOSER_RULES = {
  /** One-hot keeps 20 levels per column: past that, target encoding keeps the information. */
  highCardinality: 20,
  /** Share of the smallest class below which rebalancing is tried. */
  minorityShare: 0.2,
  /** Raw features above which noise-sensitive models get feature selection. */
  manyFeatures: 40,
  /** Runner-up estimators tried on the incumbent's preprocessing. */
  runnersUp: 2,
  /** Cap of tree and round counts the moves propose (fit time grows with them). */
  maxRounds: 1000,
} as const;

/** One candidate move with the words the proposal carries. */
export interface Move {
  action: Action;
  rationale: string;
  expected_effect: string;
}

/** Moves worth trying first (the family's best-known levers), then the rest. */
export interface FamilyMoves {
  primary: Move[];
  secondary: Move[];
}

/** What a family's moves read: the estimator, the incumbent's full params, their bounds, the data facts. */
export interface MoveEnv {
  est: EstimatorSpec;
  /** The incumbent's params with the registry defaults filled in. */
  params: Record<string, unknown>;
  domains: ReadonlyMap<string, ParamDomain>;
  facts: ProposerFacts;
}

/** Why and to what effect, as the proposal words them. */
export type Words = readonly [why: string, effect: string];

/** A move of any action. */
export function move(action: string, value: string | number | boolean, [why, effect]: Words): Move {
  return { action: { action, value }, rationale: why, expected_effect: effect };
}

/** 6 significant digits, so ×10 / ÷10 chains stay readable (0.1 × 0.5 = 0.05, not 0.05000000000000001). */
function tidy(x: number): number {
  return Number(x.toPrecision(6));
}

/** set_hyperparameter `param` = value (clamped into its bounds); null when the param is absent or unchanged. */
export function setTo(env: MoveEnv, param: string, value: number | string | boolean, words: Words) {
  const d = env.domains.get(param);
  if (d === undefined) return null;
  let v = value;
  if (typeof v === "number" && (d.kind === "float" || d.kind === "int")) {
    v = Math.min(d.max, Math.max(d.min, d.kind === "int" ? Math.round(v) : tidy(v)));
  }
  if (d.kind === "enum" && !d.values.includes(String(v))) return null;
  if (v === env.params[param]) return null;
  const m: Move = {
    action: { action: "set_hyperparameter", param, value: v },
    rationale: `${env.est.name}: ${words[0]}`,
    expected_effect: words[1],
  };
  return m;
}

/** The incumbent's numeric value of `param`, or `fallback`. */
export function num(env: MoveEnv, param: string, fallback: number): number {
  const v = env.params[param];
  return typeof v === "number" ? v : fallback;
}

/** `param` × factor; null for a missing or zero value (a factor cannot move it). */
export function scaleBy(env: MoveEnv, param: string, factor: number, words: Words) {
  const v = env.params[param];
  if (typeof v !== "number" || v === 0) return null;
  return setTo(env, param, v * factor, words);
}

export function clean(moves: readonly (Move | null)[]): Move[] {
  return moves.filter((m): m is Move => m !== null);
}

type AnyStep = PipelineSpec["steps"][number];

/** The spec's first step of `type`. */
export function stepOf<T extends AnyStep["type"]>(spec: PipelineSpec, type: T) {
  return spec.steps.find((s) => s.type === type) as Extract<AnyStep, { type: T }> | undefined;
}

/** The method of the encode step over the categorical group (one-hot when there is none). */
export function encodeMethod(spec: PipelineSpec): string {
  const step = spec.steps.find((s) => s.type === "encode" && s.columns === "categorical");
  return step?.type === "encode" ? step.method : "one_hot";
}
