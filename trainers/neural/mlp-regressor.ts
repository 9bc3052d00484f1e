/** Multi-layer perceptron regressor: identity output trained on squared error with Adam. */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { toRowMajor } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import { MLP_STATE_VERSION, type MlpState, mlpStateJSON, networkOutputs, parseMlpJSON } from "./mlp-model.js";
import { layerSizes, type MlpRegressorParams, MlpRegressorParamsSchema } from "./mlp-params.js";
import { trainMlp } from "./mlp-train.js";

const NAME = "mlp_regressor";

/** Mean and standard deviation (1 when the target is constant), for target standardisation. */
export function targetScaling(y: Float64Array): { shift: number; scale: number } {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += ((y[i] as number) - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((y[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return { shift: mean, scale: sd > 0 && Number.isFinite(sd) ? sd : 1 };
}

function regressorModel(params: MlpRegressorParams, nFeatures: number, s: MlpState): FittedModel {
  const model: FittedModel = Object.freeze({
    estimator: NAME,
    nFeatures,
    predict(X: FeatureMatrix): Float64Array {
      checkPredictInput(model, X, false);
      const out = networkOutputs(s.layout, s.weights, params.activation, "identity", X);
      if (s.targetScale !== 1 || s.targetShift !== 0) {
        for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * s.targetScale + s.targetShift;
      }
      return out;
    },
    toJSON: () => ({
      estimator: NAME,
      version: MLP_STATE_VERSION,
      params: { ...params },
      nFeatures,
      state: mlpStateJSON(s),
    }),
  });
  return model;
}

export const mlpRegressor: EstimatorSpec<typeof MlpRegressorParamsSchema> = {
  name: NAME,
  family: "neural",
  tasks: ["regression"],
  description:
    "Multi-layer perceptron regressor (fully connected network trained with Adam): captures non-linear interactions on scaled numeric features; slower to train, needs more rows than linear models.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: false,
    probabilities: false,
  },
  params: MlpRegressorParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(mlpRegressor, X, y, ctx);
    const p = parseEstimatorParams(NAME, MlpRegressorParamsSchema, params);
    const { shift, scale } = p.standardize_target ? targetScaling(y) : { shift: 0, scale: 1 };
    const target = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) target[i] = ((y[i] as number) - shift) / scale;
    const res = trainMlp(toRowMajor(X), X.nRows, target, {
      sizes: layerSizes(p, X.nCols, 1),
      output: "identity",
      params: p,
      seed: ctx.seed,
      estimator: NAME,
      onProgress: ctx.onProgress,
    });
    return regressorModel(p, X.nCols, { ...res, targetShift: shift, targetScale: scale });
  },
  fromJSON(json) {
    const j = parseMlpJSON(json, NAME, MlpRegressorParamsSchema, false, () => 1);
    return regressorModel(j.params, j.nFeatures, j.state);
  },
};
