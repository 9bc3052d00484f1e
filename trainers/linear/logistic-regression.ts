/**
 * Logistic regression (scikit-learn's LogisticRegression): sigmoid for two classes, multinomial softmax
 * for more; L2 or no penalty by L-BFGS, L1 and elastic net by OWL-QN.
 */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, enumParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { minimizeLbfgs } from "./lbfgs.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { binaryLogistic, multinomialLogistic } from "./logistic-loss.js";
import { applyBalancedWeights, presentClasses, sampleWeights } from "./training-data.js";

const NAME = "logistic_regression";
const VERSION = 1;

export const LogisticRegressionParams = z.object({
  penalty: enumParam({
    values: ["l2", "l1", "elasticnet", "none"],
    default: "l2",
    description:
      "Coefficient penalty: l2 shrinks, l1 zeroes weak features, elasticnet mixes both (l1_ratio), none fits unpenalised.",
  }),
  C: floatParam({
    default: 1,
    min: 1e-8,
    max: 1e8,
    log: true,
    searchMin: 1e-3,
    searchMax: 1e3,
    description:
      "Inverse penalty strength (objective C·Σ loss + penalty): smaller is stronger regularisation.",
  }),
  l1_ratio: floatParam({
    default: 0.5,
    min: 0,
    max: 1,
    description: "With penalty 'elasticnet': share of L1 in the penalty (1 is pure L1, 0 pure L2).",
  }),
  fit_intercept: boolParam({ default: true, description: "Fit an unpenalised intercept.", search: false }),
  class_weight: enumParam({
    values: ["none", "balanced"],
    default: "none",
    description: "'balanced' weights each class by n / (classes · its count), for imbalanced data.",
  }),
  max_iter: intParam({
    default: 100,
    min: 1,
    max: 100_000,
    description: "Maximum quasi-Newton iterations.",
    search: false,
  }),
  tol: floatParam({
    default: 1e-4,
    min: 1e-12,
    max: 1,
    log: true,
    description:
      "Stop when every gradient entry of the summed objective is at most tol (scipy's gtol, as scikit-learn).",
    search: false,
  }),
});
export type LogisticRegressionParams = z.output<typeof LogisticRegressionParams>;

export const logisticRegression: EstimatorSpec<typeof LogisticRegressionParams> = {
  name: NAME,
  family: "linear",
  tasks: ["binary", "multiclass"],
  description:
    "Logistic regression: a linear classifier with calibrated probabilities (softmax for multiclass), L2/L1/elastic-net regularised; a strong, fast baseline.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: true,
  },
  params: LogisticRegressionParams,
  fit(X: FeatureMatrix, y: Float64Array, params: LogisticRegressionParams, ctx: FitContext): FittedModel {
    checkFitInput(logisticRegression, X, y, ctx);
    const prm = parseEstimatorParams(NAME, LogisticRegressionParams, params);
    const nClasses = ctx.nClasses as number;
    const { nRows: n, nCols: p, data } = X;
    const w = sampleWeights(NAME, ctx, n);
    const classes = presentClasses(y, nClasses, w);
    const info = { estimator: NAME, version: VERSION, params: prm, nFeatures: p, nClasses };
    if (classes.length < 2) {
      return linearModel(info, {
        coef: new Float64Array(0),
        intercept: new Float64Array(0),
        link: "softmax",
        classes,
      });
    }
    if (prm.class_weight === "balanced") applyBalancedWeights(w, y, classes, nClasses);
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i] as number;
    const sw = new Float64Array(n);
    for (let i = 0; i < n; i++) sw[i] = (w[i] as number) / total;

    const nOut = classes.length === 2 ? 1 : classes.length;
    const rho = prm.penalty === "l1" ? 1 : prm.penalty === "elasticnet" ? prm.l1_ratio : 0;
    const strength = prm.penalty === "none" ? 0 : 1 / (prm.C * total);
    const l2 = strength * (1 - rho);
    let objective: ReturnType<typeof binaryLogistic>;
    if (nOut === 1) {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) if (y[i] === classes[1]) t[i] = 1;
      objective = binaryLogistic(data, n, p, t, sw, l2, prm.fit_intercept);
    } else {
      const index = new Int32Array(nClasses).fill(-1);
      classes.forEach((c, k) => {
        index[c] = k;
      });
      const label = new Int32Array(n);
      for (let i = 0; i < n; i++) label[i] = Math.max(0, index[y[i] as number] as number);
      objective = multinomialLogistic(data, n, p, label, nOut, sw, l2, prm.fit_intercept);
    }
    const dim = nOut * (p + 1);
    let l1: Float64Array | undefined;
    if (rho > 0 && strength > 0) {
      l1 = new Float64Array(dim);
      l1.fill(strength * rho, 0, nOut * p);
    }
    const res = minimizeLbfgs(objective, new Float64Array(dim), {
      maxIter: prm.max_iter,
      gtol: prm.tol / total,
      // scipy's factr·ε relative-decrease stop, tightened with tol so a small tol is honoured.
      ftol: 2.220446049250313e-9 * Math.min(1, prm.tol / 1e-4),
      ...(l1 ? { l1 } : {}),
    });
    return linearModel(info, {
      coef: res.x.slice(0, nOut * p),
      intercept: res.x.slice(nOut * p),
      link: "softmax",
      classes,
    });
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: true,
      links: ["softmax"],
      params: LogisticRegressionParams,
    }),
};
