/** Linear support vector classifier (scikit-learn's LinearSVC): LIBLINEAR dual coordinate descent, one-vs-rest. */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, enumParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { SVM_SOLVER_DESCRIPTION, SVM_SOLVERS, svmSolver } from "./svm-solve.js";
import { applyBalancedWeights, invalidParams, presentClasses, sampleWeights } from "./training-data.js";

const NAME = "linear_svc";
const VERSION = 1;

export const LinearSvcParams = z.object({
  C: floatParam({
    default: 1,
    min: 1e-8,
    max: 1e8,
    log: true,
    searchMin: 1e-3,
    searchMax: 1e3,
    description:
      "Cost of margin violations (objective ½‖w‖² + C·Σ loss): smaller is stronger regularisation.",
  }),
  loss: enumParam({
    values: ["squared_hinge", "hinge"],
    default: "squared_hinge",
    description: "Margin loss: squared_hinge (smooth, LIBLINEAR's L2-loss SVM) or hinge (the classic SVM).",
  }),
  fit_intercept: boolParam({
    default: true,
    description: "Fit an intercept (as a constant feature, lightly penalised).",
    search: false,
  }),
  intercept_scaling: floatParam({
    default: 1,
    min: 1e-6,
    max: 1e6,
    description:
      "Value of the constant feature that carries the intercept; larger weakens the intercept's penalty.",
    search: false,
  }),
  class_weight: enumParam({
    values: ["none", "balanced"],
    default: "none",
    description: "'balanced' weights each class by n / (classes · its count), for imbalanced data.",
  }),
  solver: enumParam({
    values: SVM_SOLVERS,
    default: "auto",
    description: SVM_SOLVER_DESCRIPTION,
    search: false,
  }),
  max_iter: intParam({
    default: 1000,
    min: 1,
    max: 100_000,
    description: "Maximum passes over the data (dual) or quasi-Newton iterations (primal).",
    search: false,
  }),
  tol: floatParam({
    default: 1e-4,
    min: 1e-12,
    max: 1,
    log: true,
    description:
      "Dual: stop when a pass's projected-gradient spread is at most tol; primal: when the gradient falls to tol times its start.",
    search: false,
  }),
});
export type LinearSvcParams = z.output<typeof LinearSvcParams>;

export const linearSvc: EstimatorSpec<typeof LinearSvcParams> = {
  name: NAME,
  family: "linear",
  tasks: ["binary", "multiclass"],
  description:
    "Linear support vector classifier (LIBLINEAR-style, one-vs-rest): a max-margin linear classifier, strong on wide data; no probabilities.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: false,
  },
  params: LinearSvcParams,
  fit(X: FeatureMatrix, y: Float64Array, params: LinearSvcParams, ctx: FitContext): FittedModel {
    checkFitInput(linearSvc, X, y, ctx);
    const prm = parseEstimatorParams(NAME, LinearSvcParams, params);
    const nClasses = ctx.nClasses as number;
    const { nRows: n, nCols: p } = X;
    const w = sampleWeights(NAME, ctx, n);
    const classes = presentClasses(y, nClasses, w);
    const info = { estimator: NAME, version: VERSION, params: prm, nFeatures: p, nClasses };
    if (classes.length < 2) {
      return linearModel(info, {
        coef: new Float64Array(0),
        intercept: new Float64Array(0),
        link: "argmax",
        classes,
      });
    }
    if (prm.solver === "primal_lbfgs" && prm.loss === "hinge") {
      throw invalidParams(
        NAME,
        "solver",
        "solver 'primal_lbfgs' needs loss 'squared_hinge' (the hinge is not smooth).",
      );
    }
    if (prm.class_weight === "balanced") applyBalancedWeights(w, y, classes, nClasses);
    const bias = prm.fit_intercept ? prm.intercept_scaling : 0;
    const solve = svmSolver(
      X,
      w,
      {
        C: prm.C,
        squared: prm.loss === "squared_hinge",
        bias,
        tol: prm.tol,
        maxIter: prm.max_iter,
        solver: prm.solver,
        seed: ctx.seed,
      },
      "classification",
      0,
    );
    const nOut = classes.length === 2 ? 1 : classes.length;
    const coef = new Float64Array(nOut * p);
    const intercept = new Float64Array(nOut);
    const labels = new Float64Array(n);
    for (let k = 0; k < nOut; k++) {
      const positive = nOut === 1 ? (classes[1] as number) : (classes[k] as number);
      for (let i = 0; i < n; i++) labels[i] = y[i] === positive ? 1 : -1;
      const wk = solve(labels);
      coef.set(wk.subarray(0, p), k * p);
      intercept[k] = (wk[p] as number) * bias;
      ctx.onProgress?.((k + 1) / nOut, `class ${k + 1}/${nOut}`);
    }
    return linearModel(info, { coef, intercept, link: "argmax", classes });
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: true,
      links: ["argmax"],
      params: LinearSvcParams,
    }),
};
