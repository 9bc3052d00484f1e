/** Ridge classifier (scikit-learn's RidgeClassifier): ridge regression on ±1 targets, one column per class. */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, enumParam, floatParam, parseEstimatorParams } from "../param.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { fitRidge } from "./ridge.js";
import { applyBalancedWeights, presentClasses, sampleWeights } from "./training-data.js";

const NAME = "ridge_classifier";
const VERSION = 1;

export const RidgeClassifierParams = z.object({
  alpha: floatParam({
    default: 1,
    min: 0,
    max: 1e8,
    log: true,
    searchMin: 1e-4,
    searchMax: 1e4,
    description: "L2 penalty strength of the ridge fit on ±1 class targets.",
  }),
  fit_intercept: boolParam({ default: true, description: "Fit an unpenalised intercept.", search: false }),
  class_weight: enumParam({
    values: ["none", "balanced"],
    default: "none",
    description: "'balanced' weights each class by n / (classes · its count), for imbalanced data.",
  }),
});
export type RidgeClassifierParams = z.output<typeof RidgeClassifierParams>;

/** ±1 targets column-major (`n × m`): one column for two classes (`classes[1]` positive), else one per class. */
export function plusMinusTargets(y: Float64Array, classes: Int32Array): { Y: Float64Array; m: number } {
  const n = y.length;
  const m = classes.length === 2 ? 1 : classes.length;
  const Y = new Float64Array(n * m).fill(-1);
  if (m === 1) {
    for (let i = 0; i < n; i++) if (y[i] === classes[1]) Y[i] = 1;
    return { Y, m };
  }
  const col = new Int32Array((classes[classes.length - 1] as number) + 1);
  classes.forEach((c, k) => {
    col[c] = k;
  });
  for (let i = 0; i < n; i++) Y[(col[y[i] as number] as number) * n + i] = 1;
  return { Y, m };
}

export const ridgeClassifier: EstimatorSpec<typeof RidgeClassifierParams> = {
  name: NAME,
  family: "linear",
  tasks: ["binary", "multiclass"],
  description:
    "Ridge classifier: L2-penalised least squares on ±1 class targets (one-vs-rest); very fast linear classifier without probabilities.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: false,
  },
  params: RidgeClassifierParams,
  fit(X: FeatureMatrix, y: Float64Array, params: RidgeClassifierParams, ctx: FitContext): FittedModel {
    checkFitInput(ridgeClassifier, X, y, ctx);
    const prm = parseEstimatorParams(NAME, RidgeClassifierParams, params);
    const nClasses = ctx.nClasses as number;
    const w = sampleWeights(NAME, ctx, X.nRows);
    const classes = presentClasses(y, nClasses, w);
    const info = { estimator: NAME, version: VERSION, params: prm, nFeatures: X.nCols, nClasses };
    if (classes.length < 2) {
      return linearModel(info, {
        coef: new Float64Array(0),
        intercept: new Float64Array(0),
        link: "argmax",
        classes,
      });
    }
    if (prm.class_weight === "balanced") applyBalancedWeights(w, y, classes, nClasses);
    const { Y, m } = plusMinusTargets(y, classes);
    const { coef, intercept } = fitRidge(X, Y, m, w, prm.alpha, prm.fit_intercept);
    return linearModel(info, { coef, intercept, link: "argmax", classes });
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: true,
      links: ["argmax"],
      params: RidgeClassifierParams,
    }),
};
