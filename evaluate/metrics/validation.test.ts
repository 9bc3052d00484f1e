/** Input validation of the metrics: typed errors naming the offending array. */
import { describe, expect, it } from "vitest";
import { AlchemistError, type ErrorCode } from "../../core/errors.js";
import { accuracy, balancedAccuracy } from "./accuracy.js";
import { adjustedRandIndex } from "./adjusted-rand.js";
import { brierScore } from "./brier.js";
import { daviesBouldinScore } from "./davies-bouldin.js";
import { logLoss } from "./log-loss.js";
import { mase } from "./mase.js";
import { matthewsCorrcoef } from "./mcc.js";
import { f1Score } from "./precision-recall-f1.js";
import { METRICS } from "./registry.js";
import { mae, mape, r2, rmse, smape } from "./regression-errors.js";
import { rocAuc, rocAucOvr } from "./roc-auc.js";
import { silhouetteScore } from "./silhouette.js";
import { MAX_CLASS_CODE } from "./validate.js";

const i32 = (...v: number[]) => Int32Array.from(v);
const f64 = (...v: number[]) => Float64Array.from(v);

function expectError(fn: () => unknown, code: ErrorCode, parameter?: string): AlchemistError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AlchemistError);
  const err = caught as AlchemistError;
  expect(err.code).toBe(code);
  if (parameter !== undefined) expect(err.details.parameter).toBe(parameter);
  return err;
}

describe("LENGTH_MISMATCH names the arrays", () => {
  it("label metrics", () => {
    const err = expectError(() => accuracy(i32(0, 1, 1), i32(0, 1)), "LENGTH_MISMATCH", "yPred");
    expect(err.message).toContain("yTrue has 3 rows but yPred has 2");
    expectError(() => balancedAccuracy(i32(0), i32(0, 1)), "LENGTH_MISMATCH");
    expectError(() => f1Score(i32(0), i32(0, 1), { average: "macro" }), "LENGTH_MISMATCH");
    expectError(() => matthewsCorrcoef(i32(0, 1), i32(0)), "LENGTH_MISMATCH");
  });

  it("score and value metrics", () => {
    expectError(() => rocAuc(i32(0, 1), f64(0.1)), "LENGTH_MISMATCH", "scores");
    expectError(() => brierScore(i32(0, 1), f64(0.1)), "LENGTH_MISMATCH", "probPositive");
    for (const metric of [rmse, mae, r2, mape, smape]) {
      expectError(() => metric(f64(1, 2, 3), f64(1, 2)), "LENGTH_MISMATCH", "yPred");
    }
    expectError(() => mase(f64(1, 2), f64(1), f64(1, 2, 3)), "LENGTH_MISMATCH", "yPred");
  });

  it("clustering metrics", () => {
    expectError(() => adjustedRandIndex(i32(0, 1), i32(0)), "LENGTH_MISMATCH", "labelsPred");
    const err = expectError(() => silhouetteScore(f64(0, 0, 1, 1, 2), 2, i32(0, 0, 1)), "LENGTH_MISMATCH");
    expect(err.details.parameter).toBe("features");
    expectError(() => daviesBouldinScore(f64(0, 1, 2, 3), 2, i32(0, 0, 1)), "LENGTH_MISMATCH", "features");
  });
});

describe("NOT_ENOUGH_ROWS", () => {
  it("empty inputs", () => {
    const e = new Int32Array(0);
    const z = new Float64Array(0);
    expectError(() => accuracy(e, e), "NOT_ENOUGH_ROWS");
    expectError(() => f1Score(e, e), "NOT_ENOUGH_ROWS");
    expectError(() => rocAuc(e, z), "NOT_ENOUGH_ROWS");
    expectError(() => rocAucOvr(e, z), "NOT_ENOUGH_ROWS");
    expectError(() => logLoss(e, z), "NOT_ENOUGH_ROWS");
    expectError(() => brierScore(e, z), "NOT_ENOUGH_ROWS");
    expectError(() => rmse(z, z), "NOT_ENOUGH_ROWS");
    expectError(() => mase(z, z, f64(1, 2)), "NOT_ENOUGH_ROWS");
    expectError(() => adjustedRandIndex(e, e), "NOT_ENOUGH_ROWS");
    expectError(() => METRICS.roc_auc.compute({ labels: e, proba: z }), "NOT_ENOUGH_ROWS");
  });

  it("too few rows for the statistic", () => {
    expectError(() => r2(f64(1), f64(1)), "NOT_ENOUGH_ROWS");
    // MASE with m = 12 needs more than 12 history points rather than silently using m = 1.
    expectError(() => mase(f64(1), f64(1), new Float64Array(12), 12), "NOT_ENOUGH_ROWS", "history");
    expectError(() => silhouetteScore(f64(0, 1), 1, i32(0, 1)), "NOT_ENOUGH_ROWS", "clusters");
  });
});

describe("INVALID_ARGUMENT", () => {
  it("class codes", () => {
    const err = expectError(() => accuracy(i32(0, -1), i32(0, 1)), "INVALID_ARGUMENT", "yTrue");
    expect(err.details.row).toBe(1);
    expectError(() => accuracy(i32(0, 1), i32(0, MAX_CLASS_CODE + 1)), "INVALID_ARGUMENT", "yPred");
    expectError(
      () => f1Score(i32(0, 1), i32(0, 1), { positiveClass: -1 }),
      "INVALID_ARGUMENT",
      "positiveClass",
    );
    expectError(() => rocAuc(i32(0, 1), f64(0.2, 0.3), 1.5), "INVALID_ARGUMENT", "positiveClass");
  });

  it("probability matrices", () => {
    // 5 values are not a 2-row matrix; 2 values for 2 rows would be K = 1.
    expectError(() => logLoss(i32(0, 1), f64(0.5, 0.5, 0.5, 0.5, 0.5)), "INVALID_ARGUMENT", "proba");
    expectError(() => logLoss(i32(0, 1), f64(0.5, 0.5)), "INVALID_ARGUMENT", "proba");
    expectError(() => logLoss(i32(0, 1), f64(0.5, 0.5, 1.5, -0.5)), "INVALID_ARGUMENT", "proba");
    expectError(() => logLoss(i32(0, 1), f64(0.5, 0.5, Number.NaN, 0.5)), "INVALID_ARGUMENT", "proba");
    expectError(() => logLoss(i32(0, 2), f64(0.5, 0.5, 0.5, 0.5)), "INVALID_ARGUMENT", "yTrue");
    expectError(() => brierScore(i32(0, 1), f64(0.5, 1.2)), "INVALID_ARGUMENT", "probPositive");
  });

  it("AUC undefined without both classes", () => {
    const err = expectError(() => rocAuc(i32(1, 1, 1), f64(0.1, 0.2, 0.3)), "INVALID_ARGUMENT", "yTrue");
    expect(err.message).toContain("only rows of class 1");
    expectError(() => rocAuc(i32(0, 0), f64(0.1, 0.2)), "INVALID_ARGUMENT", "yTrue");
    // Class 2 never occurs in yTrue: its one-vs-rest AUC is undefined.
    const proba = f64(0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.6, 0.2, 0.2);
    expectError(() => rocAucOvr(i32(0, 1, 0), proba), "INVALID_ARGUMENT", "yTrue");
  });

  it("non-finite values", () => {
    expectError(() => rocAuc(i32(0, 1), f64(0.1, Number.NaN)), "INVALID_ARGUMENT", "scores");
    const err = expectError(
      () => rmse(f64(1, 2), f64(1, Number.POSITIVE_INFINITY)),
      "INVALID_ARGUMENT",
      "yPred",
    );
    expect(err.details.row).toBe(1);
    expectError(() => mape(f64(Number.NaN), f64(1)), "INVALID_ARGUMENT", "yTrue");
    expectError(() => mase(f64(1), f64(1), f64(1, Number.NaN)), "INVALID_ARGUMENT", "history");
    expectError(
      () => silhouetteScore(f64(0, 1, Number.NaN), 1, i32(0, 0, 1)),
      "INVALID_ARGUMENT",
      "features",
    );
  });

  it("clustering shapes and cluster counts", () => {
    const x = f64(0, 1, 2, 3);
    expectError(() => silhouetteScore(x, 1, i32(0, 0, 0, 0)), "INVALID_ARGUMENT", "clusters");
    expectError(() => daviesBouldinScore(x, 1, i32(0, 1, 2, 3)), "INVALID_ARGUMENT", "clusters");
    expectError(() => silhouetteScore(x, 0, i32(0, 0, 1, 1)), "INVALID_ARGUMENT", "nFeatures");
    expectError(() => mase(f64(1), f64(1), f64(1, 2, 3), 0), "INVALID_ARGUMENT", "seasonLength");
  });

  it("the registry names a missing input field", () => {
    const err = expectError(() => METRICS.rmse.compute({ yTrue: f64(1, 2) }), "INVALID_ARGUMENT", "yPred");
    expect(err.message).toContain("rmse needs input.yPred");
    expectError(() => METRICS.silhouette.compute({ clusters: i32(0, 0, 1) }), "INVALID_ARGUMENT", "features");
    expectError(() => METRICS.mase.compute({ yTrue: f64(1), yPred: f64(1) }), "INVALID_ARGUMENT", "history");
    const proba = f64(0.9, 0.1, 0.2, 0.8);
    expectError(
      () => METRICS.roc_auc.compute({ labels: i32(0, 1), proba, positiveClass: 2 }),
      "INVALID_ARGUMENT",
      "positiveClass",
    );
  });
});
