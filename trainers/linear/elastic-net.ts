/** Lasso and elastic net (scikit-learn's Lasso / ElasticNet): L1(+L2)-penalised least squares by coordinate descent. */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { cdGram, cdResidual } from "./coordinate-descent.js";
import { gram, transposeTimes } from "./least-squares.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { centredScaled, sampleWeights, sqrtOf, weightedColumnMeans, weightedMean } from "./training-data.js";

const VERSION = 1;

const alpha = floatParam({
  default: 1,
  min: 0,
  max: 1e6,
  log: true,
  searchMin: 1e-4,
  searchMax: 10,
  description:
    "Overall penalty strength (objective ‖y − Xw‖²/(2n) + alpha·penalty); larger zeroes more coefficients.",
});
const common = {
  fit_intercept: boolParam({ default: true, description: "Fit an unpenalised intercept.", search: false }),
  max_iter: intParam({
    default: 1000,
    min: 1,
    max: 100_000,
    description: "Maximum coordinate-descent sweeps.",
    search: false,
  }),
  tol: floatParam({
    default: 1e-4,
    min: 1e-12,
    max: 1,
    log: true,
    description:
      "Stop when the duality gap falls below tol·‖y‖² (checked once coefficient updates are small).",
    search: false,
  }),
};

export const LassoParams = z.object({ alpha, ...common });
export type LassoParams = z.output<typeof LassoParams>;

export const ElasticNetParams = z.object({
  alpha,
  l1_ratio: floatParam({
    default: 0.5,
    min: 0,
    max: 1,
    description: "Mix of the penalty: 1 is the lasso (L1), 0 is ridge (L2), in between both.",
  }),
  ...common,
});
export type ElasticNetParams = z.output<typeof ElasticNetParams>;

/** Weighted elastic net (weights rescaled to sum n, as scikit-learn does) fitted by coordinate descent. */
export function fitElasticNet(
  X: FeatureMatrix,
  y: Float64Array,
  w: Float64Array,
  p: { alpha: number; l1Ratio: number; fitIntercept: boolean; maxIter: number; tol: number },
) {
  const { nRows: n, nCols: nf } = X;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w[i] as number;
  const wn = new Float64Array(n);
  for (let i = 0; i < n; i++) wn[i] = ((w[i] as number) * n) / sw;
  const means = p.fitIntercept ? weightedColumnMeans(X, wn) : new Float64Array(nf);
  const yMean = p.fitIntercept ? weightedMean(y, wn) : 0;
  const sq = sqrtOf(wn);
  const a = centredScaled(X, means, sq);
  const b = new Float64Array(n);
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) {
    b[i] = ((y[i] as number) - yMean) * (sq[i] as number);
    yNorm2 += (b[i] as number) ** 2;
  }
  const l1 = p.alpha * p.l1Ratio * n;
  const l2 = p.alpha * (1 - p.l1Ratio) * n;
  const res =
    n >= nf
      ? cdGram(gram(a, n, nf), transposeTimes(a, n, nf, b), yNorm2, nf, l1, l2, p.maxIter, p.tol)
      : cdResidual(a, n, nf, b, l1, l2, p.maxIter, p.tol);
  let intercept = yMean;
  for (let j = 0; j < nf; j++) intercept -= (means[j] as number) * (res.coef[j] as number);
  return { coef: res.coef, intercept, iterations: res.iterations, converged: res.converged };
}

function makeSpec<S extends z.ZodObject>(
  name: string,
  schema: S,
  description: string,
  l1Ratio: (params: z.output<S>) => number,
): EstimatorSpec<S> {
  const spec: EstimatorSpec<S> = {
    name,
    family: "linear",
    tasks: ["regression"],
    description,
    tags: {
      handlesMissing: false,
      handlesCategorical: false,
      needsScaling: true,
      sampleWeights: true,
      probabilities: false,
    },
    params: schema,
    fit(X: FeatureMatrix, y: Float64Array, params: z.output<S>, ctx: FitContext): FittedModel {
      checkFitInput(spec, X, y, ctx);
      const prm = parseEstimatorParams(name, schema, params);
      const q = prm as unknown as LassoParams;
      const w = sampleWeights(name, ctx, X.nRows);
      const { coef, intercept } = fitElasticNet(X, y, w, {
        alpha: q.alpha,
        l1Ratio: l1Ratio(prm),
        fitIntercept: q.fit_intercept,
        maxIter: q.max_iter,
        tol: q.tol,
      });
      return linearModel(
        { estimator: name, version: VERSION, params: prm as Record<string, unknown>, nFeatures: X.nCols },
        { coef, intercept: Float64Array.of(intercept), link: "identity" },
      );
    },
    fromJSON: (json: ModelJSON) =>
      linearModelFromJSON(json, {
        estimator: name,
        version: VERSION,
        classifier: false,
        links: ["identity"],
        params: schema,
      }),
  };
  return spec;
}

export const lasso = makeSpec(
  "lasso",
  LassoParams,
  "Lasso regression: least squares with an L1 penalty that sets weak features' coefficients to exactly zero (built-in feature selection).",
  () => 1,
);

export const elasticNet = makeSpec(
  "elastic_net",
  ElasticNetParams,
  "Elastic net regression: least squares with a mixed L1/L2 penalty, sparse like the lasso but stable with correlated features.",
  (p) => p.l1_ratio,
);
