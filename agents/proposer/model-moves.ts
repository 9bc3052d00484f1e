/** change_model moves of the proposer heuristic: estimators not tried yet, then the runners-up. */
import { ACTION_SPACE, type ActionContext, allowedValues } from "../../actions/index.js";
import type { PipelineSpec } from "../../data/preprocess/index.js";
import type { EstimatorFamily, EstimatorSpec } from "../../trainers/estimator.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import { encodeMethod, type Move, move, PROPOSER_RULES, stepOf } from "./heuristic-moves.js";
import type { ProposerFacts, ProposerInput } from "./proposer-schema.js";

/** Families most likely to win, first (a rough prior over tabular benchmarks); others (not tabular) rank last. */
const FAMILY_RANK: Partial<Record<EstimatorFamily, number>> = {
  boosting: 0,
  forest: 1,
  neural: 2,
  linear: 3,
  neighbors: 4,
  discriminant: 5,
  tree: 6,
  naive_bayes: 7,
  baseline: 99,
};
const rankOf = (family: EstimatorFamily): number => FAMILY_RANK[family] ?? 99;

/** Whether `est` can do itself justice on the incumbent's steps as they are. */
export function fitsSteps(est: EstimatorSpec, spec: PipelineSpec, facts: ProposerFacts): boolean {
  const scale = stepOf(spec, "scale");
  if (est.tags.needsScaling && scale === undefined) return false;
  if (encodeMethod(spec) === "native" && facts.categorical.length > 0 && !est.tags.handlesCategorical)
    return false;
  // Standard or robust scaling makes negative features, which multinomial naive Bayes refuses.
  const negatives = facts.negatives || (scale !== undefined && scale.method !== "minmax");
  if (est.tags.nonNegativeFeatures === true && negatives) return false;
  return true;
}

export interface ModelMoves {
  /** Untried estimators that fit the incumbent's steps, of a family at least as strong as the incumbent's. */
  promising: Move[];
  /** Other untried estimators that fit the incumbent's steps, stronger families first. */
  fitting: Move[];
  /** Untried estimators whose preprocessing would need a follow-up move. */
  misfits: Move[];
  /** The best other estimators so far that fit the incumbent's preprocessing, on it. */
  runnersUp: Move[];
}

/** change_model candidates among the values the action allows here (never a baseline, never a failed one). */
export function modelMoves(input: ProposerInput, ctx: ActionContext): ModelMoves {
  const def = ACTION_SPACE.get("change_model");
  const allowed = def === undefined ? null : allowedValues(def, ctx);
  const names = allowed?.kind === "enum" ? allowed.values : [];
  const current = input.incumbent.spec.estimator.name;
  const { triedEstimators, failedEstimators, bestByEstimator } = input.search;
  const fresh: { est: EstimatorSpec; fits: boolean }[] = [];
  const currentFamily = MODEL_REGISTRY.get(current)?.family;
  // Only the top families can beat a strong incumbent; weaker ones wait for the other moves.
  const bar = Math.min(currentFamily === undefined ? 99 : rankOf(currentFamily), rankOf("neural"));
  for (const name of names) {
    const est = MODEL_REGISTRY.get(name);
    if (est === undefined || est.family === "baseline" || name === current) continue;
    if (triedEstimators.includes(name) || failedEstimators.includes(name)) continue;
    fresh.push({ est, fits: fitsSteps(est, input.incumbent.spec, input.facts) });
  }
  // Stable: registry order within a family.
  fresh.sort((a, b) => rankOf(a.est.family) - rankOf(b.est.family));
  const effect = "A different model family may fit this data better.";
  const untried = (est: EstimatorSpec, note: string) =>
    move("change_model", est.name, [`${est.name} (${est.family}) has not been tried yet${note}.`, effect]);
  const runnersUp: Move[] = [];
  for (const b of bestByEstimator) {
    if (runnersUp.length >= PROPOSER_RULES.runnersUp) break;
    const est = MODEL_REGISTRY.get(b.estimator);
    if (est === undefined || est.family === "baseline" || b.estimator === current) continue;
    if (!names.includes(b.estimator) || failedEstimators.includes(b.estimator)) continue;
    if (!fitsSteps(est, input.incumbent.spec, input.facts)) continue;
    runnersUp.push(
      move("change_model", b.estimator, [
        `${b.estimator} scored ${Number(b.score.toPrecision(4))} in trial ${b.seq}; try it on the incumbent's preprocessing.`,
        effect,
      ]),
    );
  }
  const fits = fresh.filter((f) => f.fits);
  return {
    promising: fits.filter((f) => rankOf(f.est.family) <= bar).map((f) => untried(f.est, "")),
    fitting: fits.filter((f) => rankOf(f.est.family) > bar).map((f) => untried(f.est, "")),
    misfits: fresh
      .filter((f) => !f.fits)
      .map((f) => untried(f.est, " (its preprocessing may need a follow-up move)")),
    runnersUp,
  };
}
