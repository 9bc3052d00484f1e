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
/** Weight of a past dataset: 1 / (distance + this), as the warm-start plan weighs its neighbours. */
const NEARNESS = 0.05;

/**
 * Warm start: each estimator's vote from the nearest past datasets — the sum over datasets of
 * nearness × its best normalised score there (1 = that run's best) — and the nearest dataset it won on.
 */
export function pastVotes(
  input: ProposerInput,
): Map<string, { vote: number; dataset: string; distance: number }> {
  const votes = new Map<string, { vote: number; dataset: string; distance: number }>();
  for (const d of input.warmStart ?? []) {
    const best = new Map<string, number>();
    for (const p of d.best)
      best.set(p.recipe.estimator, Math.max(best.get(p.recipe.estimator) ?? 0, p.normalized));
    for (const [name, normalized] of best) {
      if (normalized <= 0) continue;
      const v = votes.get(name) ?? { vote: 0, dataset: d.dataset, distance: d.distance };
      v.vote += normalized / (d.distance + NEARNESS);
      if (d.distance < v.distance) {
        v.dataset = d.dataset;
        v.distance = d.distance;
      }
      votes.set(name, v);
    }
  }
  return votes;
}

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
  const votes = pastVotes(input);
  const voteOf = (name: string) => votes.get(name)?.vote ?? 0;
  for (const name of names) {
    const est = MODEL_REGISTRY.get(name);
    if (est === undefined || est.family === "baseline" || name === current) continue;
    if (triedEstimators.includes(name) || failedEstimators.includes(name)) continue;
    fresh.push({ est, fits: fitsSteps(est, input.incumbent.spec, input.facts) });
  }
  // Winners on the nearest past datasets first (most votes first), then by family; stable: registry
  // order within a family. Without a warm start every vote is 0 and the order is the family prior's.
  fresh.sort(
    (a, b) => voteOf(b.est.name) - voteOf(a.est.name) || rankOf(a.est.family) - rankOf(b.est.family),
  );
  const effect = "A different model family may fit this data better.";
  const untried = (est: EstimatorSpec, note: string) => {
    const past = votes.get(est.name);
    const why =
      past === undefined
        ? ""
        : `; it was among the best on the similar past dataset ${past.dataset} (distance ${past.distance.toFixed(3)})`;
    return move("change_model", est.name, [
      `${est.name} (${est.family}) has not been tried yet${note}${why}.`,
      effect,
    ]);
  };
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
  // An estimator that won on a similar dataset is promising whatever its family's prior rank.
  const promising = (f: (typeof fresh)[number]) => rankOf(f.est.family) <= bar || voteOf(f.est.name) > 0;
  return {
    promising: fits.filter(promising).map((f) => untried(f.est, "")),
    fitting: fits.filter((f) => !promising(f)).map((f) => untried(f.est, "")),
    misfits: fresh
      .filter((f) => !f.fits)
      .map((f) => untried(f.est, " (its preprocessing may need a follow-up move)")),
    runnersUp,
  };
}
