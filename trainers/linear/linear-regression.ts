/** Ordinary least squares (scikit-learn's LinearRegression): minimum-norm solution, rank-deficient safe. */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, parseEstimatorParams } from "../param.js";
import { minNormLeastSquares } from "./least-squares.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { centredScaled, sampleWeights, sqrtOf, weightedColumnMeans, weightedMean } from "./training-data.js";

const NAME = "linear_regression";
const VERSION = 1;

export const LinearRegressionParams = z.object({
  fit_intercept: boolParam({
    default: true,
    description: "Fit an unpenalised intercept (centre X and y first).",
    search: false,
  }),
});
export type LinearRegressionParams = z.output<typeof LinearRegressionParams>;

/** Weighted least-squares coefficients and intercept of y on X (QR then SVD of R). */
export function fitLeastSquares(X: FeatureMatrix, y: Float64Array, w: Float64Array, fitIntercept: boolean) {
  const { nRows: n, nCols: p } = X;
  const means = fitIntercept ? weightedColumnMeans(X, w) : new Float64Array(p);
  const yMean = fitIntercept ? weightedMean(y, w) : 0;
  const sw = sqrtOf(w);
  const a = centredScaled(X, means, sw);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = ((y[i] as number) - yMean) * (sw[i] as number);
  const coef = minNormLeastSquares(a, n, p, b);
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= (means[j] as number) * (coef[j] as number);
  return { coef, intercept };
}

export const linearRegression: EstimatorSpec<typeof LinearRegressionParams> = {
  name: NAME,
  family: "linear",
  tasks: ["regression"],
  description:
    "Ordinary least-squares linear regression (no regularisation): a fast, interpretable baseline for roughly linear targets.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: true,
    probabilities: false,
  },
  params: LinearRegressionParams,
  fit(X: FeatureMatrix, y: Float64Array, params: LinearRegressionParams, ctx: FitContext): FittedModel {
    checkFitInput(linearRegression, X, y, ctx);
    const prm = parseEstimatorParams(NAME, LinearRegressionParams, params);
    const w = sampleWeights(NAME, ctx, X.nRows);
    const { coef, intercept } = fitLeastSquares(X, y, w, prm.fit_intercept);
    return linearModel(
      { estimator: NAME, version: VERSION, params: prm, nFeatures: X.nCols },
      { coef, intercept: Float64Array.of(intercept), link: "identity" },
    );
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: false,
      links: ["identity"],
      params: LinearRegressionParams,
    }),
};
