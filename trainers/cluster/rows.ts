/** Row-major matrices and the nearest-centre kernel shared by the clustering and anomaly trainers. */
import { AlchemistError } from "../../core/errors.js";

/** `n × d` numbers, row-major: row `i`, feature `j` is `data[i * d + j]`. Finite values only. */
export interface Rows {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** Wraps `data` as `n × d` rows after checking the length and that every value is finite. */
export function rows(data: Float64Array, n: number, d: number): Rows {
  if (data.length !== n * d) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `Expected ${n} × ${d} = ${n * d} values, got ${data.length}.`,
      {
        parameter: "data",
      },
    );
  }
  for (let p = 0; p < data.length; p++) {
    if (!Number.isFinite(data[p])) {
      throw new AlchemistError(
        "NON_FINITE_VALUES",
        `Feature ${p % d} of row ${Math.floor(p / d)} is ${data[p]}; impute before clustering.`,
        { row: Math.floor(p / d), feature: p % d },
      );
    }
  }
  return { data, n, d };
}

/** The rows `idx` (in that order) as a new matrix. */
export function takeRows(X: Rows, idx: ArrayLike<number>): Rows {
  const { d } = X;
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) {
    const src = (idx[r] as number) * d;
    for (let j = 0; j < d; j++) out[r * d + j] = X.data[src + j] as number;
  }
  return { data: out, n: idx.length, d };
}

/** Squared Euclidean distance between row `a` of `A` and row `b` of `B` (both width `d`). */
export function sqDist(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  let s = 0;
  const oa = a * d;
  const ob = b * d;
  for (let j = 0; j < d; j++) {
    const t = (A[oa + j] as number) - (B[ob + j] as number);
    s += t * t;
  }
  return s;
}

/**
 * Index of the nearest of `k` centres for every row, written into `labels`; `best` (optional)
 * receives the squared distances. Returns the summed squared distance (the inertia).
 */
export function nearestCentres(
  X: Rows,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  best?: Float64Array,
): number {
  const { data, n, d } = X;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let bi = 0;
    let bd = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const dist = sqDist(data, i, centres, c, d);
      if (dist < bd) {
        bd = dist;
        bi = c;
      }
    }
    labels[i] = bi;
    if (best !== undefined) best[i] = bd;
    inertia += bd;
  }
  return inertia;
}

/** A sample of at most `m` distinct row indices (sorted), drawn with `int`; all rows when n ≤ m. */
export function sampleIndices(n: number, m: number, int: (k: number) => number): Int32Array<ArrayBuffer> {
  if (n <= m) return Int32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher–Yates over an index array: m swaps, no rejection loop.
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + int(n - i);
    const t = all[i] as number;
    all[i] = all[j] as number;
    all[j] = t;
  }
  return all.slice(0, m).sort();
}

/** Throws FIT_TIMEOUT when `deadline` (epoch ms) has passed. */
export function checkDeadline(deadline: number | undefined, what: string): void {
  if (deadline !== undefined && Date.now() > deadline) {
    throw new AlchemistError("FIT_TIMEOUT", `${what} ran past its deadline.`, { deadline });
  }
}
