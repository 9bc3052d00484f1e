/** Adjusted Rand index between two partitions, from the pair confusion matrix as scikit-learn. */
import { denseCodes } from "./dense-codes.js";
import { requireRows, requireSameLength } from "./validate.js";

/**
 * Dense contingency tables up to this many cells (or 4 cells per row); beyond, a Map keeps memory
 * proportional to the non-empty cells (e.g. thousands of tiny clusters).
 */
const DENSE_CELLS = 1 << 20;

/**
 * Adjusted Rand index of two labelings of the same n rows, in [−0.5, 1]: 1 for identical partitions
 * (up to renaming), about 0 for independent ones. Labels are any integer codes (negative, sparse);
 * only the partition matters, and the index is symmetric. As scikit-learn's `adjusted_rand_score`:
 * 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn)) over row pairs, and 1 when no pair
 * disagrees (e.g. n = 1).
 */
export function adjustedRandIndex(labelsTrue: Int32Array, labelsPred: Int32Array): number {
  requireSameLength("labelsTrue", labelsTrue, "labelsPred", labelsPred);
  const n = labelsTrue.length;
  requireRows("ari", "labelsTrue", n);
  const a = denseCodes(labelsTrue);
  const b = denseCodes(labelsPred);
  const sumSquares = contingencySumOfSquares(a.codes, b.codes, a.k, b.k);
  let rowSquares = 0;
  for (let c = 0; c < a.k; c++) rowSquares += a.sizes[c]! * a.sizes[c]!;
  let colSquares = 0;
  for (let c = 0; c < b.k; c++) colSquares += b.sizes[c]! * b.sizes[c]!;
  // Ordered-pair counts (each unordered pair twice), as sklearn's pair_confusion_matrix; the
  // factor cancels in the ratio. Counts are exact integers while n² < 2^53.
  const tp = sumSquares - n;
  const fp = colSquares - sumSquares;
  const fn = rowSquares - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Σ n_ij² over the contingency table of two dense codings. */
function contingencySumOfSquares(a: Int32Array, b: Int32Array, ka: number, kb: number): number {
  const n = a.length;
  let sum = 0;
  if (ka * kb <= Math.max(DENSE_CELLS, 4 * n)) {
    const table = new Float64Array(ka * kb);
    for (let i = 0; i < n; i++) table[a[i]! * kb + b[i]!]!++;
    for (let c = 0; c < table.length; c++) sum += table[c]! * table[c]!;
    return sum;
  }
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = a[i]! * kb + b[i]!;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  for (const count of cells.values()) sum += count * count;
  return sum;
}
