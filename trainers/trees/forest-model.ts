/**
 * The fitted model of averaging tree ensembles (decision tree = one tree, random forest, extra
 * trees): predictions average the trees' leaf values (class probabilities or means), as scikit-learn.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkPredictInput } from "../check-input.js";
import type { FittedModel, ModelJSON } from "../estimator.js";
import { checkModelHeader } from "./model-header.js";
import { argmaxAt } from "../predict-rows.js";
import { accumulateTrees, type TreeEnsemble } from "./tree-ensemble.js";
import { decodeEnsemble, decodeFloats, encodeEnsemble, encodeFloats, FloatsSchema } from "./tree-json.js";

/** Bumped when the state layout changes. */
export const FOREST_STATE_VERSION = 1;

export interface ForestModelParts {
  estimator: string;
  params: Record<string, unknown>;
  nFeatures: number;
  /** Classifiers only. */
  nClasses: number | undefined;
  ensemble: TreeEnsemble;
  importance: Float64Array;
  oobScore: number | null;
}

/** A FittedModel with the out-of-bag score when it was asked for. */
export interface ForestModel extends FittedModel {
  readonly oobScore: number | null;
}

export function forestModel(parts: ForestModelParts): ForestModel {
  const { estimator, nFeatures, nClasses, ensemble, oobScore } = parts;
  const params = Object.freeze({ ...parts.params });
  const importance = parts.importance.slice();
  const nTrees = ensemble.roots.length;
  const dim = ensemble.valueDim;

  const average = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, false);
    const out = new Float64Array(X.nRows * dim);
    accumulateTrees(ensemble, X.data, X.nRows, 0, nTrees, 1 / nTrees, out);
    return out;
  };

  const model: ForestModel = {
    estimator,
    nFeatures,
    ...(nClasses !== undefined ? { nClasses } : {}),
    oobScore,
    predict(X) {
      const avg = average(X);
      if (nClasses === undefined) return avg;
      const out = new Float64Array(X.nRows);
      for (let i = 0; i < X.nRows; i++) out[i] = argmaxAt(avg, i * dim, dim);
      return out;
    },
    ...(nClasses !== undefined ? { predictProba: (X: FeatureMatrix) => average(X) } : {}),
    featureImportance: () => importance.slice(),
    toJSON(): ModelJSON {
      return {
        estimator,
        version: FOREST_STATE_VERSION,
        params: { ...params },
        nFeatures,
        ...(nClasses !== undefined ? { nClasses } : {}),
        state: { trees: encodeEnsemble(ensemble), importance: encodeFloats(importance), oobScore },
      };
    },
  };
  return Object.freeze(model);
}

const StateSchema = z.object({
  trees: z.unknown(),
  importance: FloatsSchema,
  oobScore: z.number().nullable(),
});

/** Rebuilds a model serialised by `forestModel(...).toJSON()`; INVALID_MODEL_STATE if anything is off. */
export function forestFromJSON(
  json: ModelJSON,
  name: string,
  paramsSchema: z.ZodObject,
  classifier: boolean,
): ForestModel {
  const h = checkModelHeader(json, name, FOREST_STATE_VERSION, paramsSchema, classifier);
  const s = StateSchema.safeParse(json.state);
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
  const importance = decodeFloats(s.data.importance);
  if (importance.length !== h.nFeatures) {
    throw new AlchemistError(
      "INVALID_MODEL_STATE",
      `Invalid ${name} state: importance has ${importance.length} entries for ${h.nFeatures} features.`,
      {
        path: "state.importance",
      },
    );
  }
  const ensemble = decodeEnsemble(s.data.trees, h.nFeatures, h.nClasses ?? 1);
  return forestModel({
    estimator: name,
    params: h.params as Record<string, unknown>,
    nFeatures: h.nFeatures,
    nClasses: h.nClasses,
    ensemble,
    importance,
    oobScore: s.data.oobScore,
  });
}
