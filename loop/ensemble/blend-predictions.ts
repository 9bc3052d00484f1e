/** Applying ensemble weights to new predictions (test time), in the layout the models produce. */
import { AlchemistError } from "../../core/errors.js";
import { closestNames } from "../../data/did-you-mean.js";
import type { EnsembleWeight } from "./caruana.js";

/**
 * The weighted average Σ wᵢ·predᵢ / Σ wᵢ of the members' predictions, element by element: class
 * probabilities (n×K, row-major), scores or values (n). Every member must be present in
 * `predictions` with the same length; a NaN in any member stays NaN in the blend.
 */
export function blendPredictions(
  weights: readonly EnsembleWeight[],
  predictions: ReadonlyMap<string, Float64Array> | Readonly<Record<string, Float64Array>>,
): Float64Array {
  const lookup = (id: string): Float64Array | undefined =>
    predictions instanceof Map
      ? predictions.get(id)
      : Object.hasOwn(predictions, id)
        ? (predictions as Record<string, Float64Array>)[id]
        : undefined;
  const known = predictions instanceof Map ? [...predictions.keys()] : Object.keys(predictions);
  if (weights.length === 0) {
    throw new AlchemistError("INVALID_ARGUMENT", "an ensemble needs at least one weighted member", {
      parameter: "weights",
    });
  }
  let total = 0;
  const members = weights.map(({ id, weight }) => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `member "${id}" has weight ${weight}; weights must be ≥ 0`,
        {
          parameter: "weights",
        },
      );
    }
    const values = lookup(id);
    if (values === undefined) {
      const suggestions = closestNames(id, known);
      throw new AlchemistError("INVALID_ARGUMENT", `no predictions for ensemble member "${id}"`, {
        parameter: "predictions",
        suggestions,
      });
    }
    total += weight;
    return { id, weight, values };
  });
  if (!(total > 0)) {
    throw new AlchemistError("INVALID_ARGUMENT", "ensemble weights sum to 0", { parameter: "weights" });
  }
  const length = members[0]!.values.length;
  const out = new Float64Array(length);
  for (const { id, weight, values } of members) {
    if (values.length !== length) {
      throw new AlchemistError(
        "LENGTH_MISMATCH",
        `predictions of "${id}" have ${values.length} values but "${members[0]!.id}" has ${length}`,
        { parameter: "predictions", candidate: id },
      );
    }
    for (let i = 0; i < length; i++) out[i]! += weight * values[i]!;
  }
  // Dividing once at the end (total summed in the same order) keeps blended probabilities ≤ 1.
  for (let i = 0; i < length; i++) out[i]! /= total;
  return out;
}
