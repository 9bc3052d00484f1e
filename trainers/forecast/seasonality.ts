/** Seasonal structure of a series: autocorrelation, season-length detection, classical decomposition. */

/** Sample autocorrelation at lags 0..maxLag (biased estimator, as R's acf); a constant series gives 0s past lag 0. */
export function acf(y: Float64Array, maxLag: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(maxLag + 1);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (y[i]! - mean) ** 2;
  out[0] = 1;
  if (c0 <= 0) return out;
  for (let k = 1; k <= maxLag && k < n; k++) {
    let c = 0;
    for (let i = k; i < n; i++) c += (y[i]! - mean) * (y[i - k]! - mean);
    out[k] = c / c0;
  }
  return out;
}

/** The detected season length, the autocorrelation that supports it, and how it was found. */
export interface SeasonDetection {
  seasonLength: number;
  /** ACF of the differenced series at that lag (0 when none was found). */
  acf: number;
  reason: string;
}

/**
 * Detects the season length from the autocorrelation of the first differences (differencing
 * removes a trend, which would otherwise make every lag look correlated). A lag qualifies when it
 * is a local peak above max(0.25, 2.5/√n); of the qualifying lags the smallest whose ACF is within
 * 90% of the highest wins, so a harmonic (24 for a monthly 12) does not beat its base period. Lags
 * searched: 2 … n/3 (at least three cycles must fit), capped at `maxLag`. No peak → 1 (not seasonal).
 * `preferred` (e.g. 12 for monthly timestamps) wins when it qualifies at all.
 */
export function detectSeasonLength(y: Float64Array, preferred?: number, maxLag = 400): SeasonDetection {
  const n = y.length;
  const top = Math.min(maxLag, Math.floor((n - 1) / 3));
  if (top < 2) return { seasonLength: 1, acf: 0, reason: `too short (${n} points) to detect a season` };
  const d = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) d[i - 1] = y[i]! - y[i - 1]!;
  const r = acf(d, top + 1);
  const threshold = Math.max(0.25, 2.5 / Math.sqrt(n));
  const peaks: number[] = [];
  for (let k = 2; k <= top; k++) {
    const v = r[k]!;
    if (v > threshold && v >= r[k - 1]! && v >= (r[k + 1] ?? Number.NEGATIVE_INFINITY)) peaks.push(k);
  }
  if (peaks.length === 0)
    return { seasonLength: 1, acf: 0, reason: `no autocorrelation peak above ${threshold.toFixed(2)}` };
  if (preferred !== undefined && peaks.includes(preferred)) {
    return {
      seasonLength: preferred,
      acf: r[preferred]!,
      reason: `ACF peak at the calendar period ${preferred} (${r[preferred]!.toFixed(2)})`,
    };
  }
  let best = 0;
  for (const k of peaks) best = Math.max(best, r[k]!);
  const chosen = peaks.find((k) => r[k]! >= 0.9 * best) ?? peaks[0]!;
  return {
    seasonLength: chosen,
    acf: r[chosen]!,
    reason: `ACF peak at lag ${chosen} (${r[chosen]!.toFixed(2)}) of the differenced series`,
  };
}

/**
 * Centred moving average of order m (2×m when m is even), NaN where the window does not fit:
 * the trend of a classical decomposition.
 */
export function centredMovingAverage(y: Float64Array, m: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) s += y[t + k]!;
      out[t] = s / m;
    } else {
      for (let k = -half + 1; k <= half - 1; k++) s += y[t + k]!;
      s += 0.5 * (y[t - half]! + y[t + half]!);
      out[t] = s / m;
    }
  }
  return out;
}

/**
 * Classical decomposition's seasonal indices, one per position `i mod m` (position 0 is the first
 * value of `y`): the mean of y − trend (additive, centred to sum 0) or y / trend (multiplicative,
 * scaled to mean 1). Needs at least 2m values; shorter series get neutral indices.
 */
export function seasonalIndices(y: Float64Array, m: number, multiplicative: boolean): Float64Array {
  const idx = new Float64Array(m).fill(multiplicative ? 1 : 0);
  if (m < 2 || y.length < 2 * m) return idx;
  const trend = centredMovingAverage(y, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < y.length; t++) {
    const tr = trend[t]!;
    if (Number.isNaN(tr) || (multiplicative && tr === 0)) continue;
    sums[t % m] = sums[t % m]! + (multiplicative ? y[t]! / tr : y[t]! - tr);
    counts[t % m] = counts[t % m]! + 1;
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    idx[i] = counts[i]! > 0 ? sums[i]! / counts[i]! : multiplicative ? 1 : 0;
    total += idx[i]!;
  }
  const mean = total / m;
  for (let i = 0; i < m; i++) idx[i] = multiplicative ? idx[i]! / mean : idx[i]! - mean;
  return idx;
}

/**
 * Strength of seasonality in [0, 1] (Wang, Smith & Hyndman 2006) from an additive classical
 * decomposition: max(0, 1 − var(remainder) / var(season + remainder)).
 */
export function seasonalStrength(y: Float64Array, m: number): number {
  if (m < 2 || y.length < 2 * m) return 0;
  const trend = centredMovingAverage(y, m);
  const s = seasonalIndices(y, m, false);
  let n = 0;
  let sr = 0;
  let srr = 0;
  let r1 = 0;
  let rr = 0;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(trend[t]!)) continue;
    const detr = y[t]! - trend[t]!;
    const rem = detr - s[t % m]!;
    n++;
    sr += detr;
    srr += detr * detr;
    r1 += rem;
    rr += rem * rem;
  }
  if (n < 2) return 0;
  const varDetr = srr / n - (sr / n) ** 2;
  const varRem = rr / n - (r1 / n) ** 2;
  return varDetr > 0 ? Math.max(0, 1 - varRem / varDetr) : 0;
}
