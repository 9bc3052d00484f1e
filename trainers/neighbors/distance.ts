/** Distance kernels over row-major buffers, in "reduced" form (squared for Euclidean) with early exit. */

/**
 * Reduced distance between row `a` of `A` and row `b` of `B` (`d` values each): the sum of squared
 * differences (Euclidean) or of absolute differences (Manhattan). Stops summing once the partial sum
 * exceeds `bound` (the result then only needs to be known to exceed it).
 */
export function reducedDistance(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  d: number,
  manhattan: boolean,
  bound: number,
): number {
  let s = 0;
  if (manhattan) {
    for (let j = 0; j < d; j++) {
      s += Math.abs((A[aOff + j] as number) - (B[bOff + j] as number));
      if (s > bound) return s;
    }
  } else {
    for (let j = 0; j < d; j++) {
      const t = (A[aOff + j] as number) - (B[bOff + j] as number);
      s += t * t;
      if (s > bound) return s;
    }
  }
  return s;
}

/**
 * Reduced distance from query row `q` to the axis-aligned box `[lo, hi]` stored at `boxOff`: a lower
 * bound of the reduced distance to every point inside, summed in the same feature order as
 * `reducedDistance` so it never exceeds a computed point distance.
 */
export function boxDistance(
  lo: Float64Array,
  hi: Float64Array,
  boxOff: number,
  Q: Float64Array,
  qOff: number,
  d: number,
  manhattan: boolean,
): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = Q[qOff + j] as number;
    const l = lo[boxOff + j] as number;
    const h = hi[boxOff + j] as number;
    const gap = v < l ? l - v : v > h ? v - h : 0;
    s += manhattan ? gap : gap * gap;
  }
  return s;
}
