/** FeatureMatrix: the numeric, column-major design matrix every estimator consumes. */
import { AlchemistError } from "../../core/errors.js";

/**
 * `nRows × nCols` numbers, column-major: the value of row `i`, feature `j` is `data[j * nRows + i]`.
 * `NaN` is missing. `categorical[j]` is the number of levels `L` when feature `j` holds integer
 * category codes `0..L-1` (for estimators with native categorical support), else `null`.
 */
export interface FeatureMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly data: Float64Array;
  readonly featureNames: readonly string[];
  readonly categorical: readonly (number | null)[];
}

/**
 * A matrix over `data` (allocated as `nRows * featureNames.length` zeros when omitted).
 * `categorical` defaults to all `null`.
 */
export function createFeatureMatrix(
  nRows: number,
  featureNames: readonly string[],
  categorical?: readonly (number | null)[],
  data?: Float64Array,
): FeatureMatrix {
  const nCols = featureNames.length;
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new AlchemistError("INVALID_ARGUMENT", `nRows must be a non-negative integer, got ${nRows}.`, {
      parameter: "nRows",
    });
  }
  const cats = categorical ?? featureNames.map(() => null);
  if (cats.length !== nCols) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `categorical has ${cats.length} entries but there are ${nCols} features.`,
      { parameter: "categorical" },
    );
  }
  const buf = data ?? new Float64Array(nRows * nCols);
  if (buf.length !== nRows * nCols) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `data has ${buf.length} values but ${nRows} rows × ${nCols} features need ${nRows * nCols}.`,
      { parameter: "data" },
    );
  }
  return { nRows, nCols, data: buf, featureNames: [...featureNames], categorical: [...cats] };
}

/** Feature `j` as a view (no copy) of length `nRows`. */
export function featureColumn(X: FeatureMatrix, j: number): Float64Array {
  if (!Number.isInteger(j) || j < 0 || j >= X.nCols) {
    throw new AlchemistError("INVALID_ARGUMENT", `Feature index ${j} is outside 0..${X.nCols - 1}.`, {
      parameter: "j",
    });
  }
  return X.data.subarray(j * X.nRows, (j + 1) * X.nRows);
}

/** Index of the named feature, or -1. */
export function featureIndex(X: FeatureMatrix, name: string): number {
  return X.featureNames.indexOf(name);
}

/** A row-major copy (`out[i * nCols + j]`) for estimators that walk rows. */
export function toRowMajor(X: FeatureMatrix): Float64Array {
  const { nRows, nCols, data } = X;
  const out = new Float64Array(nRows * nCols);
  for (let j = 0; j < nCols; j++) {
    const base = j * nRows;
    for (let i = 0; i < nRows; i++) out[i * nCols + j] = data[base + i] as number;
  }
  return out;
}

/** Rows `idx` (in that order) as a new matrix with the same features. */
export function takeFeatureRows(X: FeatureMatrix, idx: ArrayLike<number>): FeatureMatrix {
  const n = idx.length;
  const { nRows, nCols, data } = X;
  for (let i = 0; i < n; i++) {
    const r = idx[i] as number;
    if (!Number.isInteger(r) || r < 0 || r >= nRows) {
      throw new AlchemistError("INVALID_ARGUMENT", `Row index ${r} is outside 0..${nRows - 1}.`, { row: r });
    }
  }
  const out = new Float64Array(n * nCols);
  for (let j = 0; j < nCols; j++) {
    const src = j * nRows;
    const dst = j * n;
    for (let i = 0; i < n; i++) out[dst + i] = data[src + (idx[i] as number)] as number;
  }
  return { nRows: n, nCols, data: out, featureNames: X.featureNames, categorical: X.categorical };
}
