/** A small Nelder–Mead simplex minimiser over unconstrained parameters (typed arrays, no allocation per step). */

/** Options of {@link nelderMead}: initial step per coordinate, iteration cap, relative tolerance. */
export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (a number applies to all); default 0.1. */
  step?: number | Float64Array;
  /** Objective evaluations at most; default 200 × dimension. */
  maxEvals?: number;
  /** Stop when the simplex's value spread falls below tol × (|best| + tiny) … ; default 1e-8. */
  tol?: number;
  /** … and every vertex lies within xTol × (1 + |x|) of the best per coordinate; default 1e-6. */
  xTol?: number;
}

/** The minimiser found and its value. */
export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evals: number;
}

/**
 * Minimises `f` from `x0` with the standard reflection / expansion / contraction / shrink moves
 * (coefficients 1, 2, 0.5, 0.5). Non-finite values count as +Infinity, so an objective can reject
 * a region by returning NaN or Infinity. `f` must not keep the array it is given.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  const maxEvals = options.maxEvals ?? 200 * Math.max(1, n);
  const tol = options.tol ?? 1e-8;
  const xTol = options.xTol ?? 1e-6;
  const safe = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  // Simplex vertices row-major, (n + 1) × n.
  const pts = new Float64Array((n + 1) * n);
  const vals = new Float64Array(n + 1);
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const trial2 = new Float64Array(n);
  const row = (i: number): Float64Array => pts.subarray(i * n, (i + 1) * n);
  for (let i = 0; i <= n; i++) {
    const r = row(i);
    r.set(x0);
    if (i > 0) {
      const s = typeof options.step === "number" ? options.step : (options.step?.[i - 1] ?? 0.1);
      r[i - 1] = r[i - 1]! + (s === 0 ? 0.1 : s);
    }
    vals[i] = safe(r);
  }
  let evals = n + 1;
  const order = new Int32Array(n + 1);
  const collapsed = (best: number): boolean => {
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      for (let j = 0; j < n; j++) {
        const b = pts[best * n + j]!;
        if (Math.abs(pts[i * n + j]! - b) > xTol * (1 + Math.abs(b))) return false;
      }
    }
    return true;
  };
  for (;;) {
    for (let i = 0; i <= n; i++) order[i] = i;
    order.sort((a, b) => vals[a]! - vals[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const second = order[n - 1]!;
    const spread = vals[worst]! - vals[best]!;
    if (evals >= maxEvals) break;
    if (Number.isFinite(spread) && spread <= tol * (Math.abs(vals[best]!) + 1e-12) && collapsed(best)) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + pts[i * n + j]! / n;
    }
    const w = row(worst);
    for (let j = 0; j < n; j++) trial[j] = centroid[j]! + (centroid[j]! - w[j]!);
    const fr = safe(trial);
    evals++;
    if (fr < vals[best]!) {
      for (let j = 0; j < n; j++) trial2[j] = centroid[j]! + 2 * (centroid[j]! - w[j]!);
      const fe = safe(trial2);
      evals++;
      if (fe < fr) {
        w.set(trial2);
        vals[worst] = fe;
      } else {
        w.set(trial);
        vals[worst] = fr;
      }
      continue;
    }
    if (fr < vals[second]!) {
      w.set(trial);
      vals[worst] = fr;
      continue;
    }
    const outside = fr < vals[worst]!;
    for (let j = 0; j < n; j++)
      trial2[j] = outside
        ? centroid[j]! + 0.5 * (trial[j]! - centroid[j]!)
        : centroid[j]! + 0.5 * (w[j]! - centroid[j]!);
    const fc = safe(trial2);
    evals++;
    if (fc < Math.min(fr, vals[worst]!)) {
      w.set(trial2);
      vals[worst] = fc;
      continue;
    }
    const b = row(best);
    for (let k = 1; k <= n; k++) {
      const i = order[k]!;
      const r = row(i);
      for (let j = 0; j < n; j++) r[j] = b[j]! + 0.5 * (r[j]! - b[j]!);
      vals[i] = safe(r);
      evals++;
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: Float64Array.from(row(bi)), value: vals[bi]!, evals };
}

/** Maps a real number into (lo, hi) smoothly (logistic), for box-constrained parameters. */
export function toInterval(u: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-u));
}

/** The inverse of {@link toInterval}; values at or beyond the bounds are pulled inside first. */
export function fromInterval(x: number, lo: number, hi: number): number {
  const p = Math.min(1 - 1e-9, Math.max(1e-9, (x - lo) / (hi - lo)));
  return Math.log(p / (1 - p));
}
