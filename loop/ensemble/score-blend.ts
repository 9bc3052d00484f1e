/** The score of a given weighted blend of out-of-fold predictions, read as caruanaSelect reads its own. */
import { AlchemistError } from "../../core/errors.js";
import { type BlendTargetOptions, prepareBlendTarget } from "./blend-target.js";
import type { EnsembleWeight } from "./caruana.js";

export interface ScoreBlendOptions extends BlendTargetOptions {
  /** The members (ids of `candidates`) and their weights (≥ 0, renormalised to sum to 1). */
  weights: readonly EnsembleWeight[];
}

/**
 * The metric of the blend Σ wᵢ·oofᵢ / Σ wᵢ of the weighted candidates, on the rows every one of them
 * predicted (candidates without weight take no part, so leaving a member out can only add rows).
 * With Caruana's own weights over the same candidates this is its score (up to rounding).
 */
export function scoreBlend(options: ScoreBlendOptions): number {
  const byId = new Map(options.candidates.map((c) => [c.id, c]));
  let total = 0;
  const members = options.weights.map(({ id, weight }) => {
    const candidate = byId.get(id);
    if (candidate === undefined) {
      throw new AlchemistError("INVALID_ARGUMENT", `no out-of-fold predictions for blend member "${id}"`, {
        parameter: "weights",
      });
    }
    if (!Number.isFinite(weight) || weight < 0) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `member "${id}" has weight ${weight}; weights must be ≥ 0`,
        {
          parameter: "weights",
        },
      );
    }
    total += weight;
    return { candidate, weight };
  });
  if (!(total > 0)) {
    throw new AlchemistError("INVALID_ARGUMENT", "blend weights sum to 0", { parameter: "weights" });
  }
  const kept = members.filter((m) => m.weight > 0);
  const target = prepareBlendTarget({ ...options, candidates: kept.map((m) => m.candidate) });
  const { rows, width } = target;
  const blend = new Float64Array(rows.length * width);
  for (const { candidate, weight } of kept) {
    const w = weight / total;
    const oof = candidate.oof;
    for (let r = 0; r < rows.length; r++) {
      const src = (rows[r] as number) * width;
      const dst = r * width;
      for (let k = 0; k < width; k++)
        blend[dst + k] = (blend[dst + k] as number) + w * (oof[src + k] as number);
    }
  }
  return target.score(blend);
}
