/** Input checks every estimator runs, so bad data fails with a typed error naming feature and row. */
import { AlchemistError } from "../core/errors.js";
import type { FeatureMatrix } from "../data/preprocess/index.js";
import type { EstimatorSpec, FitContext, FittedModel } from "./estimator.js";

function scanFeatures(X: FeatureMatrix, allowMissing: boolean, nonNegative: boolean, what: string): void {
  const { nRows, nCols, data } = X;
  for (let j = 0; j < nCols; j++) {
    const base = j * nRows;
    const name = X.featureNames[j] ?? `feature ${j}`;
    for (let i = 0; i < nRows; i++) {
      const v = data[base + i] as number;
      if (v - v === 0) {
        if (nonNegative && v < 0) {
          throw new AlchemistError(
            "NEGATIVE_VALUES",
            `${what} needs non-negative features, but '${name}' is ${v} in row ${i}.`,
            {
              column: name,
              row: i,
            },
          );
        }
        continue;
      }
      if (Number.isNaN(v)) {
        if (allowMissing) continue;
        throw new AlchemistError(
          "MISSING_VALUES",
          `${what} cannot handle missing values, but feature '${name}' is missing in row ${i}. Add an impute step or choose an estimator that handles missing values.`,
          { column: name, row: i },
        );
      }
      throw new AlchemistError(
        "NON_FINITE_VALUES",
        `Feature '${name}' is ${v} in row ${i}; clip or drop it.`,
        {
          column: name,
          row: i,
        },
      );
    }
  }
}

/** Checks X, y and the context before a fit. */
export function checkFitInput(spec: EstimatorSpec, X: FeatureMatrix, y: Float64Array, ctx: FitContext): void {
  if (X.nRows === 0) throw new AlchemistError("NOT_ENOUGH_ROWS", `${spec.name}: no training rows.`, {});
  if (y.length !== X.nRows) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `${spec.name}: ${X.nRows} feature rows but ${y.length} targets.`,
      {},
    );
  }
  if (ctx.sampleWeight && ctx.sampleWeight.length !== X.nRows) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `${spec.name}: ${X.nRows} rows but ${ctx.sampleWeight.length} sample weights.`,
      {
        parameter: "sampleWeight",
      },
    );
  }
  scanFeatures(X, spec.tags.handlesMissing, spec.tags.nonNegativeFeatures === true, spec.name);
  const classifier = spec.tasks.includes("binary") || spec.tasks.includes("multiclass");
  const k = ctx.nClasses;
  if (classifier && (k === undefined || !Number.isInteger(k) || k < 2)) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${spec.name}: FitContext.nClasses must be an integer ≥ 2 for a classifier.`,
      {
        parameter: "nClasses",
      },
    );
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) {
      throw new AlchemistError(
        "INVALID_TARGET",
        `${spec.name}: the target is ${v} in row ${i}; drop or fix those rows.`,
        { row: i },
      );
    }
    if (classifier && (v < 0 || v >= (k as number) || !Number.isInteger(v))) {
      throw new AlchemistError(
        "INVALID_TARGET",
        `${spec.name}: class index ${v} in row ${i} is outside 0..${(k as number) - 1}.`,
        { row: i },
      );
    }
  }
}

/** Checks a matrix given to predict against what the model was fitted on. */
export function checkPredictInput(model: FittedModel, X: FeatureMatrix, allowMissing: boolean): void {
  if (X.nCols !== model.nFeatures) {
    throw new AlchemistError(
      "FEATURE_MISMATCH",
      `${model.estimator} was fitted on ${model.nFeatures} features but got ${X.nCols}.`,
      { expected: model.nFeatures, found: X.nCols },
    );
  }
  scanFeatures(X, allowMissing, false, model.estimator);
}
