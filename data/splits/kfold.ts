/** K-fold splitting: k nearly equal test folds, as scikit-learn's KFold. */
import { createRng } from "../../core/rng.js";
import { checkFoldsFit, checkRowCount, checkSeed, foldsFromAssignment, type SplitResult } from "./fold.js";
import { type KFoldParams, KFoldSpecSchema, parseKindParams } from "./split-spec.js";

/**
 * Splits rows 0..n-1 into k test folds: the first n % k folds hold floor(n / k) + 1 rows, the others
 * floor(n / k). With `shuffle` (the default) rows are permuted by `seed` first; without, folds are
 * contiguous blocks in row order. Every row is in exactly one test fold.
 * Throws INVALID_ARGUMENT for bad parameters, NOT_ENOUGH_ROWS when k > n.
 */
export function kFold(params: KFoldParams, options: { n: number; seed: number }): SplitResult {
  const { k, shuffle } = parseKindParams(KFoldSpecSchema, "kfold", params);
  const { n, seed } = options;
  checkRowCount(n);
  checkSeed(seed);
  checkFoldsFit(k, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) createRng(seed).shuffle(order);
  const assignment = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const end = pos + base + (f < extra ? 1 : 0);
    for (; pos < end; pos++) assignment[order[pos] as number] = f;
  }
  return { folds: foldsFromAssignment(assignment, k), warnings: [] };
}
