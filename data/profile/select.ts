/** In-place selection of order statistics (Floyd–Rivest), for quantiles without a full sort. */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Rearranges `a[left..right]` so that `a[k]` holds the value of rank `k` in sorted order, everything
 * before it is ≤ and everything after it is ≥. Values must not be NaN. Expected O(n).
 * (Floyd & Rivest 1975, as in mourner/quickselect.)
 */
export function selectInPlace(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample to pick a pivot close to rank k.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Selects every rank in `ranks` (ascending, distinct, within `[0, n)`) in `a[0..n)`: afterwards
 * `a[r]` is the order statistic of rank `r` for each requested `r`.
 */
export function selectRanks(a: Float64Array, n: number, ranks: readonly number[]): void {
  selectRange(a, 0, n - 1, ranks, 0, ranks.length - 1);
}

function selectRange(
  a: Float64Array,
  lo: number,
  hi: number,
  ranks: readonly number[],
  rLo: number,
  rHi: number,
): void {
  if (rLo > rHi || lo > hi) return;
  const mid = (rLo + rHi) >> 1;
  const k = ranks[mid]!;
  selectInPlace(a, k, lo, hi);
  selectRange(a, lo, k - 1, ranks, rLo, mid - 1);
  selectRange(a, k + 1, hi, ranks, mid + 1, rHi);
}
