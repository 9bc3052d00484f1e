/** Linear support vector regression (scikit-learn's LinearSVR): LIBLINEAR dual coordinate descent. */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { boolParam, enumParam, floatParam, intParam, parseEstimatorParams } from "../param.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { SVM_SOLVER_DESCRIPTION, SVM_SOLVERS, svmSolver } from "./svm-solve.js";
import { invalidParams, sampleWeights } from "./training-data.js";

const NAME = "linear_svr";
const VERSION = 1;

export const LinearSvrParams = z.object({
  C: floatParam({
    default: 1,
    min: 1e-8,
    max: 1e8,
    log: true,
    searchMin: 1e-3,
    searchMax: 1e3,
    description:
      "Cost of errors beyond epsilon (objective ½‖w‖² + C·Σ loss): smaller is stronger regularisation.",
  }),
  epsilon: floatParam({
    default: 0,
    min: 0,
    max: 1e12,
    description: "Half-width of the error-free tube, in target units (0 = every error counts).",
    search: false,
  }),
  loss: enumParam({
    values: ["epsilon_insensitive", "squared_epsilon_insensitive"],
    default: "epsilon_insensitive",
    description:
      "epsilon_insensitive (absolute errors, robust) or squared_epsilon_insensitive (squared errors).",
  }),
  fit_intercept: boolParam({ default: true, description: "Fit an intercept.", search: false }),
  intercept_scaling: floatParam({
    default: 1,
    min: 1e-6,
    max: 1e6,
    description:
      "Value of the constant feature that carries the intercept; larger weakens the intercept's penalty.",
    search: false,
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
      "Dual: stop when a pass's total violation falls below tol times the first pass's; primal: when the gradient falls to tol times its start.",
    search: false,
  }),
});
export type LinearSvrParams = z.output<typeof LinearSvrParams>;

export const linearSvr: EstimatorSpec<typeof LinearSvrParams> = {
  name: NAME,
  family: "linear",
  tasks: ["regression"],
  description:
    "Linear support vector regression: a linear model fitted on absolute (epsilon-insensitive) errors, robust to target outliers.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: true,
    sampleWeights: true,
    probabilities: false,
  },
  params: LinearSvrParams,
  fit(X: FeatureMatrix, y: Float64Array, params: LinearSvrParams, ctx: FitContext): FittedModel {
    checkFitInput(linearSvr, X, y, ctx);
    const prm = parseEstimatorParams(NAME, LinearSvrParams, params);
    const { nRows: n, nCols: p } = X;
    const w = sampleWeights(NAME, ctx, n);
    if (prm.solver === "primal_lbfgs" && prm.loss === "epsilon_insensitive") {
      throw invalidParams(
        NAME,
        "solver",
        "solver 'primal_lbfgs' needs loss 'squared_epsilon_insensitive' (the absolute loss is not smooth).",
      );
    }
    const bias = prm.fit_intercept ? prm.intercept_scaling : 0;
    const solve = svmSolver(
      X,
      w,
      {
        C: prm.C,
        squared: prm.loss === "squared_epsilon_insensitive",
        bias,
        tol: prm.tol,
        maxIter: prm.max_iter,
        solver: prm.solver,
        seed: ctx.seed,
      },
      "regression",
      prm.epsilon,
    );
    const wk = solve(y);
    return linearModel(
      { estimator: NAME, version: VERSION, params: prm, nFeatures: p },
      { coef: wk.slice(0, p), intercept: Float64Array.of((wk[p] as number) * bias), link: "identity" },
    );
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: false,
      links: ["identity"],
      params: LinearSvrParams,
    }),
};
