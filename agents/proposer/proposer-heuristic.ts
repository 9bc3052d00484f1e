/**
 * The proposer's heuristic tier: an ordered list of moves computed from the profile facts, the
 * incumbent and the trials; the first one that validates and leads to an untried state wins.
 */
import { AlchemistError } from "../../core/errors.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { familyMoves } from "./family-moves.js";
import type { Move } from "./heuristic-moves.js";
import { modelMoves } from "./model-moves.js";
import { moveKey, moveLabel } from "./move-label.js";
import { type ProposerScene, resolveMove, sceneOf } from "./proposer-checks.js";
import type { ProposerInput, ProposerOutput } from "./proposer-schema.js";
import { preprocessingExtras, preprocessingFixes } from "./preprocessing-moves.js";

/**
 * Every move in priority order, before validation and the tried check: fixes of mismatches, the
 * family's two best-known levers, other preprocessing, untried estimators of strong families, the
 * family's other moves, the other untried estimators (those fitting the steps first), the
 * runners-up on these steps.
 */
function orderedMoves(input: ProposerInput, scene: ProposerScene): Move[] {
  const spec = input.incumbent.spec;
  const est = MODEL_REGISTRY.get(spec.estimator.name);
  const models = modelMoves(input, scene.ctx);
  if (est === undefined) return [...models.promising, ...models.fitting, ...models.runnersUp];
  const parsed = est.params.safeParse(spec.estimator.params);
  const params = (parsed.success ? parsed.data : spec.estimator.params) as Record<string, unknown>;
  const family = familyMoves(est, params, input.facts);
  return [
    ...preprocessingFixes(input, est),
    ...family.primary,
    ...preprocessingExtras(input, est),
    ...models.promising,
    ...family.secondary,
    ...models.fitting,
    ...models.misfits,
    ...models.runnersUp,
  ];
}

/**
 * The heuristic's candidates, best first: each validated against the action space, applied to the
 * incumbent, leading to a state not in `input.tried` (and distinct from the others), and not a move
 * that already failed to help this estimator. Deterministic. At most `limit` are computed.
 */
export function heuristicCandidates(
  input: ProposerInput,
  limit = Number.POSITIVE_INFINITY,
): ProposerOutput[] {
  const scene = sceneOf(input);
  const estimator = input.incumbent.spec.estimator.name;
  const avoid = new Set(input.search.movesThatDidNotHelp);
  const seen = new Set<string>();
  const out: ProposerOutput[] = [];
  for (const m of orderedMoves(input, scene)) {
    if (out.length >= limit) break;
    const r = resolveMove(input, m.action, scene);
    if (!r.ok || seen.has(r.key)) continue;
    if (avoid.has(moveKey(estimator, moveLabel(r.action)))) continue;
    seen.add(r.key);
    out.push({ action: r.action, rationale: m.rationale, expected_effect: m.expected_effect });
  }
  return out;
}

/** The heuristic tier: the first candidate (INTERNAL when there is none: callers check `heuristicCandidates` first). */
export function proposerHeuristic(input: ProposerInput): ProposerOutput {
  const first = heuristicCandidates(input, 1)[0];
  if (first === undefined) {
    throw new AlchemistError("INTERNAL", "The proposer heuristic has no untried move for this incumbent.");
  }
  return first;
}
