/** The linear family: least squares, ridge, lasso/elastic net, logistic regression, linear SVMs, SGD and LDA. */
import type { EstimatorSpec } from "../estimator.js";
import { elasticNet, lasso } from "./elastic-net.js";
import { lda } from "./lda.js";
import { linearRegression } from "./linear-regression.js";
import { linearSvc } from "./linear-svc.js";
import { linearSvr } from "./linear-svr.js";
import { logisticRegression } from "./logistic-regression.js";
import { ridge } from "./ridge.js";
import { ridgeClassifier } from "./ridge-classifier.js";
import { sgdClassifier } from "./sgd-classifier.js";
import { sgdRegressor } from "./sgd-regressor.js";

export {
  elasticNet,
  lasso,
  lda,
  linearRegression,
  linearSvc,
  linearSvr,
  logisticRegression,
  ridge,
  ridgeClassifier,
  sgdClassifier,
  sgdRegressor,
};

export const LINEAR_ESTIMATORS: readonly EstimatorSpec[] = [
  linearRegression,
  ridge,
  ridgeClassifier,
  lasso,
  elasticNet,
  logisticRegression,
  linearSvc,
  linearSvr,
  sgdClassifier,
  sgdRegressor,
  lda,
];
