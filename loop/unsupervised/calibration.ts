/** Score calibration for rank ensembles: a score's interpolated rank among a member's training scores. */

/** Quantiles kept per member (enough for rank resolution 0.1%, small in JSON). */
const QUANTILES = 1001;

/** Sorted quantiles of `scores` (all of them when there are at most QUANTILES). */
export function fitCalibration(scores: Float64Array): number[] {
  const s = Float64Array.from(scores).sort();
  const n = s.length;
  if (n <= QUANTILES) return Array.from(s);
  const out = new Array<number>(QUANTILES);
  for (let q = 0; q < QUANTILES; q++) {
    const pos = (q / (QUANTILES - 1)) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    out[q] = (s[lo] as number) + (pos - lo) * ((s[hi] as number) - (s[lo] as number));
  }
  return out;
}

/**
 * The rank of each score in [0, 1] by linear interpolation between quantiles; beyond the extremes
 * it keeps growing slowly (by 0.001 per spread between the median and that extreme) so new rows
 * more extreme than any training row still outrank one another rather than tie at 1.
 */
export function calibrate(quantiles: readonly number[], scores: Float64Array): Float64Array {
  const q = quantiles;
  const m = q.length;
  const out = new Float64Array(scores.length);
  if (m === 0) return out;
  const first = q[0] as number;
  const last = q[m - 1] as number;
  const mid = q[(m - 1) >> 1] as number;
  const upper = Math.max(last - mid, 1e-12);
  const lower = Math.max(mid - first, 1e-12);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (s >= last) {
      out[i] = 1 + (0.001 * (s - last)) / upper;
      continue;
    }
    if (s <= first) {
      out[i] = -(0.001 * (first - s)) / lower;
      continue;
    }
    // Last quantile ≤ s by binary search, then interpolate; ties share their right-most position.
    let lo = 0;
    let hi = m - 1;
    while (hi - lo > 1) {
      const mm = (lo + hi) >> 1;
      if ((q[mm] as number) <= s) lo = mm;
      else hi = mm;
    }
    const a = q[lo] as number;
    const b = q[hi] as number;
    const t = b > a ? (s - a) / (b - a) : 0;
    out[i] = (lo + t) / (m - 1);
  }
  return out;
}
