/** Picks and runs the linear-SVM solver: primal L-BFGS for squared losses on tall data, else LIBLINEAR's dual CD. */
import { createRng } from "../../core/rng.js";
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { toRowMajor } from "../../data/preprocess/index.js";
import { minimizeLbfgs } from "./lbfgs.js";
import { dualCdSvc, dualCdSvr } from "./liblinear-dual.js";
import type { SquaredLoss } from "./svm-primal.js";
import { squaredSvmObjective } from "./svm-primal.js";

export const SVM_SOLVERS = ["auto", "dual_cd", "primal_lbfgs"] as const;
export type SvmSolver = (typeof SVM_SOLVERS)[number];

/** Description shared by both SVM specs. */
export const SVM_SOLVER_DESCRIPTION =
  "auto: primal L-BFGS for the squared losses when rows outnumber features (as scikit-learn's dual='auto'), else dual coordinate descent; primal_lbfgs needs a squared loss.";

export interface SvmSettings {
  readonly C: number;
  readonly squared: boolean;
  readonly bias: number;
  readonly tol: number;
  readonly maxIter: number;
  readonly solver: SvmSolver;
  readonly seed: number;
}

/** True when the primal solver runs for this problem. */
export function usesPrimal(s: SvmSettings, n: number, p: number): boolean {
  return s.solver === "primal_lbfgs" || (s.solver === "auto" && s.squared && n > p);
}

/**
 * A solver for repeated problems on the same X (one-vs-rest): returns `targets → weights (p + 1)`,
 * `targets` ±1 labels (classification) or values (regression); `w` per-row weights multiplying C.
 */
export function svmSolver(
  X: FeatureMatrix,
  w: Float64Array,
  s: SvmSettings,
  task: "classification" | "regression",
  epsilon: number,
): (targets: Float64Array) => Float64Array {
  const { nRows: n, nCols: p } = X;
  if (usesPrimal(s, n, p)) {
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i] as number;
    const loss: SquaredLoss = task === "classification" ? "squared_hinge" : "squared_epsilon_insensitive";
    return (targets) => {
      const f = squaredSvmObjective(X.data, n, p, targets, w, s.bias, 1 / (s.C * total), loss, epsilon);
      const x0 = new Float64Array(p + 1);
      const g0 = new Float64Array(p + 1);
      f(x0, g0);
      let g0Max = 0;
      for (let j = 0; j <= p; j++) g0Max = Math.max(g0Max, Math.abs(g0[j] as number));
      return minimizeLbfgs(f, x0, { maxIter: s.maxIter, gtol: s.tol * g0Max, ftol: 0 }).x;
    };
  }
  const cost = new Float64Array(n);
  for (let i = 0; i < n; i++) cost[i] = s.C * (w[i] as number);
  const problem = {
    x: toRowMajor(X),
    n,
    p,
    bias: s.bias,
    cost,
    squared: s.squared,
    tol: s.tol,
    maxIter: s.maxIter,
    rng: createRng(s.seed),
  };
  return task === "classification" ? (t) => dualCdSvc(problem, t) : (t) => dualCdSvr(problem, t, epsilon);
}
