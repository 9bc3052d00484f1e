/** Which estimators have a faithful ONNX form, their exporters, and why the others have none. */
import { AlchemistError } from "../../core/errors.js";
import { createFeatureMatrix } from "../../data/preprocess/index.js";
import type { ModelJSON } from "../../trainers/estimator.js";
import { getEstimator, MODEL_REGISTRY } from "../../trainers/registry.js";
import { exportLinear } from "./linear-onnx.js";
import { type ExportContext, type MemberOutput, repeatRow } from "./onnx-helpers.js";
import { exportForest, exportGbdt } from "./tree-onnx.js";

/** Writes a fitted model's graph from the `[N, F]` feature matrix to its output. */
export type ModelExporter = (ctx: ExportContext, model: ModelJSON) => MemberOutput;

/**
 * A constant model ignores its features: its output is read from one prediction of a dummy row
 * (so the export can never disagree with the model) and repeated N times.
 */
function exportConstant(ctx: ExportContext, json: ModelJSON): MemberOutput {
  const model = getEstimator(json.estimator).fromJSON(json);
  const X = createFeatureMatrix(
    1,
    Array.from({ length: json.nFeatures }, (_, j) => `f${j}`),
  );
  if (model.predictProba !== undefined) return { proba: repeatRow(ctx.g, model.predictProba(X), ctx.N) };
  const v = model.predict(X)[0] as number;
  const col = repeatRow(ctx.g, [v], ctx.N);
  return { values: ctx.g.op("Reshape", [col, ctx.g.constInt64([-1], [1])]) };
}

const LINEAR = [
  "linear_regression",
  "ridge",
  "ridge_classifier",
  "lasso",
  "elastic_net",
  "logistic_regression",
  "linear_svc",
  "linear_svr",
  "sgd_classifier",
  "sgd_regressor",
  "lda",
] as const;

const FORESTS = [
  "decision_tree_classifier",
  "decision_tree_regressor",
  "random_forest_classifier",
  "random_forest_regressor",
  "extra_trees_classifier",
  "extra_trees_regressor",
] as const;

/** Estimator name → exporter, for every estimator with a faithful ONNX form. */
export const ONNX_EXPORTERS: ReadonlyMap<string, ModelExporter> = new Map<string, ModelExporter>([
  ["constant_classifier", exportConstant],
  ["constant_regressor", exportConstant],
  ...LINEAR.map((n): [string, ModelExporter] => [n, exportLinear]),
  ...FORESTS.map((n): [string, ModelExporter] => [n, exportForest]),
  ["hist_gradient_boosting_classifier", exportGbdt],
  ["hist_gradient_boosting_regressor", exportGbdt],
]);

/** Why a registered estimator has no ONNX export (said in the model card instead of a half-right file). */
export const ONNX_NOT_EXPORTABLE: Readonly<Record<string, string>> = {
  knn_classifier:
    "k-nearest neighbours needs the whole training set and a neighbour search whose tie-breaking between equidistant rows ONNX operators do not reproduce",
  knn_regressor:
    "k-nearest neighbours needs the whole training set and a neighbour search whose tie-breaking between equidistant rows ONNX operators do not reproduce",
  gaussian_nb: "naive Bayes' log-sum-exp with prior fallbacks for unseen classes is not exported yet",
  multinomial_nb: "naive Bayes' log-sum-exp with prior fallbacks for unseen classes is not exported yet",
  bernoulli_nb: "naive Bayes' log-sum-exp with prior fallbacks for unseen classes is not exported yet",
  mlp_classifier: "the multi-layer perceptron is not exported yet",
  mlp_regressor: "the multi-layer perceptron is not exported yet",
  adaboost_classifier:
    "AdaBoost (SAMME.R) sums per-stump log-probability terms that TreeEnsemble cannot express",
  adaboost_regressor:
    "AdaBoost.R2 predicts a weighted median of its trees, which TreeEnsemble cannot express",
  ...Object.fromEntries(
    [
      "naive_forecast",
      "seasonal_naive_forecast",
      "drift_forecast",
      "ets",
      "arima",
      "auto_arima",
      "stl_forecast",
      "gbdt_forecast",
    ].map((n) => [
      n,
      "a forecaster's output is a recursion from the end of its fitted series over the horizon, not a function of each input row, which a row-wise ONNX graph cannot express",
    ]),
  ),
  kmeans: "clustering models are not exported to ONNX yet (the bundle's JSON model assigns clusters)",
  minibatch_kmeans:
    "clustering models are not exported to ONNX yet (the bundle's JSON model assigns clusters)",
  gaussian_mixture:
    "clustering models are not exported to ONNX yet (the bundle's JSON model assigns clusters)",
  ward: "clustering models are not exported to ONNX yet (the bundle's JSON model assigns clusters)",
  dbscan:
    "DBSCAN assigns a new row through a nearest-core-point search over the kept core points, which is not exported yet",
  isolation_forest: "anomaly detectors are not exported to ONNX yet (the bundle's JSON model scores rows)",
  local_outlier_factor:
    "local outlier factor needs the reference rows and a neighbour search whose tie-breaking ONNX operators do not reproduce",
  robust_z: "anomaly detectors are not exported to ONNX yet (the bundle's JSON model scores rows)",
  hbos: "anomaly detectors are not exported to ONNX yet (the bundle's JSON model scores rows)",
};

/** Whether an estimator exports to ONNX, and if not, why. */
export function onnxSupport(estimator: string): { exportable: true } | { exportable: false; reason: string } {
  if (ONNX_EXPORTERS.has(estimator)) return { exportable: true };
  return {
    exportable: false,
    reason: ONNX_NOT_EXPORTABLE[estimator] ?? `no ONNX exporter is registered for '${estimator}'`,
  };
}

/** Exportable and registered estimator counts (from the live MODEL_REGISTRY). */
export function onnxCoverage(): { registered: number; exportable: number; missing: string[] } {
  const names = [...MODEL_REGISTRY.keys()];
  const missing = names.filter((n) => !ONNX_EXPORTERS.has(n));
  return { registered: names.length, exportable: names.length - missing.length, missing };
}

/** The exporter of a model (its JSON validated by its estimator first), or ONNX_UNSUPPORTED. */
export function exporterFor(json: ModelJSON): ModelExporter {
  getEstimator(json.estimator).fromJSON(json);
  const support = onnxSupport(json.estimator);
  if (!support.exportable)
    throw new AlchemistError(
      "ONNX_UNSUPPORTED",
      `${json.estimator} has no faithful ONNX form: ${support.reason}.`,
      {
        estimator: json.estimator,
      },
    );
  return ONNX_EXPORTERS.get(json.estimator) as ModelExporter;
}
