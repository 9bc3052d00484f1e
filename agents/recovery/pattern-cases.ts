/** TEST FIXTURES: one hand-built failure per target, split, model, config and resource pattern. */
import type { Action } from "../../actions/index.js";
import type { ErrorContext } from "./error-context.js";
import { caseOf, STEPS } from "./recovery-fixtures.js";

export const fail = (code: string, message: string, details?: Record<string, unknown>) =>
  details === undefined ? { code, message } : { code, message, details };

export interface PatternCase {
  ctx: ErrorContext;
  /** The fixes must start with these (canonical form). */
  first?: Action[];
  unrecoverable?: true;
}

/** One failure per pattern; the pattern must be the most specific match. */
export const OTHER_CASES: Record<string, PatternCase> = {
  "single-class-target": {
    ctx: caseOf({
      error: fail("INVALID_TARGET", "The target 'y' has 1 classes; task 'binary' needs exactly 2.", {
        column: "y",
      }),
      estimator: "random_forest_classifier",
      classCounts: { no: 500 },
    }),
    unrecoverable: true,
  },
  "single-class-fold": {
    ctx: caseOf({
      error: fail("INVALID_TARGET", "The target 'y' has 1 classes; task 'binary' needs exactly 2.", {
        column: "y",
      }),
      estimator: "random_forest_classifier",
      classCounts: { no: 497, yes: 3 },
    }),
    first: [{ action: "cv_folds", value: 3 }],
  },
  "target-encoding-folds": {
    ctx: caseOf({
      error: fail("NOT_ENOUGH_ROWS", "steps[3] (encode): 3 rows cannot make 5 folds.", {
        parameter: "folds",
      }),
      estimator: "random_forest_classifier",
      steps: [
        { type: "impute", columns: "numeric" },
        { type: "encode", method: "target" },
      ],
    }),
    first: [{ action: "encoding", value: "one_hot" }],
  },
  "missing-target": {
    ctx: caseOf({
      error: fail(
        "INVALID_TARGET",
        "random_forest_regressor: the target is NaN in row 7; drop or fix those rows.",
        {
          row: 7,
        },
      ),
      estimator: "random_forest_regressor",
      task: "regression",
    }),
    unrecoverable: true,
  },
  "target-task-mismatch": {
    ctx: caseOf({
      error: fail("INVALID_TARGET", "The target 'price' is categorical; task 'regression' needs numbers.", {
        column: "price",
      }),
      estimator: "ridge",
      task: "regression",
    }),
    unrecoverable: true,
  },
  "too-few-per-class": {
    ctx: caseOf({
      error: fail(
        "INVALID_ARGUMENT",
        "roc_auc is undefined when yTrue has no rows of class 1: it needs both positives and negatives",
        { parameter: "yTrue" },
      ),
      estimator: "logistic_regression",
      classCounts: { no: 300, yes: 4 },
    }),
    first: [{ action: "cv_folds", value: 4 }],
  },
  "extreme-imbalance": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "random_forest_classifier: the fit threw Error: the minority class vanished"),
      estimator: "random_forest_classifier",
      classCounts: { no: 990, yes: 10 },
    }),
    first: [{ action: "rebalance_classes", value: "oversample" }],
  },
  "empty-split": {
    ctx: caseOf({
      error: fail("NOT_ENOUGH_ROWS", "random_forest_classifier: no training rows."),
      estimator: "random_forest_classifier",
      rows: 40,
    }),
    first: [{ action: "cv_folds", value: 4 }],
  },
  "sample-count-mismatch": {
    ctx: caseOf({
      error: fail("LENGTH_MISMATCH", "random_forest_classifier: 80 feature rows but 100 targets."),
      estimator: "random_forest_classifier",
      steps: [...STEPS, { type: "rebalance" }],
    }),
    first: [{ action: "rebalance_classes", value: "none" }],
  },
  "singular-matrix": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "linear_regression: the fit threw Error: Singular matrix"),
      estimator: "linear_regression",
      task: "regression",
    }),
    first: [{ action: "change_model", value: "ridge" }],
  },
  "non-convergence": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "logistic_regression: lbfgs failed to converge within 100 iterations"),
      estimator: "logistic_regression",
    }),
    first: [
      { action: "scaling", value: "standard" },
      { action: "set_hyperparameter", param: "max_iter", value: 1000 },
    ],
  },
  "exploding-loss": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "mlp_classifier: the fit threw Error: loss is NaN at epoch 3"),
      estimator: "mlp_classifier",
    }),
    first: [
      { action: "scaling", value: "standard" },
      { action: "set_hyperparameter", param: "learning_rate_init", value: 0.0001 },
    ],
  },
  "probabilities-missing": {
    ctx: caseOf({
      error: fail("INVALID_ARGUMENT", "metric roc_auc needs input.proba, which is missing", {
        parameter: "proba",
      }),
      estimator: "ridge_classifier",
    }),
    first: [{ action: "change_model", value: "logistic_regression" }],
  },
  "unknown-estimator": {
    ctx: caseOf({
      error: fail(
        "UNKNOWN_ESTIMATOR",
        "No estimator named 'random_forest'. Did you mean 'random_forest_classifier'?",
        {
          parameter: "estimator",
          suggestions: ["random_forest_classifier"],
        },
      ),
      estimator: "random_forest",
    }),
    first: [{ action: "change_model", value: "random_forest_classifier" }],
  },
  "invalid-params": {
    ctx: caseOf({
      error: fail(
        "INVALID_PARAMS",
        "random_forest_classifier: parameter 'n_estimators': Too big: expected number to be <=10000.",
        { parameter: "n_estimators", estimator: "random_forest_classifier" },
      ),
      estimator: "random_forest_classifier",
      params: { n_estimators: 20000 },
    }),
    first: [{ action: "set_hyperparameter", param: "n_estimators", value: 100 }],
  },
  "invalid-spec": {
    ctx: caseOf({
      error: fail("INVALID_SPEC", "steps[3] (encode): target encoding needs a target column.", {
        parameter: "method",
      }),
      estimator: "random_forest_classifier",
      steps: [
        { type: "impute", columns: "numeric" },
        { type: "encode", method: "target" },
      ],
    }),
    first: [{ action: "encoding", value: "one_hot" }],
  },
  "out-of-memory": {
    ctx: caseOf({
      error: fail(
        "FIT_OUT_OF_MEMORY",
        "random_forest_classifier: the fit exceeded 512 MiB of heap; its worker was terminated.",
      ),
      estimator: "random_forest_classifier",
    }),
    first: [
      { action: "set_hyperparameter", param: "n_estimators", value: 25 },
      { action: "set_hyperparameter", param: "max_depth", value: 10 },
    ],
  },
  "fit-timeout": {
    ctx: caseOf({
      error: fail(
        "FIT_TIMEOUT",
        "hist_gradient_boosting_classifier: the fit ran past its deadline of 30000 ms; its worker was terminated.",
      ),
      estimator: "hist_gradient_boosting_classifier",
    }),
    first: [
      { action: "set_hyperparameter", param: "max_iter", value: 25 },
      { action: "set_hyperparameter", param: "max_depth", value: 12 },
    ],
  },
  "worker-crash": {
    ctx: caseOf({
      error: fail(
        "WORKER_CRASHED",
        "knn_classifier: its worker exited unexpectedly while fitting (exit code 134).",
      ),
      estimator: "knn_classifier",
    }),
    first: [{ action: "change_model", value: "hist_gradient_boosting_classifier" }],
  },
  "unrecognised-failure": {
    ctx: caseOf({
      error: fail("INTERNAL", "Something odd happened in the kernel."),
      estimator: "random_forest_classifier",
    }),
    first: [{ action: "change_model", value: "hist_gradient_boosting_classifier" }],
  },
};
