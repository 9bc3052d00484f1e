/** The Fold and SplitResult shapes, plus the checks and builders every splitter shares. */
import { AlchemistError } from "../../core/errors.js";

/** One train/test division: row indices, sorted ascending, disjoint. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** What every splitter returns: the folds, and warnings (e.g. a class too small to reach every fold). */
export interface SplitResult {
  folds: Fold[];
  warnings: string[];
}

/**
 * The data a split needs. `n` rows; `y` class codes (one per row, `-1` missing is refused where y is
 * used); `groups` group codes (one per row, `-1` refused); `seed` drives every shuffle.
 */
export interface SplitOptions {
  n: number;
  seed: number;
  y?: Int32Array | undefined;
  groups?: Int32Array | undefined;
}

/** Row indices are Int32: beyond this the typed arrays cannot address the rows. */
const MAX_ROWS = 0x7fffffff;

export function checkRowCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_ROWS) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `n must be a whole number of rows in 0..${MAX_ROWS}; got ${n}`,
      {
        parameter: "n",
      },
    );
  }
}

/** k folds (or splits) need at least `needed` rows; NOT_ENOUGH_ROWS names k. */
export function checkFoldsFit(k: number, n: number, needed = k): void {
  if (n < needed) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `k=${k} needs at least ${needed} rows, got n=${n}: lower k or add rows`,
      { parameter: "k", k, n },
    );
  }
}

export function checkSeed(seed: number): void {
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new AlchemistError("INVALID_ARGUMENT", `seed must be a finite number; got ${String(seed)}`, {
      parameter: "seed",
    });
  }
}

/** Builds k folds from a row → test-fold assignment (every entry in 0..k-1); indices come out sorted. */
export function foldsFromAssignment(assignment: Int32Array, k: number): Fold[] {
  const n = assignment.length;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[assignment[i] as number] = (sizes[assignment[i] as number] as number) + 1;
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const size = sizes[f] as number;
    const test = new Int32Array(size);
    const train = new Int32Array(n - size);
    let t = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (assignment[i] === f) test[t++] = i;
      else train[r++] = i;
    }
    folds.push({ train, test });
  }
  return folds;
}

/** Builds one fold from a test mask (1 = test row). */
export function foldFromTestMask(mask: Uint8Array): Fold {
  const n = mask.length;
  let size = 0;
  for (let i = 0; i < n; i++) size += mask[i] as number;
  const test = new Int32Array(size);
  const train = new Int32Array(n - size);
  let t = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 1) test[t++] = i;
    else train[r++] = i;
  }
  return { train, test };
}

/**
 * Row → index of the fold whose test set holds it, `-1` for rows in no test set (the first window
 * of a time-series split, the train side of a holdout). The map out-of-fold predictions are written by.
 * Throws INVALID_ARGUMENT if a row is in two test sets or an index is outside 0..n-1.
 */
export function testFoldIndex(folds: readonly Fold[], n: number): Int32Array {
  checkRowCount(n);
  const index = new Int32Array(n).fill(-1);
  for (let f = 0; f < folds.length; f++) {
    const test = (folds[f] as Fold).test;
    for (let j = 0; j < test.length; j++) {
      const row = test[j] as number;
      if (row < 0 || row >= n) {
        throw new AlchemistError("INVALID_ARGUMENT", `fold ${f} has test row ${row} outside 0..${n - 1}`, {
          parameter: "folds",
          row,
        });
      }
      if (index[row] !== -1) {
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `row ${row} is in the test sets of folds ${index[row]} and ${f}`,
          {
            parameter: "folds",
            row,
          },
        );
      }
      index[row] = f;
    }
  }
  return index;
}
