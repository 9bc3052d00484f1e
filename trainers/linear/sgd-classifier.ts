/** SGD classifier (scikit-learn's SGDClassifier): linear SVM / logistic / modified Huber by SGD, one-vs-rest. */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { toRowMajor } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam, parseEstimatorParams } from "../param.js";
import type { Link } from "./linear-model.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { plainSgd } from "./sgd.js";
import { SGD_CLASSIFIER_LOSSES } from "./sgd-losses.js";
import { sgdCommonParams } from "./sgd-params.js";
import { applyBalancedWeights, presentClasses, sampleWeights } from "./training-data.js";

const NAME = "sgd_classifier";
const VERSION = 1;

export const SgdClassifierParams = z.object({
  loss: enumParam({
    values: SGD_CLASSIFIER_LOSSES,
    default: "hinge",
    description:
      "hinge (linear SVM), log_loss (logistic, gives probabilities), modified_huber (smooth, gives probabilities), squared_hinge, perceptron.",
  }),
  ...sgdCommonParams({ learningRate: "optimal", eta0: 0.01, powerT: 0.5, average: true }),
  class_weight: enumParam({
    values: ["none", "balanced"],
    default: "none",
    description: "'balanced' weights each class by n / (classes · its count), for imbalanced data.",
  }),
});
export type SgdClassifierParams = z.output<typeof SgdClassifierParams>;

function linkFor(loss: SgdClassifierParams["loss"]): Link {
  return loss === "log_loss" ? "ovr_sigmoid" : loss === "modified_huber" ? "ovr_huber" : "argmax";
}

export const sgdClassifier: EstimatorSpec<typeof SgdClassifierParams> = {
  name: NAME,
  family: "linear",
  tasks: ["binary", "multiclass"],
  description:
    "Linear classifier trained by stochastic gradient descent (hinge, logistic or modified Huber loss, one-vs-rest); scales to very many rows.",
  // Probabilities only with loss log_loss or modified_huber, so the tag stays false.
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: false,
  },
  params: SgdClassifierParams,
  fit(X: FeatureMatrix, y: Float64Array, params: SgdClassifierParams, ctx: FitContext): FittedModel {
    checkFitInput(sgdClassifier, X, y, ctx);
    const prm = parseEstimatorParams(NAME, SgdClassifierParams, params);
    const nClasses = ctx.nClasses as number;
    const { nRows: n, nCols: p } = X;
    const w = sampleWeights(NAME, ctx, n);
    const classes = presentClasses(y, nClasses, w);
    const link = linkFor(prm.loss);
    const info = { estimator: NAME, version: VERSION, params: prm, nFeatures: p, nClasses };
    if (classes.length < 2) {
      return linearModel(info, { coef: new Float64Array(0), intercept: new Float64Array(0), link, classes });
    }
    if (prm.class_weight === "balanced") applyBalancedWeights(w, y, classes, nClasses);
    const settings = {
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
      epsilon: 0.1, // read only by the regression losses
      shuffle: prm.shuffle,
      average: prm.average,
    };
    const rows = toRowMajor(X);
    const rng = createRng(ctx.seed);
    const nOut = classes.length === 2 ? 1 : classes.length;
    const coef = new Float64Array(nOut * p);
    const intercept = new Float64Array(nOut);
    const labels = new Float64Array(n);
    for (let k = 0; k < nOut; k++) {
      const positive = nOut === 1 ? (classes[1] as number) : (classes[k] as number);
      for (let i = 0; i < n; i++) labels[i] = y[i] === positive ? 1 : -1;
      const res = plainSgd(rows, n, p, labels, w, settings, rng.fork());
      if (!res.finite) {
        throw new AlchemistError(
          "FIT_FAILED",
          `${NAME}: the weights overflowed; scale the features or lower the learning rate (eta0/alpha).`,
          { parameter: "learning_rate" },
        );
      }
      coef.set(res.coef, k * p);
      intercept[k] = res.intercept;
      ctx.onProgress?.((k + 1) / nOut, `class ${k + 1}/${nOut}`);
    }
    return linearModel(info, { coef, intercept, link, classes });
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: true,
      links: ["argmax", "ovr_sigmoid", "ovr_huber"],
      params: SgdClassifierParams,
    }),
};
