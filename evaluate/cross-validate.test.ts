import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { createFeatureMatrix, type FeatureMatrix, takeFeatureRows } from "../data/preprocess/index.js";
import { makeSplits } from "../data/splits/index.js";
import type { EstimatorSpec } from "../trainers/estimator.js";
import { EXTRA_ESTIMATORS, TEST_ESTIMATORS_MODULE } from "../trainers/pool/test-estimators.js";
import { WorkerPool } from "../trainers/pool/worker-pool.js";
import { MODEL_REGISTRY } from "../trainers/registry.js";
import { crossValidate } from "./cross-validate.js";
import { METRICS, type MetricName } from "./metrics/registry.js";

const extras = new Map(EXTRA_ESTIMATORS.map((s) => [s.name, s]));
/** A real registry estimator when one of these is registered, else the pool's test stand-in. */
function pick(preferred: readonly string[], fallback: string): EstimatorSpec {
  for (const name of preferred) {
    const spec = MODEL_REGISTRY.get(name);
    if (spec) return spec;
  }
  return extras.get(fallback) as EstimatorSpec;
}
const CLASSIFIER = pick(["logistic_regression", "constant_classifier"], "test_centroid_classifier");
const REGRESSOR = pick(["ridge", "linear_regression", "constant_regressor"], "test_mean_regressor");

function data(n: number, seed: number): { X: FeatureMatrix; y: Float64Array; yReg: Float64Array } {
  const rng = createRng(seed);
  const X = createFeatureMatrix(n, ["a", "b", "c"]);
  const y = new Float64Array(n);
  const yReg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    for (let j = 0; j < 3; j++) X.data[j * n + i] = (j === c ? 1.5 : 0) + rng.normal();
    yReg[i] = 2 * (X.data[i] as number) - (X.data[n + i] as number) + 0.1 * rng.normal();
  }
  return { X, y, yReg };
}

/** The same cross-validation in this thread, fold by fold. */
function localScores(
  spec: EstimatorSpec,
  X: FeatureMatrix,
  y: Float64Array,
  folds: ReturnType<typeof makeSplits>["folds"],
  metric: MetricName,
  nClasses?: number,
) {
  return folds.map((fold) => {
    const take = (v: Float64Array, idx: Int32Array) => Float64Array.from(idx, (r) => v[r] as number);
    const model = spec.fit(takeFeatureRows(X, fold.train), take(y, fold.train), spec.params.parse({}), {
      seed: 5,
      ...(nClasses !== undefined ? { nClasses } : {}),
    });
    const Xt = takeFeatureRows(X, fold.test);
    const pred = model.predict(Xt);
    const yt = take(y, fold.test);
    const input =
      nClasses !== undefined
        ? {
            labels: Int32Array.from(yt),
            predLabels: Int32Array.from(pred),
            ...(model.predictProba ? { proba: model.predictProba(Xt) } : {}),
          }
        : { yTrue: yt, yPred: pred };
    return { score: METRICS[metric].compute(input), pred, fold };
  });
}

describe("crossValidate", () => {
  const pool = new WorkerPool({ size: 2, extraEstimatorModules: [TEST_ESTIMATORS_MODULE] });
  afterAll(() => pool.close());
  const n = 300;
  const { X, y, yReg } = data(n, 11);

  it("scores 5 stratified folds in workers exactly as an in-process loop, with aligned OOF predictions", async () => {
    const { folds } = makeSplits({ kind: "stratified_kfold", k: 5 }, { n, seed: 3, y: Int32Array.from(y) });
    const progress: number[] = [];
    const cv = await crossValidate({
      estimator: CLASSIFIER.name,
      params: {},
      X,
      y,
      task: "multiclass",
      nClasses: 3,
      folds,
      metric: "accuracy",
      seed: 5,
      pool,
      onProgress: (f) => progress.push(f),
    });
    const local = localScores(CLASSIFIER, X, y, folds, "accuracy", 3);
    expect(cv.foldScores).toEqual(local.map((l) => l.score));
    expect(cv.fitSeconds).toHaveLength(5);
    const mean = local.reduce((s, l) => s + l.score, 0) / 5;
    expect(cv.mean).toBeCloseTo(mean, 12);
    expect(cv.std).toBeCloseTo(Math.sqrt(local.reduce((s, l) => s + (l.score - mean) ** 2, 0) / 5), 12);
    for (const { fold, pred } of local) {
      expect(Float64Array.from(fold.test, (r) => cv.oof.values[r] as number)).toEqual(pred);
    }
    expect(cv.oof.values.some(Number.isNaN)).toBe(false);
    if (CLASSIFIER.tags.probabilities) {
      expect(cv.oof.proba).toHaveLength(n * 3);
      expect(cv.oof.proba?.some(Number.isNaN)).toBe(false);
    }
    expect(progress.at(-1)).toBe(1);
    // The caller's matrix is untouched (folds were cut and handed over, not X itself).
    expect(X.data.length).toBe(n * 3);
  });

  it("scores a regressor with rmse over 5 k-folds", async () => {
    const { folds } = makeSplits({ kind: "kfold", k: 5, shuffle: true }, { n, seed: 4 });
    const cv = await crossValidate({
      estimator: REGRESSOR.name,
      params: {},
      X,
      y: yReg,
      task: "regression",
      folds,
      metric: "rmse",
      seed: 5,
      pool,
    });
    const local = localScores(REGRESSOR, X, yReg, folds, "rmse");
    expect(cv.foldScores).toEqual(local.map((l) => l.score));
    expect(cv.oof.proba).toBeUndefined();
  });

  it("uses probabilities for log_loss and infers K from y", async () => {
    const { folds } = makeSplits({ kind: "stratified_kfold", k: 5 }, { n, seed: 3, y: Int32Array.from(y) });
    const cv = await crossValidate({
      estimator: "test_centroid_classifier",
      params: {},
      X,
      y,
      task: "multiclass",
      folds,
      metric: "log_loss",
      seed: 5,
      pool,
    });
    expect(cv.foldScores.every((s) => s > 0 && s < 1.2)).toBe(true);
  });

  it("throws the first fold's typed error and leaves the pool usable", async () => {
    const { folds } = makeSplits({ kind: "kfold", k: 5 }, { n, seed: 1 });
    const Xnan = createFeatureMatrix(n, X.featureNames, undefined, X.data.slice());
    Xnan.data[2 * n + 7] = Number.NaN; // every fold trains on row 7 or row 200
    Xnan.data[2 * n + 200] = Number.NaN;
    await expect(
      crossValidate({
        estimator: "throw_typed",
        params: {},
        X: Xnan,
        y: yReg,
        task: "regression",
        folds,
        metric: "rmse",
        seed: 1,
        pool,
      }),
    ).rejects.toMatchObject({ code: "MISSING_VALUES", details: { column: "c" } });
    await expect(
      crossValidate({
        estimator: "sleep_forever",
        params: {},
        X,
        y: yReg,
        task: "regression",
        folds,
        metric: "mae",
        seed: 1,
        pool,
        deadlineMs: 200,
      }),
    ).rejects.toMatchObject({ code: "FIT_TIMEOUT" });
    await expect(
      crossValidate({
        estimator: "test_mean_regressor",
        params: {},
        X,
        y: yReg,
        task: "binary",
        folds,
        metric: "rmse",
        seed: 1,
        pool,
      }),
    ).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    const ok = await crossValidate({
      estimator: "test_mean_regressor",
      params: { shrink: 0 },
      X,
      y: yReg,
      task: "regression",
      folds,
      metric: "r2",
      seed: 1,
      pool,
    });
    expect(ok.foldScores).toHaveLength(5);
  });

  it("stops on the caller's AbortSignal", async () => {
    const { folds } = makeSplits({ kind: "kfold", k: 5 }, { n, seed: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user stop")), 150);
    await expect(
      crossValidate({
        estimator: "sleep_forever",
        params: {},
        X,
        y: yReg,
        task: "regression",
        folds,
        metric: "rmse",
        seed: 1,
        pool,
        signal: controller.signal,
      }),
    ).rejects.toThrow("user stop");
  });
});
