import { describe, expect, it } from "vitest";
import type { FittedModel } from "../estimator.js";
import { elasticNet, lasso } from "./elastic-net.js";
import { lda } from "./lda.js";
import { linearRegression } from "./linear-regression.js";
import { linearSvc } from "./linear-svc.js";
import { logisticRegression } from "./logistic-regression.js";
import { ridge } from "./ridge.js";
import { ridgeClassifier } from "./ridge-classifier.js";
import { matrix, PARITY_BINARY, PARITY_MULTI, parityRegressionTarget, parityRows } from "./test-helpers.js";

// Coefficients scikit-learn 1.2.1 gives on the same data (.scratch script: parity.py), to 8 decimals.
const SK = {
  linear_regression: { coef: [1.50387315, -1.98472163, -0.0058388, 0.49176068], intercept: [3.00757313] },
  ridge: { coef: [1.36230324, -1.85976562, -0.02259194, 0.48847489], intercept: [3.00479629] },
  lasso: { coef: [1.30747772, -1.85634663, 0, 0.44274751], intercept: [3.00566963] },
  elastic_net: { coef: [1.26243867, -1.78192347, -0.00725137, 0.47181516], intercept: [3.00315931] },
  logistic_binary: { coef: [1.65233362, -0.28562322, 0.91696995, 0.36916052], intercept: [-0.49082135] },
  logistic_multi: {
    coef: [
      1.09931485, -0.58624441, -0.27244144, 0.67533766, 0.08044695, 1.15510499, -0.34786508, -0.68534295,
      -1.17976179, -0.56886058, 0.62030652, 0.01000529,
    ],
    intercept: [-0.10720045, -0.60966698, 0.71686744],
  },
  logistic_l1: { coef: [2.36349746, 0, 1.08710926, 0.34416156], intercept: [-0.66401608] },
  logistic_enet: {
    coef: [
      1.08284832, -0.20953631, 0, 0.63316387, 0, 1.42172755, -0.02591112, -0.63924971, -1.24586508,
      -0.21219124, 0.80892706, 0,
    ],
    intercept: [-0.14015952, -0.56532796, 0.70548748],
  },
  ridge_classifier: {
    coef: [
      0.79412039, -0.22156176, -0.19285362, 0.30656729, 0.13707237, 0.63445907, -0.17167142, -0.30619091,
      -0.93119276, -0.4128973, 0.36452504, -0.00037639,
    ],
    intercept: [-0.40205024, -0.56381077, -0.03413898],
  },
  linear_svc: { coef: [1.75035848, -0.09909052, 0.87814816, 0.29759754], intercept: [-0.41426036] },
  linear_svc_hinge: { coef: [1.79399622, -0.05013128, 0.81645071, 0.53312638], intercept: [-0.56517982] },
  lda_svd: {
    coef: [
      5.54634108, -1.37105947, -1.3302899, 1.97485247, 0.8848231, 4.89976062, -1.27204715, -2.36805804,
      -3.92207899, -1.45500695, 1.44273175, -0.12556354,
    ],
    intercept: [-4.72145179, -5.80153252, -2.21221552],
  },
  lda_lsqr_auto: {
    coef: [
      5.20253948, -1.1999103, -1.22097653, 1.75629401, 0.65108877, 4.08020638, -0.73135131, -1.92874297,
      -3.49604005, -1.01074523, 1.1007159, -0.18764855,
    ],
    intercept: [-4.42998302, -4.96678158, -2.00510268],
  },
  lda_lsqr_fixed: { coef: [2.56725423, -0.69823231, 1.44312678, 0.57716038], intercept: [-0.62512138] },
};

const rows = parityRows();
const X = matrix(rows);
const yr = parityRegressionTarget(rows);

function state(m: FittedModel): { coef: number[]; intercept: number[] } {
  return m.toJSON().state as { coef: number[]; intercept: number[] };
}

/** Softmax intercepts are defined up to a shared constant, so multinomial ones are compared centred. */
function centred(v: number[]): number[] {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return v.map((x) => x - mean);
}

function expectClose(
  m: FittedModel,
  ref: { coef: number[]; intercept: number[] },
  tol: number,
  softmax = false,
): void {
  const s = state(m);
  const intercept = softmax ? centred(s.intercept) : s.intercept;
  const refIntercept = softmax ? centred(ref.intercept) : ref.intercept;
  expect(s.coef.length).toBe(ref.coef.length);
  s.coef.forEach((v, i) => {
    expect(Math.abs(v - (ref.coef[i] as number))).toBeLessThan(tol);
  });
  intercept.forEach((v, i) => {
    expect(Math.abs(v - (refIntercept[i] as number))).toBeLessThan(tol);
  });
}

describe("scikit-learn parity on a 40 × 4 fixture", () => {
  const reg = { seed: 0 };
  const bin = { seed: 0, nClasses: 2 };
  const multi = { seed: 0, nClasses: 3 };

  it("linear_regression, ridge: closed forms agree to 1e-7", () => {
    expectClose(
      linearRegression.fit(X, yr, linearRegression.params.parse({}), reg),
      SK.linear_regression,
      1e-7,
    );
    expectClose(ridge.fit(X, yr, ridge.params.parse({ alpha: 2 }), reg), SK.ridge, 1e-7);
    expectClose(
      ridgeClassifier.fit(X, PARITY_MULTI, ridgeClassifier.params.parse({}), multi),
      SK.ridge_classifier,
      1e-7,
    );
  });

  it("lasso and elastic_net: coordinate descent agrees at a tight tolerance", () => {
    const tight = { tol: 1e-10, max_iter: 100_000 };
    expectClose(lasso.fit(X, yr, lasso.params.parse({ alpha: 0.1, ...tight }), reg), SK.lasso, 1e-6);
    expectClose(
      elasticNet.fit(X, yr, elasticNet.params.parse({ alpha: 0.1, l1_ratio: 0.3, ...tight }), reg),
      SK.elastic_net,
      1e-6,
    );
  });

  it("logistic_regression: binary, multinomial, l1 and elastic net", () => {
    const tight = { C: 0.5, tol: 1e-10, max_iter: 10_000 };
    const lr = logisticRegression;
    expectClose(lr.fit(X, PARITY_BINARY, lr.params.parse(tight), bin), SK.logistic_binary, 1e-5);
    const m = lr.fit(X, PARITY_MULTI, lr.params.parse(tight), multi);
    // scikit-learn's lbfgs stops ~2e-5 short of the multinomial optimum (scipy at gtol 1e-12 agrees with us).
    expectClose(m, SK.logistic_multi, 5e-5, true);
    const proba = m.predictProba?.(matrix([rows[0] as number[]])) as Float64Array;
    [0.09907907, 0.24132943, 0.65959151].forEach((v, k) => {
      expect(Math.abs((proba[k] as number) - v)).toBeLessThan(1e-5);
    });
    expectClose(
      lr.fit(X, PARITY_BINARY, lr.params.parse({ ...tight, penalty: "l1" }), bin),
      SK.logistic_l1,
      1e-4,
    );
    expectClose(
      lr.fit(X, PARITY_MULTI, lr.params.parse({ ...tight, penalty: "elasticnet", l1_ratio: 0.5 }), multi),
      SK.logistic_enet,
      1e-4,
      true,
    );
  });

  it("linear_svc: primal (squared hinge) and dual (hinge) solvers reach LIBLINEAR's optimum", () => {
    const tight = { C: 0.5, tol: 1e-10, max_iter: 100_000 };
    expectClose(linearSvc.fit(X, PARITY_BINARY, linearSvc.params.parse(tight), bin), SK.linear_svc, 1e-4);
    expectClose(
      linearSvc.fit(X, PARITY_BINARY, linearSvc.params.parse({ ...tight, solver: "dual_cd" }), bin),
      SK.linear_svc,
      1e-4,
    );
    expectClose(
      linearSvc.fit(X, PARITY_BINARY, linearSvc.params.parse({ ...tight, loss: "hinge" }), bin),
      SK.linear_svc_hinge,
      1e-4,
    );
  });

  it("lda: svd, lsqr with Ledoit–Wolf and with fixed shrinkage", () => {
    expectClose(lda.fit(X, PARITY_MULTI, lda.params.parse({}), multi), SK.lda_svd, 1e-6);
    expectClose(
      lda.fit(X, PARITY_MULTI, lda.params.parse({ shrinkage: "auto" }), multi),
      SK.lda_lsqr_auto,
      1e-6,
    );
    expectClose(
      lda.fit(X, PARITY_BINARY, lda.params.parse({ shrinkage: "fixed", shrinkage_value: 0.3 }), bin),
      SK.lda_lsqr_fixed,
      1e-6,
    );
  });
});
