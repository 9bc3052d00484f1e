/** SGD regressor (scikit-learn's SGDRegressor): a linear model fitted by stochastic gradient descent. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { toRowMajor } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam, floatParam, parseEstimatorParams } from "../param.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { plainSgd } from "./sgd.js";
import { SGD_REGRESSOR_LOSSES } from "./sgd-losses.js";
import { sgdCommonParams } from "./sgd-params.js";
import { sampleWeights } from "./training-data.js";

const NAME = "sgd_regressor";
const VERSION = 1;

export const SgdRegressorParams = z.object({
  loss: enumParam({
    values: SGD_REGRESSOR_LOSSES,
    default: "squared_error",
    description:
      "squared_error (least squares), huber (robust to outliers), epsilon_insensitive (linear SVR), squared_epsilon_insensitive.",
  }),
  ...sgdCommonParams({ learningRate: "invscaling", eta0: 0.01, powerT: 0.25, average: false }),
  epsilon: floatParam({
    default: 0.1,
    min: 0,
    max: 1e12,
    description: "Huber threshold / insensitive-tube half-width, in target units.",
    search: false,
  }),
});
export type SgdRegressorParams = z.output<typeof SgdRegressorParams>;

export const sgdRegressor: EstimatorSpec<typeof SgdRegressorParams> = {
  name: NAME,
  family: "linear",
  tasks: ["regression"],
  description:
    "Linear regression trained by stochastic gradient descent (squared, Huber or epsilon-insensitive loss); scales to very many rows.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: false,
  },
  params: SgdRegressorParams,
  fit(X: FeatureMatrix, y: Float64Array, params: SgdRegressorParams, ctx: FitContext): FittedModel {
    checkFitInput(sgdRegressor, X, y, ctx);
    const prm = parseEstimatorParams(NAME, SgdRegressorParams, params);
    const { nRows: n, nCols: p } = X;
    const w = sampleWeights(NAME, ctx, n);
    const res = plainSgd(
      toRowMajor(X),
      n,
      p,
      y,
      w,
      {
        loss: prm.loss,
        penalty: prm.penalty,
        alpha: prm.alpha,
        l1Ratio: prm.l1_ratio,
        fitIntercept: prm.fit_intercept,
        maxIter: prm.max_iter,
        tol: prm.tol,
        nIterNoChange: prm.n_iter_no_change,
        learningRate: prm.learning_rate,
        eta0: prm.eta0,
        powerT: prm.power_t,
        epsilon: prm.epsilon,
        shuffle: prm.shuffle,
        average: prm.average,
      },
      createRng(ctx.seed),
    );
    if (!res.finite) {
      throw new AlchemistError(
        "FIT_FAILED",
        `${NAME}: the weights overflowed; scale the features (and target) or lower the learning rate (eta0).`,
        { parameter: "eta0" },
      );
    }
    return linearModel(
      { estimator: NAME, version: VERSION, params: prm, nFeatures: p },
      { coef: res.coef, intercept: Float64Array.of(res.intercept), link: "identity" },
    );
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: false,
      links: ["identity"],
      params: SgdRegressorParams,
    }),
};
