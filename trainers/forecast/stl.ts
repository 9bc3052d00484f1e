/**
 * STL: seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae & Terpenning 1990), with
 * the defaults statsmodels uses (seasonal window 7, degree-1 loess, five inner passes, or two per
 * robustness pass when robust). The season may evolve over time, unlike a classical decomposition.
 */

/** Options of {@link stl}. */
export interface StlOptions {
  /** Seasonal smoother span in cycles (odd, ≥ 3); default 7. */
  seasonal?: number;
  /** Outer robustness passes (0 = not robust); default 0. */
  robustPasses?: number;
}

/** Smallest odd integer ≥ x. */
function nextOdd(x: number): number {
  const c = Math.ceil(x);
  return c % 2 === 1 ? c : c + 1;
}

/**
 * Degree-1 loess of `y` (equally spaced at 0..n−1, with weights `rw`) evaluated at position `x`
 * (may lie outside) with span `q` points: tricube weights over the q nearest points.
 */
function loessAt(y: Float64Array, rw: Float64Array | null, q: number, x: number, degree: 0 | 1): number {
  const n = y.length;
  let lo: number;
  let hi: number;
  if (q >= n) {
    lo = 0;
    hi = n - 1;
  } else {
    lo = Math.min(Math.max(0, Math.round(x) - Math.floor(q / 2)), n - q);
    // Slide the window to the q points nearest to x.
    while (lo > 0 && x - (lo - 1) < lo + q - 1 - x) lo--;
    while (lo + q < n && lo + q - x < x - lo) lo++;
    hi = lo + q - 1;
  }
  let h = Math.max(x - lo, hi - x);
  if (q > n) h += Math.floor((q - n) / 2);
  h = Math.max(h, 1e-9);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  for (let j = lo; j <= hi; j++) {
    const d = Math.abs(j - x);
    let w = 0;
    if (d <= h9) w = d <= h1 ? 1 : (1 - (d / h) ** 3) ** 3;
    if (rw !== null) w *= rw[j]!;
    if (w <= 0) continue;
    sw += w;
    sx += w * j;
    sy += w * y[j]!;
    sxx += w * j * j;
    sxy += w * j * y[j]!;
  }
  if (sw <= 0) return y[Math.min(n - 1, Math.max(0, Math.round(x)))]!;
  const mx = sx / sw;
  const my = sy / sw;
  if (degree === 0) return my;
  const vxx = sxx / sw - mx * mx;
  if (vxx <= 1e-12 * Math.max(1, h * h)) return my;
  const slope = (sxy / sw - mx * my) / vxx;
  return my + slope * (x - mx);
}

function movingAverage(x: Float64Array, len: number): Float64Array {
  const out = new Float64Array(x.length - len + 1);
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i]!;
  out[0] = s / len;
  for (let i = 1; i < out.length; i++) {
    s += x[i + len - 1]! - x[i - 1]!;
    out[i] = s / len;
  }
  return out;
}

/**
 * Decomposes `y` (period `m` ≥ 2, at least 2m values) into seasonal, trend and remainder
 * (y = seasonal + trend + remainder). Returns new arrays.
 */
export function stl(
  y: Float64Array,
  m: number,
  options: StlOptions = {},
): { seasonal: Float64Array; trend: Float64Array; remainder: Float64Array } {
  const n = y.length;
  const ns = Math.max(3, nextOdd(options.seasonal ?? 7));
  const nt = nextOdd((1.5 * m) / (1 - 1.5 / ns));
  const nl = nextOdd(m);
  const outer = options.robustPasses ?? 0;
  const inner = outer > 0 ? 2 : 5; // statsmodels' defaults
  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  const rw = new Float64Array(n).fill(1);
  const detr = new Float64Array(n);
  const cycle = new Float64Array(n + 2 * m);
  const deseason = new Float64Array(n);
  for (let pass = 0; pass <= outer; pass++) {
    const weights = pass === 0 ? null : rw;
    for (let it = 0; it < inner; it++) {
      for (let i = 0; i < n; i++) detr[i] = y[i]! - trend[i]!;
      // Cycle-subseries smoothing, each extended by one cycle at both ends.
      for (let j = 0; j < m; j++) {
        const len = Math.floor((n - 1 - j) / m) + 1;
        const sub = new Float64Array(len);
        const subW = weights === null ? null : new Float64Array(len);
        for (let k = 0; k < len; k++) {
          sub[k] = detr[j + k * m]!;
          if (subW !== null) subW[k] = weights![j + k * m]!;
        }
        for (let k = -1; k <= len; k++) cycle[j + (k + 1) * m] = loessAt(sub, subW, ns, k, 1);
      }
      // Low-pass filter of the smoothed cycles: MA(m), MA(m), MA(3), loess(nl).
      const low = movingAverage(movingAverage(movingAverage(cycle.subarray(0, n + 2 * m), m), m), 3);
      for (let i = 0; i < n; i++) seasonal[i] = cycle[m + i]! - loessAt(low, null, nl, i, 1);
      for (let i = 0; i < n; i++) deseason[i] = y[i]! - seasonal[i]!;
      for (let i = 0; i < n; i++) trend[i] = loessAt(deseason, weights, nt, i, 1);
    }
    if (pass < outer) {
      const abs = Float64Array.from({ length: n }, (_, i) => Math.abs(y[i]! - seasonal[i]! - trend[i]!));
      const sorted = Float64Array.from(abs).sort();
      const mid = Math.floor(n / 2);
      const median = n % 2 === 1 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
      const hh = 6 * median;
      for (let i = 0; i < n; i++) {
        const u = hh > 0 ? abs[i]! / hh : 0;
        rw[i] = u < 1 ? (1 - u * u) ** 2 : 0;
      }
    }
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = y[i]! - seasonal[i]! - trend[i]!;
  return { seasonal, trend, remainder };
}
