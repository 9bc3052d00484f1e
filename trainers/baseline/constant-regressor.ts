/** The constant regressor: predicts the training mean or median for every row (DummyRegressor). */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { enumParam, parseEstimatorParams } from "../param.js";
import {
  BASELINE_STATE_VERSION,
  checkBaselineFit,
  checkBaselinePredict,
  invalidBaselineState,
  parseBaselineJSON,
} from "./baseline-model.js";

const NAME = "constant_regressor";

export const ConstantRegressorParamsSchema = z.strictObject({
  strategy: enumParam({
    values: ["mean", "median"],
    default: "mean",
    description: "mean minimises squared error; median minimises absolute error and resists outliers",
  }),
});

/** Weighted mean as a running update, so huge targets cannot overflow a sum. */
export function weightedMean(y: Float64Array, w: Float64Array | undefined): number {
  let mean = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? (w[i] as number) : 1;
    if (wi === 0) continue;
    total += wi;
    mean += (wi / total) * ((y[i] as number) - mean);
  }
  return mean;
}

/**
 * Median: unweighted, the middle value (mean of the two middle ones for an even count, as numpy);
 * weighted, the first sorted value whose cumulative weight reaches half the total (as scikit-learn's
 * `_weighted_percentile`).
 */
export function weightedMedian(y: Float64Array, w: Float64Array | undefined): number {
  const n = y.length;
  if (!w) {
    const s = Float64Array.from(y).sort();
    const mid = n >> 1;
    return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (y[a] as number) - (y[b] as number) || a - b,
  );
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i] as number;
  let cum = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    cum += w[i] as number;
    if (cum >= 0.5 * total) return y[i] as number;
  }
  return y[order[n - 1] as number] as number;
}

function constantRegressorModel(nFeatures: number, strategy: "mean" | "median", value: number): FittedModel {
  const model: FittedModel = Object.freeze({
    estimator: NAME,
    nFeatures,
    predict(X: FeatureMatrix): Float64Array {
      checkBaselinePredict(model, X);
      return new Float64Array(X.nRows).fill(value);
    },
    toJSON: () => ({
      estimator: NAME,
      version: BASELINE_STATE_VERSION,
      params: { strategy },
      nFeatures,
      state: { value },
    }),
  });
  return model;
}

const StateSchema = z.object({ value: z.number() });

export const constantRegressor: EstimatorSpec<typeof ConstantRegressorParamsSchema> = {
  name: NAME,
  family: "baseline",
  tasks: ["regression"],
  description:
    "Constant regressor: ignores the features and predicts the training mean (or median); the baseline every real model must beat, and the fallback that never fails.",
  tags: {
    handlesMissing: true,
    handlesCategorical: true,
    needsScaling: false,
    sampleWeights: true,
    probabilities: false,
  },
  params: ConstantRegressorParamsSchema,
  fit(X, y, params, ctx) {
    checkBaselineFit(constantRegressor, X, y, ctx);
    const { strategy } = parseEstimatorParams(NAME, ConstantRegressorParamsSchema, params);
    const w = ctx.sampleWeight;
    return constantRegressorModel(
      X.nCols,
      strategy,
      strategy === "mean" ? weightedMean(y, w) : weightedMedian(y, w),
    );
  },
  fromJSON(json) {
    const j = parseBaselineJSON(json, NAME, ConstantRegressorParamsSchema, StateSchema);
    if (j.nClasses !== undefined) throw invalidBaselineState(NAME, "a regressor has no nClasses");
    return constantRegressorModel(j.nFeatures, j.params.strategy, j.state.value);
  },
};
