/** Truncated normal distributions for TPE kernels: stable log-masses, log-densities and sampling. */
import type { Rng } from "../../core/rng.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Intervals narrower than this (in standard deviations) use density × width: CDF differences lose digits. */
const NARROW = 1e-3;

/**
 * log erfc(x) for x ≥ 0, from the Chebyshev fit of Numerical Recipes (`erfcc`, relative error
 * < 1.2e-7 everywhere). Kept in log form so far tails do not underflow.
 */
function logErfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** log P(Z > z) for a standard normal Z. */
export function logUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  if (x >= 0) return logErfcNonNegative(x) - Math.LN2;
  // erfc(x) = 2 − erfc(−x) for x < 0; the result is in (0.5, 1], no cancellation.
  return Math.log(1 - 0.5 * Math.exp(logErfcNonNegative(-x)));
}

/** log Φ(z), the standard normal log-CDF. */
export function logCdf(z: number): number {
  return logUpperTail(-z);
}

/** log φ(z), the standard normal log-density. */
export function logDensity(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** log(1 − e^d) for d ≤ 0. */
function log1mExp(d: number): number {
  return d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
}

/**
 * log(Φ(b) − Φ(a)) for standardised bounds a < b, accurate in both tails (the difference is taken
 * on the side where the two probabilities are small, so it does not cancel).
 */
export function logMass(a: number, b: number): number {
  if (!(b > a)) return Number.NEGATIVE_INFINITY;
  if (b - a < NARROW && Number.isFinite(a) && Number.isFinite(b)) {
    return logDensity(0.5 * (a + b)) + Math.log(b - a);
  }
  if (a >= 0) {
    const la = logUpperTail(a);
    return la + log1mExp(logUpperTail(b) - la);
  }
  if (b <= 0) {
    const lb = logCdf(b);
    return lb + log1mExp(logCdf(a) - lb);
  }
  return Math.log1p(-(Math.exp(logUpperTail(b)) + Math.exp(logCdf(a))));
}

/**
 * A draw from N(mu, sigma²) truncated to [lo, hi], by rejection. TPE kernels keep mu inside the
 * interval and sigma at most its width, so at least ~19% of draws land inside; the uniform
 * fallback only guards against a caller breaking that.
 */
export function sampleTruncatedNormal(rng: Rng, mu: number, sigma: number, lo: number, hi: number): number {
  for (let attempt = 0; attempt < 200; attempt++) {
    const x = mu + sigma * rng.normal();
    if (x >= lo && x <= hi) return x;
  }
  return lo + (hi - lo) * rng.next();
}
