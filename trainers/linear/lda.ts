/** Linear discriminant analysis classifier (scikit-learn's LinearDiscriminantAnalysis). */
import { z } from "zod";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { checkFitInput } from "../check-input.js";
import type { EstimatorSpec, FitContext, FittedModel, ModelJSON } from "../estimator.js";
import { enumParam, floatParam, parseEstimatorParams } from "../param.js";
import { classStats, ldaLsqr, ldaSvd } from "./lda-solvers.js";
import { linearModel } from "./linear-model.js";
import { linearModelFromJSON } from "./linear-model-json.js";
import { invalidParams, presentClasses } from "./training-data.js";

const NAME = "lda";
const VERSION = 1;

export const LdaParams = z.object({
  solver: enumParam({
    values: ["auto", "svd", "lsqr"],
    default: "auto",
    description:
      "svd (no covariance matrix, rank-safe) or lsqr (pooled covariance, allows shrinkage); auto picks svd, or lsqr when shrinking.",
    search: false,
  }),
  shrinkage: enumParam({
    values: ["none", "auto", "fixed"],
    default: "none",
    description:
      "Covariance shrinkage (lsqr): none, auto (Ledoit–Wolf), or fixed (shrinkage_value); helps with few rows per feature.",
  }),
  shrinkage_value: floatParam({
    default: 0.1,
    min: 0,
    max: 1,
    description:
      "With shrinkage 'fixed': weight of the scaled identity in the covariance (0 = empirical, 1 = diagonal).",
  }),
  tol: floatParam({
    default: 1e-4,
    min: 0,
    max: 1,
    log: false,
    description: "svd solver: singular values below tol count as zero (rank estimation).",
    search: false,
  }),
});
export type LdaParams = z.output<typeof LdaParams>;

export const lda: EstimatorSpec<typeof LdaParams> = {
  name: NAME,
  family: "discriminant",
  tasks: ["binary", "multiclass"],
  description:
    "Linear discriminant analysis: Gaussian classes with a shared covariance give linear boundaries and probabilities; fast, no tuning, good with few rows.",
  tags: {
    handlesMissing: false,
    handlesCategorical: false,
    needsScaling: false,
    sampleWeights: false,
    probabilities: true,
  },
  params: LdaParams,
  fit(X: FeatureMatrix, y: Float64Array, params: LdaParams, ctx: FitContext): FittedModel {
    checkFitInput(lda, X, y, ctx);
    const prm = parseEstimatorParams(NAME, LdaParams, params);
    if (prm.solver === "svd" && prm.shrinkage !== "none") {
      throw invalidParams(
        NAME,
        "shrinkage",
        "shrinkage needs solver 'lsqr' (or 'auto'); the svd solver forms no covariance to shrink.",
      );
    }
    const nClasses = ctx.nClasses as number;
    const p = X.nCols;
    const classes = presentClasses(y, nClasses);
    const info = { estimator: NAME, version: VERSION, params: prm, nFeatures: p, nClasses };
    if (classes.length < 2) {
      return linearModel(info, {
        coef: new Float64Array(0),
        intercept: new Float64Array(0),
        link: "softmax",
        classes,
      });
    }
    const index = new Int32Array(nClasses);
    classes.forEach((c, k) => {
      index[c] = k;
    });
    const label = new Int32Array(X.nRows);
    for (let i = 0; i < X.nRows; i++) label[i] = index[y[i] as number] as number;
    const st = classStats(X, label, classes.length);
    const useSvd = prm.solver === "svd" || (prm.solver === "auto" && prm.shrinkage === "none");
    const shrink = prm.shrinkage === "auto" ? "auto" : prm.shrinkage === "fixed" ? prm.shrinkage_value : null;
    let { coef, intercept } = useSvd ? ldaSvd(X, st, prm.tol) : ldaLsqr(X, st, shrink);
    if (classes.length === 2) {
      const diff = new Float64Array(p);
      for (let j = 0; j < p; j++) diff[j] = (coef[p + j] as number) - (coef[j] as number);
      coef = diff;
      intercept = Float64Array.of((intercept[1] as number) - (intercept[0] as number));
    }
    return linearModel(info, { coef, intercept, link: "softmax", classes });
  },
  fromJSON: (json: ModelJSON) =>
    linearModelFromJSON(json, {
      estimator: NAME,
      version: VERSION,
      classifier: true,
      links: ["softmax"],
      params: LdaParams,
    }),
};
