/** A single train/test holdout split, optionally stratified, as scikit-learn's train_test_split. */
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { type DenseCodes, denseCodes, rowsByCode } from "./codes.js";
import { checkRowCount, checkSeed, foldFromTestMask, type SplitResult } from "./fold.js";
import { type HoldoutParams, HoldoutSpecSchema, parseKindParams } from "./split-spec.js";

/** Classes named one by one in warnings, up to this many; the rest are counted. */
const MAX_CLASS_WARNINGS = 10;

/**
 * One fold whose test set holds ceil(testFraction × n) rows (at least 1; float noise such as
 * 0.7 × 10 = 7.000000000000001 is not rounded up). Needs n ≥ 2 and at least one train row.
 *
 * Unstratified: `shuffle` draws the test rows at random with `seed`; without it the test set is the
 * last rows (the tail, as train_test_split(shuffle=False)).
 * Stratified (needs y): each class c with m_c rows gets t_c test rows by largest remainder on
 * testSize × m_c / n (ties: larger class, then first appearance), so the t_c sum to the test size and
 * differ from the exact share by less than one row. Which rows: random with `seed`, or the last t_c
 * of the class without `shuffle`. A class that ends up only in train or only in test (e.g. a class
 * with a single row) is named in `warnings` rather than refused (scikit-learn refuses it).
 *
 * Throws NOT_ENOUGH_ROWS (n < 2, or testFraction leaves no train row), INVALID_ARGUMENT (stratify
 * without y, missing class code), LENGTH_MISMATCH (y.length ≠ n).
 */
export function holdoutSplit(
  params: HoldoutParams,
  options: { n: number; seed: number; y?: Int32Array | undefined },
): SplitResult {
  const { testFraction, stratify, shuffle } = parseKindParams(HoldoutSpecSchema, "holdout", params);
  const { n, seed, y } = options;
  checkRowCount(n);
  checkSeed(seed);
  if (n < 2) {
    throw new AlchemistError("NOT_ENOUGH_ROWS", `a holdout split needs at least 2 rows, got n=${n}`, {
      parameter: "n",
      n,
    });
  }
  const testSize = Math.max(1, Math.ceil(testFraction * n * (1 - 1e-12)));
  if (testSize >= n) {
    throw new AlchemistError(
      "NOT_ENOUGH_ROWS",
      `testFraction=${testFraction} of n=${n} rows leaves no train row: lower testFraction`,
      { parameter: "testFraction", n, testSize },
    );
  }
  const rng = createRng(seed);
  const mask = new Uint8Array(n);
  if (!stratify) {
    if (shuffle) {
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      rng.shuffle(order);
      for (let j = 0; j < testSize; j++) mask[order[j] as number] = 1;
    } else {
      mask.fill(1, n - testSize);
    }
    return { folds: [foldFromTestMask(mask)], warnings: [] };
  }

  if (y === undefined) {
    throw new AlchemistError("INVALID_ARGUMENT", "a stratified holdout needs y (class codes, one per row)", {
      parameter: "y",
    });
  }
  const dense = denseCodes(y, n, "y");
  const perClass = apportion(dense.counts, testSize, n);
  const { rows, start } = rowsByCode(dense);
  for (let c = 0; c < perClass.length; c++) {
    const classRows = rows.subarray(start[c] as number, start[c + 1] as number);
    const t = perClass[c] as number;
    if (shuffle) {
      // A partial Fisher–Yates: only the first t draws matter.
      const pool = classRows.slice();
      for (let j = 0; j < t; j++) {
        const pick = j + rng.int(pool.length - j);
        const row = pool[pick] as number;
        pool[pick] = pool[j] as number;
        mask[row] = 1;
      }
    } else {
      for (let j = classRows.length - t; j < classRows.length; j++) mask[classRows[j] as number] = 1;
    }
  }
  return { folds: [foldFromTestMask(mask)], warnings: oneSidedClassWarnings(dense, perClass) };
}

/** Largest-remainder apportionment of `total` test rows over classes in proportion to their counts. */
function apportion(counts: Int32Array, total: number, n: number): Int32Array {
  const m = counts.length;
  const out = new Int32Array(m);
  const remainder = new Float64Array(m);
  let given = 0;
  for (let c = 0; c < m; c++) {
    // Exact in doubles while total × count < 2^53, i.e. for any n an Int32Array y can hold up to ~9e7 rows.
    const product = total * (counts[c] as number);
    out[c] = Math.floor(product / n);
    remainder[c] = product - (out[c] as number) * n;
    given += out[c] as number;
  }
  const order = Array.from({ length: m }, (_, c) => c);
  order.sort(
    (a, b) =>
      (remainder[b] as number) - (remainder[a] as number) ||
      (counts[b] as number) - (counts[a] as number) ||
      a - b,
  );
  for (let j = 0; given < total; j++, given++) {
    const c = order[j] as number;
    out[c] = (out[c] as number) + 1;
  }
  return out;
}

function oneSidedClassWarnings(dense: DenseCodes, perClass: Int32Array): string[] {
  const lines: { code: number; text: string }[] = [];
  for (let c = 0; c < perClass.length; c++) {
    const t = perClass[c] as number;
    const count = dense.counts[c] as number;
    const code = dense.values[c] as number;
    const rows = `${count} row${count === 1 ? "" : "s"}`;
    if (t === 0) lines.push({ code, text: `class ${code} (${rows}) has no row in the test split` });
    else if (t === count) lines.push({ code, text: `class ${code} (${rows}) has no row in the train split` });
  }
  lines.sort((a, b) => a.code - b.code);
  const warnings = lines.slice(0, MAX_CLASS_WARNINGS).map((l) => l.text);
  if (lines.length > MAX_CLASS_WARNINGS) {
    warnings.push(`${lines.length - MAX_CLASS_WARNINGS} more classes appear on only one side of the split`);
  }
  return warnings;
}
