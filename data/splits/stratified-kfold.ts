/** Stratified k-fold: every fold keeps the class proportions of y, as scikit-learn's StratifiedKFold. */
import { createRng } from "../../core/rng.js";
import { denseCodes, rowsByCode } from "./codes.js";
import { checkFoldsFit, checkRowCount, checkSeed, foldsFromAssignment, type SplitResult } from "./fold.js";
import { parseKindParams, type StratifiedKFoldParams, StratifiedKFoldSpecSchema } from "./split-spec.js";

/** Under-populated classes named one by one, up to this many; the rest are counted. */
const MAX_CLASS_WARNINGS = 10;

/**
 * Splits rows into k test folds so that each fold holds floor(m / k) or ceil(m / k) rows of every
 * class with m rows (scikit-learn's allocation: classes numbered by first appearance, rows sorted by
 * class, fold f takes every k-th of them from position f). Fold sizes are floor(n / k) or ceil(n / k).
 * Within a class, rows go to folds in row order (contiguous blocks); `shuffle` permutes that
 * assignment with `seed`.
 *
 * A class with fewer than k rows cannot reach every test fold: it is placed anyway and named in
 * `warnings` (scikit-learn warns too), never an error, so one rare class does not stop a run.
 * Throws LENGTH_MISMATCH when y.length ≠ n, INVALID_ARGUMENT for a missing (negative) class code,
 * NOT_ENOUGH_ROWS when k > n.
 */
export function stratifiedKFold(
  params: StratifiedKFoldParams,
  options: { n: number; y: Int32Array; seed: number },
): SplitResult {
  const { k, shuffle } = parseKindParams(StratifiedKFoldSpecSchema, "stratified_kfold", params);
  const { n, y, seed } = options;
  checkRowCount(n);
  checkSeed(seed);
  const dense = denseCodes(y, n, "y");
  checkFoldsFit(k, n);
  const m = dense.counts.length;

  // allocation[f * m + c]: rows of class c in test fold f. Class c occupies positions
  // [offset, offset + count) of the class-sorted order; fold f takes the positions ≡ f (mod k).
  const allocation = new Int32Array(k * m);
  let offset = 0;
  for (let c = 0; c < m; c++) {
    const count = dense.counts[c] as number;
    const whole = Math.floor(count / k);
    const firstFold = offset % k;
    for (let f = 0; f < k; f++) {
      const extra = (f - firstFold + k) % k < count % k ? 1 : 0;
      allocation[f * m + c] = whole + extra;
    }
    offset += count;
  }

  const { rows, start } = rowsByCode(dense);
  const rng = createRng(seed);
  const assignment = new Int32Array(n);
  for (let c = 0; c < m; c++) {
    const from = start[c] as number;
    const foldsForClass = new Int32Array((start[c + 1] as number) - from);
    let p = 0;
    for (let f = 0; f < k; f++) {
      const a = allocation[f * m + c] as number;
      for (let j = 0; j < a; j++) foldsForClass[p++] = f;
    }
    if (shuffle) rng.shuffle(foldsForClass);
    for (let j = 0; j < foldsForClass.length; j++)
      assignment[rows[from + j] as number] = foldsForClass[j] as number;
  }

  return {
    folds: foldsFromAssignment(assignment, k),
    warnings: smallClassWarnings(dense.values, dense.counts, k),
  };
}

function smallClassWarnings(values: Int32Array, counts: Int32Array, k: number): string[] {
  const small: number[] = [];
  for (let c = 0; c < counts.length; c++) if ((counts[c] as number) < k) small.push(c);
  small.sort((a, b) => (values[a] as number) - (values[b] as number));
  const warnings = small
    .slice(0, MAX_CLASS_WARNINGS)
    .map(
      (c) =>
        `class ${values[c]} has ${counts[c]} row${counts[c] === 1 ? "" : "s"}, fewer than k=${k}: ` +
        `${k - (counts[c] as number)} test fold(s) have none of it`,
    );
  if (small.length > MAX_CLASS_WARNINGS) {
    warnings.push(`${small.length - MAX_CLASS_WARNINGS} more classes have fewer than k=${k} rows`);
  }
  return warnings;
}
