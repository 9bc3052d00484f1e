/** Ridge regression (scikit-learn's Ridge): L2-penalised least squares in closed form (Cholesky). */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, floatParam, parseEstimatorParams } from "../param.js";
import { gram, outerGram, solveSymmetric } from "./least-squares.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { centredScaled, sampleWeights, sqrtOf, weightedColumnMeans } from "./training-data.js";

const NAME = "ridge";
const VERSION = 1;

export const RidgeParams = z.object({
  alpha: floatParam({
    default: 1,
    min: 0,
    max: 1e8,
    log: true,
    searchMin: 1e-4,
    searchMax: 1e4,
    description:
      "L2 penalty strength on the coefficients (objective ‖y − Xw‖² + alpha·‖w‖²); 0 is ordinary least squares.",
  }),
  fit_intercept: boolParam({
    default: true,
    description: "Fit an unpenalised intercept (centre X and y first).",
    search: false,
  }),
});
export type RidgeParams = z.output<typeof RidgeParams>;

/**
 * Multi-output weighted ridge: minimises Σᵢ wᵢ‖yᵢ − W xᵢ − b‖² + alpha·‖W‖² for `m` targets held
 * column-major in `Y` (`n × m`). Returns `coef` (`m × p` row-major) and `intercept` (`m`). Solves the
 * primal p×p system when p ≤ n, the dual n×n one otherwise, as scikit-learn's cholesky solver does.
 */
export function fitRidge(
  X: FeatureMatrix,
  Y: Float64Array,
  m: number,
  w: Float64Array,
  alpha: number,
  fitIntercept: boolean,
) {
  const { nRows: n, nCols: p } = X;
  const means = fitIntercept ? weightedColumnMeans(X, w) : new Float64Array(p);
  const yMeans = new Float64Array(m);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w[i] as number;
  if (fitIntercept) {
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (w[i] as number) * (Y[r * n + i] as number);
      yMeans[r] = s / sw;
    }
  }
  const sq = sqrtOf(w);
  const a = centredScaled(X, means, sq);
  const yc = new Float64Array(n * m);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++)
      yc[r * n + i] = ((Y[r * n + i] as number) - (yMeans[r] as number)) * (sq[i] as number);
  }
  const coef = new Float64Array(m * p);
  if (p <= n) {
    const rhs = new Float64Array(p * m);
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (a[j * n + i] as number) * (yc[r * n + i] as number);
        rhs[r * p + j] = s;
      }
    }
    coef.set(solveSymmetric(gram(a, n, p), p, alpha, rhs, m));
  } else {
    const dual = solveSymmetric(outerGram(a, n, p), n, alpha, yc, m);
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (a[j * n + i] as number) * (dual[r * n + i] as number);
        coef[r * p + j] = s;
      }
    }
  }
  const intercept = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let b = yMeans[r] as number;
    for (let j = 0; j < p; j++) b -= (means[j] as number) * (coef[r * p + j] as number);
    intercept[r] = b;
  }
  return { coef, intercept };
}

export const ridge: EstimatorSpec<typeof RidgeParams> = {
  name: NAME,
  family: "linear",
  tasks: ["regression"],
  description:
    "Ridge regression: least squares with an L2 penalty that shrinks coefficients, robust to correlated features; fast closed-form fit.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: false,
  },
  params: RidgeParams,
  fit(X: FeatureMatrix, y: Float64Array, params: RidgeParams, ctx: FitContext): FittedModel {
    checkFitInput(ridge, X, y, ctx);
    const prm = parseEstimatorParams(NAME, RidgeParams, params);
    const w = sampleWeights(NAME, ctx, X.nRows);
    const { coef, intercept } = fitRidge(X, y, 1, w, prm.alpha, prm.fit_intercept);
    return linearModel(
      { estimator: NAME, version: VERSION, params: prm, nFeatures: X.nCols },
      { coef, intercept, link: "identity" },
    );
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: false,
      links: ["identity"],
      params: RidgeParams,
    }),
};
