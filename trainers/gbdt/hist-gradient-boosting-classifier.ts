/** hist_gradient_boosting_classifier: LightGBM-style histogram gradient boosting with log loss. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel, ModelJSON } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import { boost } from "./booster.js";
import { boostParams, GBDT_COMMON_PARAMS } from "./gbdt-params.js";
import { createGbdtModel, ensembleFromJSON } from "./gbdt-model.js";

export const HistGradientBoostingClassifierParams = z.strictObject({ ...GBDT_COMMON_PARAMS });
export type HistGradientBoostingClassifierParams = z.output<typeof HistGradientBoostingClassifierParams>;

const NAME = "hist_gradient_boosting_classifier";

export const histGradientBoostingClassifier: EstimatorSpec<typeof HistGradientBoostingClassifierParams> = {
  name: NAME,
  family: "boosting",
  tasks: ["binary", "multiclass"],
  description:
    "Histogram gradient-boosted trees (LightGBM-style, log loss / softmax) that handle missing values and categorical codes natively; usually the strongest choice on tabular data of any size.",
  tags: {
    handlesMissing: true,
    handlesCategorical: true,
    needsScaling: false,
    sampleWeights: true,
    probabilities: true,
  },
  params: HistGradientBoostingClassifierParams,
  fit(X, y, params, ctx): FittedModel {
    const p = parseEstimatorParams(NAME, HistGradientBoostingClassifierParams, params);
    checkFitInput(histGradientBoostingClassifier, X, y, ctx);
    const K = ctx.nClasses as number;
    const result = boost(
      X,
      y,
      ctx.sampleWeight ?? null,
      K,
      boostParams(p, "log_loss"),
      ctx.seed,
      ctx.onProgress,
    );
    return createGbdtModel(NAME, p, X.nCols, K, result.ensemble, {
      loss: "log_loss",
      nIter: result.nIter,
      validationLoss: result.validationLoss,
      binThresholds: result.mapper.thresholds,
    });
  },
  fromJSON(json: ModelJSON): FittedModel {
    const params = HistGradientBoostingClassifierParams.safeParse(json.params);
    if (!params.success) {
      throw new AlchemistError(
        "INVALID_MODEL_STATE",
        `${NAME}: the serialised params do not parse: ${params.error.message}`,
        {},
      );
    }
    const K = json.nClasses;
    if (K === undefined || !Number.isInteger(K) || K < 2) {
      throw new AlchemistError(
        "INVALID_MODEL_STATE",
        `${NAME}: the serialised model needs nClasses ≥ 2.`,
        {},
      );
    }
    const { ensemble, extras } = ensembleFromJSON(json, NAME, K);
    return createGbdtModel(NAME, params.data, json.nFeatures, K, ensemble, extras);
  },
};
