/** Pieces shared by the AdaBoost estimators: params, importance bookkeeping, state checks. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { floatParam, intParam } from "../param.js";
import type { TreeEnsemble } from "./tree-ensemble.js";
import { decodeFloats, FloatsSchema } from "./tree-json.js";
import { nEstimatorsParam } from "./tree-params.js";

export const boostParams = (maxDepth: number) => ({
  n_estimators: nEstimatorsParam(50),
  learning_rate: floatParam({
    default: 1,
    min: 1e-4,
    max: 10,
    log: true,
    searchMin: 0.01,
    searchMax: 2,
    description: "Shrinks each tree's contribution; lower values need more trees.",
  }),
  max_depth: intParam({
    default: maxDepth,
    min: 1,
    max: 32,
    searchMax: 8,
    description: "Depth of each boosted tree (1 = decision stumps).",
  }),
});

/** Adds `weight ×` a tree's impurity decreases, normalised to sum 1, to `acc`. */
export function addTreeImportance(acc: Float64Array, tree: Float64Array, weight: number): void {
  let sum = 0;
  for (let j = 0; j < tree.length; j++) sum += tree[j] as number;
  if (sum > 0)
    for (let j = 0; j < tree.length; j++) acc[j] = (acc[j] as number) + (weight * (tree[j] as number)) / sum;
}

/** Divides by the total (no-op when it is zero). */
export function normalise(a: Float64Array): Float64Array {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j] as number;
  if (sum > 0) for (let j = 0; j < a.length; j++) a[j] = (a[j] as number) / sum;
  return a;
}

export const BoostStateSchema = z.object({
  trees: z.unknown(),
  weights: FloatsSchema,
  importance: FloatsSchema,
});

/** Decoded estimator weights and importances, checked against the trees and features. */
export function decodeBoostArrays(
  name: string,
  state: z.infer<typeof BoostStateSchema>,
  ensemble: TreeEnsemble,
  nFeatures: number,
): { weights: Float64Array; importance: Float64Array } {
  const weights = decodeFloats(state.weights);
  const importance = decodeFloats(state.importance);
  if (weights.length !== ensemble.roots.length) {
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Invalid ${name} state: ${weights.length} weights for ${ensemble.roots.length} trees.`,
      {
        path: "state.weights",
      },
    );
  }
  if (importance.length !== nFeatures) {
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Invalid ${name} state: importance has ${importance.length} entries for ${nFeatures} features.`,
      {
        path: "state.importance",
      },
    );
  }
  return { weights, importance };
}

/** Parses the boost state envelope or throws INVALID_MODEL_STATE naming the field. */
export function parseBoostState(name: string, state: unknown): z.infer<typeof BoostStateSchema> {
  const s = BoostStateSchema.safeParse(state);
  if (!s.success) {
    const issue = s.error.issues[0];
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Invalid ${name} state: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}.`,
      {
        path: `state.${issue?.path.join(".") ?? ""}`,
      },
    );
  }
  return s.data;
}
