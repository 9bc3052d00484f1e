/**
 * A model's predictions for a matrix, computed once. A classifier's `predict` is the argmax of its
 * `predictProba` (the conformance suite checks it for every registry entry), so asking for both
 * would walk its trees or search its neighbours twice: the classes are derived here instead.
 */
import type { FeatureMatrix } from "../data/preprocess/index.js";
import type { FittedModel } from "./estimator.js";

/** Index of the largest of `dim` values at `a[base..]` (first one on ties, like numpy's argmax). */
export function argmaxAt(a: Float64Array, base: number, dim: number): number {
  let best = 0;
  let bv = a[base] as number;
  for (let k = 1; k < dim; k++) {
    const v = a[base + k] as number;
    if (v > bv) {
      bv = v;
      best = k;
    }
  }
  return best;
}

/** The class of each row's largest probability (ties: the lower class index). */
export function argmaxRows(proba: Float64Array, n: number, K: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = argmaxAt(proba, i * K, K);
  return out;
}

export interface RowPredictions {
  /** Class indices (classification) or values (regression), one per row. */
  values: Float64Array;
  /** Row-major n × K probabilities, when the model has them. */
  proba?: Float64Array;
}

/** `predict` and, when the model has it, `predictProba` of X, at the cost of one of them. */
export function predictRows(model: FittedModel, X: FeatureMatrix): RowPredictions {
  if (model.predictProba === undefined) return { values: model.predict(X) };
  const proba = model.predictProba(X);
  const K = model.nClasses;
  // Without a class count the probabilities' shape is not known here: ask the model for both.
  if (K === undefined || proba.length !== X.nRows * K) return { values: model.predict(X), proba };
  return { values: argmaxRows(proba, X.nRows, K), proba };
}
