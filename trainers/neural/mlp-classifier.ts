/** Multi-layer perceptron classifier: softmax (binary: logistic) output trained on log-loss with Adam. */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { toRowMajor } from "../../data/preprocess/index.js";
import { checkFitInput, checkPredictInput } from "../check-input.js";
import type { EstimatorSpec, FittedModel } from "../estimator.js";
import { parseEstimatorParams } from "../param.js";
import type { OutputKind } from "./mlp-layout.js";
import { MLP_STATE_VERSION, type MlpState, mlpStateJSON, networkOutputs, parseMlpJSON } from "./mlp-model.js";
import { layerSizes, type MlpClassifierParams, MlpClassifierParamsSchema } from "./mlp-params.js";
import { trainMlp } from "./mlp-train.js";

const NAME = "mlp_classifier";

/** Two classes use one logistic output (as scikit-learn), more use one softmax output per class. */
const outputsFor = (K: number | undefined): number => ((K as number) === 2 ? 1 : (K as number));

function classifierModel(
  params: MlpClassifierParams,
  nFeatures: number,
  K: number,
  s: MlpState,
): FittedModel {
  const output: OutputKind = K === 2 ? "logistic" : "softmax";
  const proba = (X: FeatureMatrix): Float64Array => {
    checkPredictInput(model, X, false);
    const out = networkOutputs(s.layout, s.weights, params.activation, output, X);
    if (K !== 2) return out;
    const p = new Float64Array(X.nRows * 2);
    for (let i = 0; i < X.nRows; i++) {
      p[2 * i] = 1 - (out[i] as number);
      p[2 * i + 1] = out[i] as number;
    }
    return p;
  };
  const model: FittedModel = Object.freeze({
    estimator: NAME,
    nFeatures,
    nClasses: K,
    predict(X: FeatureMatrix): Float64Array {
      const p = proba(X);
      const pred = new Float64Array(X.nRows);
      for (let i = 0; i < X.nRows; i++) {
        let best = 0;
        for (let c = 1; c < K; c++) if ((p[i * K + c] as number) > (p[i * K + best] as number)) best = c;
        pred[i] = best;
      }
      return pred;
    },
    predictProba: proba,
    toJSON: () => ({
      estimator: NAME,
      version: MLP_STATE_VERSION,
      params: { ...params },
      nFeatures,
      nClasses: K,
      state: mlpStateJSON(s),
    }),
  });
  return model;
}

export const mlpClassifier: EstimatorSpec<typeof MlpClassifierParamsSchema> = {
  name: NAME,
  family: "neural",
  tasks: ["binary", "multiclass"],
  description:
    "Multi-layer perceptron classifier (fully connected network trained with Adam): captures non-linear interactions on scaled numeric features; slower to train, needs more rows than linear models.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: false,
    probabilities: true,
  },
  params: MlpClassifierParamsSchema,
  fit(X, y, params, ctx) {
    checkFitInput(mlpClassifier, X, y, ctx);
    const p = parseEstimatorParams(NAME, MlpClassifierParamsSchema, params);
    const K = ctx.nClasses as number;
    const res = trainMlp(toRowMajor(X), X.nRows, y, {
      sizes: layerSizes(p, X.nCols, outputsFor(K)),
      output: K === 2 ? "logistic" : "softmax",
      params: p,
      seed: ctx.seed,
      estimator: NAME,
      onProgress: ctx.onProgress,
    });
    return classifierModel(p, X.nCols, K, { ...res, targetShift: 0, targetScale: 1 });
  },
  fromJSON(json) {
    const j = parseMlpJSON(json, NAME, MlpClassifierParamsSchema, true, outputsFor);
    return classifierModel(j.params, j.nFeatures, j.nClasses as number, j.state);
  },
};
