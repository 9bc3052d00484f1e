/** Input checks shared by the metrics: each throws an AlchemistError naming the offending array. */
import { AlchemistError } from "../../core/errors.js";

/**
 * Largest class code accepted. Per-class counts are dense vectors of length max code + 1, so a
 * stray huge code would allocate gigabytes; real class codes index a levels list and stay small.
 */
export const MAX_CLASS_CODE = (1 << 24) - 1;

/** Throws LENGTH_MISMATCH unless the two arrays have the same length. */
export function requireSameLength(
  nameA: string,
  a: ArrayLike<number>,
  nameB: string,
  b: ArrayLike<number>,
): void {
  if (a.length !== b.length) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `${nameA} has ${a.length} rows but ${nameB} has ${b.length}; they must align row by row`,
      { parameter: nameB, lengths: { [nameA]: a.length, [nameB]: b.length } },
    );
  }
}

/** Throws NOT_ENOUGH_ROWS when `n < min` (default 1: a metric over no rows is undefined). */
export function requireRows(metric: string, name: string, n: number, min = 1): void {
  if (n < min) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `${metric} needs at least ${min} row${min === 1 ? "" : "s"} in ${name}, got ${n}`,
      { parameter: name, rows: n, min },
    );
  }
}

/** Throws INVALID_ARGUMENT at the first NaN or ±Infinity, naming the array and the row. */
export function requireFinite(name: string, values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `${name}[${i}] is ${values[i]}; metrics need finite numbers`,
        {
          parameter: name,
          row: i,
        },
      );
    }
  }
}

/**
 * Checks class codes are in 0..MAX_CLASS_CODE and returns max code + 1 (0 for an empty array).
 * Throws INVALID_ARGUMENT naming the first bad row.
 */
export function classCodeCount(name: string, codes: Int32Array): number {
  let max = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0 || c > MAX_CLASS_CODE) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `${name}[${i}] is ${c}; class codes must be integers in 0..K-1 (at most ${MAX_CLASS_CODE})`,
        { parameter: name, row: i },
      );
    }
    if (c > max) max = c;
  }
  return max + 1;
}

/** Throws INVALID_ARGUMENT unless `code` is a valid class code (a non-negative integer). */
export function requireClassCode(name: string, code: number): void {
  if (!Number.isInteger(code) || code < 0 || code > MAX_CLASS_CODE) {
    throw new AlchemistError("INVALID_ARGUMENT", `${name} is ${code}; it must be a class code 0..K-1`, {
      parameter: name,
    });
  }
}

/**
 * Validates a row-major n×K probability matrix and returns K. K is `proba.length / n` and must be
 * a whole number of at least 2; every entry must be finite and within [0, 1]. Rows need not sum to
 * exactly 1 (metrics that care renormalise, as scikit-learn's log loss does).
 */
export function probaClassCount(name: string, proba: Float64Array, n: number): number {
  const k = proba.length / n;
  if (!Number.isInteger(k) || k < 2) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${name} has ${proba.length} values for ${n} rows; it must be a row-major n×K matrix with K ≥ 2 classes`,
      { parameter: name, length: proba.length, rows: n },
    );
  }
  requireUnitInterval(name, proba);
  return k;
}

/** Rounding slack of a probability: averaging many trees' votes lands a few ulps past 1. */
const UNIT_SLACK = 1e-9;

/** Throws INVALID_ARGUMENT at the first entry outside [0, 1] ± rounding slack (NaN included). */
export function requireUnitInterval(name: string, values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const p = values[i]!;
    // Written so that NaN fails too.
    if (!(p >= -UNIT_SLACK && p <= 1 + UNIT_SLACK)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `${name}[${i}] is ${p}; probabilities must lie in [0, 1]`,
        {
          parameter: name,
          row: i,
        },
      );
    }
  }
}

/** Throws INVALID_ARGUMENT unless every label is below the K columns of the probability matrix. */
export function requireCodesBelow(name: string, codes: Int32Array, k: number, probaName: string): void {
  const count = classCodeCount(name, codes);
  if (count > k) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${name} holds class code ${count - 1} but ${probaName} has only ${k} columns`,
      { parameter: name, classes: k },
    );
  }
}
