/** hist_gradient_boosting_regressor: LightGBM-style histogram gradient boosting for regression. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam, floatParam, parseEstimatorParams } from "../param.js";
import { boost } from "./booster.js";
import { boostParams, GBDT_COMMON_PARAMS } from "./gbdt-params.js";
import { createGbdtModel, ensembleFromJSON } from "./gbdt-model.js";

export const REGRESSION_LOSSES = ["squared_error", "absolute_error", "huber"] as const;

export const HistGradientBoostingRegressorParams = z.strictObject({
  loss: enumParam({
    values: REGRESSION_LOSSES,
    default: "squared_error",
    description:
      "squared_error fits the mean; absolute_error the median (robust to outliers); huber is squared near the fit and absolute beyond huber_alpha's quantile of the residuals.",
  }),
  huber_alpha: floatParam({
    default: 0.9,
    min: 0.5,
    max: 0.999,
    search: false,
    description:
      "Huber loss: the quantile of absolute residuals (recomputed each round) beyond which errors count linearly.",
  }),
  ...GBDT_COMMON_PARAMS,
});
export type HistGradientBoostingRegressorParams = z.output<typeof HistGradientBoostingRegressorParams>;

const NAME = "hist_gradient_boosting_regressor";

export const histGradientBoostingRegressor: EstimatorSpec<typeof HistGradientBoostingRegressorParams> = {
  name: NAME,
  family: "boosting",
  tasks: ["regression"],
  description:
    "Histogram gradient-boosted trees (LightGBM-style; squared, absolute or Huber loss) that handle missing values and categorical codes natively; usually the strongest choice on tabular data of any size.",
  tags: {
    handlesMissing: true,
    handlesCategorical: true,
    needsScaling: false,
    sampleWeights: true,
    probabilities: false,
  },
  params: HistGradientBoostingRegressorParams,
  fit(X, y, params, ctx): FittedModel {
    const p = parseEstimatorParams(NAME, HistGradientBoostingRegressorParams, params);
    checkFitInput(histGradientBoostingRegressor, X, y, ctx);
    const result = boost(
      X,
      y,
      ctx.sampleWeight ?? null,
      1,
      boostParams(p, p.loss, p.huber_alpha),
      ctx.seed,
      ctx.onProgress,
    );
    return createGbdtModel(NAME, p, X.nCols, undefined, result.ensemble, {
      loss: p.loss,
      nIter: result.nIter,
      validationLoss: result.validationLoss,
      binThresholds: result.mapper.thresholds,
    });
  },
  fromJSON(json: ModelJSON): FittedModel {
    const params = HistGradientBoostingRegressorParams.safeParse(json.params);
    if (!params.success) {
      throw new AlchemistError(
        "INVALID_MODEL_STATE",
        `${NAME}: the serialised params do not parse: ${params.error.message}`,
        {},
      );
    }
    if (json.nClasses !== undefined) {
      throw new AlchemistError("INVALID_MODEL_STATE", `${NAME}: a regressor has no nClasses.`, {});
    }
    const { ensemble, extras } = ensembleFromJSON(json, NAME, undefined);
    if (extras.loss !== params.data.loss) {
      throw new AlchemistError(
        "INVALID_MODEL_STATE",
        `${NAME}: state loss '${extras.loss}' differs from params loss '${params.data.loss}'.`,
        {},
      );
    }
    return createGbdtModel(NAME, params.data, json.nFeatures, undefined, ensemble, extras);
  },
};
