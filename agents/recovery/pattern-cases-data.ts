/** TEST FIXTURES: one hand-built failure per data pattern. */
import { caseOf } from "./recovery-fixtures.js";
import { fail, type PatternCase } from "./pattern-cases.js";

/** One failure per data pattern; the pattern must be the most specific match. */
export const DATA_CASES: Record<string, PatternCase> = {
  "unparsable-numbers": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "python: ValueError: could not convert string to float: 'Paris'", {
        column: "city",
      }),
      estimator: "logistic_regression",
    }),
    first: [{ action: "drop_column", value: "city" }],
  },
  "missing-values": {
    ctx: caseOf({
      error: fail(
        "MISSING_VALUES",
        "logistic_regression cannot handle missing values, but feature 'age' is missing in row 3. Add an impute step or choose an estimator that handles missing values.",
        { column: "age", row: 3 },
      ),
      estimator: "logistic_regression",
      steps: [{ type: "encode", method: "one_hot" }],
    }),
    first: [
      { action: "imputation", value: "median" },
      { action: "change_model", value: "hist_gradient_boosting_classifier" },
    ],
  },
  "non-finite-features": {
    ctx: caseOf({
      error: fail("NON_FINITE_VALUES", "Feature 'balance' is Infinity in row 4; clip or drop it.", {
        column: "balance",
        row: 4,
      }),
      estimator: "logistic_regression",
    }),
    first: [
      { action: "clip_outliers", value: true },
      { action: "drop_column", value: "balance" },
    ],
  },
  "negative-values": {
    ctx: caseOf({
      error: fail(
        "NEGATIVE_VALUES",
        "multinomial_nb needs non-negative features, but 'balance' is -3 in row 2.",
        {
          column: "balance",
          row: 2,
        },
      ),
      estimator: "multinomial_nb",
      metric: "accuracy",
    }),
    first: [
      { action: "scaling", value: "minmax" },
      { action: "change_model", value: "gaussian_nb" },
    ],
  },
  "constant-features": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "lda: the fit threw Error: zero variance in feature 'flag'", {
        column: "flag",
      }),
      estimator: "lda",
    }),
    first: [{ action: "drop_column", value: "flag" }],
  },
  "more-features-than-rows": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "ridge: the fit threw Error: matrix is singular"),
      estimator: "ridge",
      task: "regression",
      rows: 5,
    }),
    first: [
      { action: "feature_selection", value: 0.36 },
      { action: "set_hyperparameter", param: "alpha", value: 10 },
    ],
  },
  "date-parsing": {
    ctx: caseOf({
      error: fail(
        "INVALID_COLUMN_TYPE",
        "Column 'signup' could not be parsed as a date: unrecognised format.",
        {
          column: "signup",
        },
      ),
      estimator: "random_forest_classifier",
    }),
    first: [
      { action: "datetime_features", value: false },
      { action: "drop_column", value: "signup" },
    ],
  },
  "high-cardinality": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "encode: too many levels (5000) in 'city'", { column: "city" }),
      estimator: "random_forest_classifier",
    }),
    first: [{ action: "encoding", value: "target" }],
  },
  "unseen-category": {
    ctx: caseOf({
      error: fail("FIT_FAILED", "Found unknown categories ['zz'] in column 'color' during transform"),
      estimator: "hist_gradient_boosting_classifier",
    }),
    first: [{ action: "encoding", value: "native" }],
  },
};
