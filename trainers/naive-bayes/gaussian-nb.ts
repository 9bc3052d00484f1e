/** Gaussian naive Bayes: per class, independent normal features (scikit-learn's GaussianNB). */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { floatParam, parseEstimatorParams } from "../param.js";
import { decodeFloats, encodeFloats, FloatArraySchema } from "./float-codec.js";
import { classWeights, expectLength, logPriors, naiveBayesModel, parseNbJSON } from "./nb-model.js";

const NAME = "gaussian_nb";
/** Variances never go below this, so a zero-variance feature cannot produce 0/0. */
const MIN_VARIANCE = 1e-300;

export const GaussianNbParamsSchema = z.strictObject({
  var_smoothing: floatParam({
    default: 1e-9,
    min: 0,
    max: 1,
    log: true,
    searchMin: 1e-12,
    searchMax: 1e-2,
    description: "Share of the largest feature variance added to every variance, for stability",
  }),
});
type GaussianNbParams = z.output<typeof GaussianNbParamsSchema>;

/**
 * Class weights, per-class feature means `theta[c·d + j]` and smoothed variances `variance[c·d + j]`
 * (population variance + var_smoothing × the largest overall feature variance).
 */
interface GaussianNbState {
  classCount: Float64Array;
  theta: Float64Array;
  variance: Float64Array;
}

/** Weighted per-class means and variances (two passes, so no cancellation). */
export function gaussianStats(
  X: FeatureMatrix,
  y: Float64Array,
  w: Float64Array | undefined,
  K: number,
  varSmoothing: number,
): GaussianNbState {
  const { nRows: n, nCols: d, data } = X;
  const classCount = classWeights(y, w, K);
  const theta = new Float64Array(K * d);
  const variance = new Float64Array(K * d);
  let maxVar = 0;
  for (let j = 0; j < d; j++) {
    const col = j * n;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const v = data[col + i] as number;
      mean += v;
      const t = (y[i] as number) * d + j;
      theta[t] = (theta[t] as number) + (w ? (w[i] as number) : 1) * v;
    }
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const t = (data[col + i] as number) - mean;
      ss += t * t;
    }
    if (ss / n > maxVar) maxVar = ss / n;
    for (let c = 0; c < K; c++) {
      const cc = classCount[c] as number;
      theta[c * d + j] = cc > 0 ? (theta[c * d + j] as number) / cc : 0;
    }
    for (let i = 0; i < n; i++) {
      const c = y[i] as number;
      const t = (data[col + i] as number) - (theta[c * d + j] as number);
      variance[c * d + j] = (variance[c * d + j] as number) + (w ? (w[i] as number) : 1) * t * t;
    }
  }
  // A data set with no spread at all still gets a usable scale.
  const epsilon = maxVar > 0 ? varSmoothing * maxVar : varSmoothing;
  for (let c = 0; c < K; c++) {
    const cc = classCount[c] as number;
    for (let j = 0; j < d; j++) {
      const v = cc > 0 ? (variance[c * d + j] as number) / cc : 0;
      variance[c * d + j] = Math.max(v + epsilon, MIN_VARIANCE);
    }
  }
  return { classCount, theta, variance };
}

/** Class-major joint log-likelihoods of the rows of X. */
function gaussianJll(X: FeatureMatrix, s: GaussianNbState, logPrior: Float64Array, K: number): Float64Array {
  const { nRows: n, nCols: d, data } = X;
  const jll = new Float64Array(K * n);
  for (let c = 0; c < K; c++) {
    const base = c * n;
    let constant = logPrior[c] as number;
    for (let j = 0; j < d; j++) constant -= 0.5 * Math.log(2 * Math.PI * (s.variance[c * d + j] as number));
    jll.fill(constant, base, base + n);
    for (let j = 0; j < d; j++) {
      const mu = s.theta[c * d + j] as number;
      const half = 0.5 / (s.variance[c * d + j] as number);
      const col = j * n;
      for (let i = 0; i < n; i++) {
        const t = (data[col + i] as number) - mu;
        jll[base + i] = (jll[base + i] as number) - half * t * t;
      }
    }
  }
  return jll;
}

function gaussianModel(
  params: GaussianNbParams,
  nFeatures: number,
  K: number,
  s: GaussianNbState,
): FittedModel {
  const logPrior = logPriors(s.classCount, true);
  return naiveBayesModel({
    estimator: NAME,
    params,
    nFeatures,
    nClasses: K,
    logPrior,
    jll: (X) => gaussianJll(X, s, logPrior, K),
    state: {
      classCount: encodeFloats(s.classCount),
      theta: encodeFloats(s.theta),
      variance: encodeFloats(s.variance),
    },
  });
}

const StateSchema = z.object({
  classCount: FloatArraySchema,
  theta: FloatArraySchema,
  variance: FloatArraySchema,
});

export const gaussianNb: EstimatorSpec<typeof GaussianNbParamsSchema> = {
  name: NAME,
  family: "naive_bayes",
  tasks: ["binary", "multiclass"],
  description:
    "Gaussian naive Bayes: treats features as independent normals per class; trains instantly, a fast, robust baseline for small or wide data, rarely the most accurate.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: true,
    probabilities: true,
  },
  params: GaussianNbParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(gaussianNb, X, y, ctx);
    const p = parseEstimatorParams(NAME, GaussianNbParamsSchema, params);
    const K = ctx.nClasses as number;
    return gaussianModel(p, X.nCols, K, gaussianStats(X, y, ctx.sampleWeight, K, p.var_smoothing));
  },
  fromJSON(json) {
    const j = parseNbJSON(json, NAME, GaussianNbParamsSchema, StateSchema);
    const K = j.nClasses;
    expectLength(NAME, "classCount", j.state.classCount, K);
    expectLength(NAME, "theta", j.state.theta, K * j.nFeatures);
    expectLength(NAME, "variance", j.state.variance, K * j.nFeatures);
    const s = {
      classCount: decodeFloats(j.state.classCount),
      theta: decodeFloats(j.state.theta),
      variance: decodeFloats(j.state.variance),
    };
    return gaussianModel(j.params, j.nFeatures, K, s);
  },
};
