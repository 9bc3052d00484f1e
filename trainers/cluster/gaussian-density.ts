/** Per-component Gaussian log densities (diagonal or full covariance) for the mixture model. */
import { AlchemistError } from "../../core/errors.js";

const LOG_2PI = Math.log(2 * Math.PI);

/** Precomputed factors of k Gaussians: diag keeps 1/variances, full keeps lower Cholesky factors. */
export interface GaussianFactors {
  readonly covariance: "diag" | "full";
  readonly k: number;
  readonly d: number;
  readonly means: Float64Array;
  /** diag: k × d inverse variances; full: k × d × d lower-triangular Cholesky factors. */
  readonly factors: Float64Array;
  /** −½ (d log 2π + log det Σ_c) per component. */
  readonly logNorm: Float64Array;
}

/**
 * Factors for `covariances` (diag: k × d variances, full: k × d × d). A full matrix that is not
 * positive definite gets growing jitter on its diagonal before giving up.
 */
export function gaussianFactors(
  covariance: "diag" | "full",
  means: Float64Array,
  covariances: Float64Array,
  k: number,
  d: number,
): GaussianFactors {
  const logNorm = new Float64Array(k);
  if (covariance === "diag") {
    const factors = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      let logDet = 0;
      for (let j = 0; j < d; j++) {
        const v = covariances[c * d + j] as number;
        factors[c * d + j] = 1 / v;
        logDet += Math.log(v);
      }
      logNorm[c] = -0.5 * (d * LOG_2PI + logDet);
    }
    return { covariance, k, d, means, factors, logNorm };
  }
  const factors = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const off = c * d * d;
    let jitter = 0;
    for (let attempt = 0; ; attempt++) {
      if (cholesky(covariances, off, d, jitter, factors)) break;
      if (attempt >= 8) {
        throw new AlchemistError("FIT_FAILED", `Covariance of component ${c} is not positive definite.`, {
          component: c,
        });
      }
      jitter = jitter === 0 ? 1e-6 : jitter * 10;
    }
    let logDet = 0;
    for (let j = 0; j < d; j++) logDet += 2 * Math.log(factors[off + j * d + j] as number);
    logNorm[c] = -0.5 * (d * LOG_2PI + logDet);
  }
  return { covariance, k, d, means, factors, logNorm };
}

/** Lower Cholesky factor of (A + jitter·I) at offset `off` into `L` (same offset); false if not PD. */
function cholesky(A: Float64Array, off: number, d: number, jitter: number, L: Float64Array): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (A[off + i * d + j] as number) + (i === j ? jitter : 0);
      for (let m = 0; m < j; m++) s -= (L[off + i * d + m] as number) * (L[off + j * d + m] as number);
      if (i === j) {
        if (!(s > 0)) return false;
        L[off + i * d + i] = Math.sqrt(s);
      } else L[off + i * d + j] = s / (L[off + j * d + j] as number);
    }
    for (let j = i + 1; j < d; j++) L[off + i * d + j] = 0;
  }
  return true;
}

/**
 * log N(x_i | μ_c, Σ_c) for every row and component into `out` (n × k). `work` holds d numbers
 * (the whitened residual of the full case), so the loop allocates nothing.
 */
export function logDensities(
  g: GaussianFactors,
  X: Float64Array,
  n: number,
  out: Float64Array,
  work: Float64Array,
): void {
  const { k, d, means, factors, logNorm } = g;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    for (let c = 0; c < k; c++) {
      let q = 0;
      if (g.covariance === "diag") {
        for (let j = 0; j < d; j++) {
          const t = (X[xo + j] as number) - (means[c * d + j] as number);
          q += t * t * (factors[c * d + j] as number);
        }
      } else {
        // Forward substitution L z = x − μ; the Mahalanobis term is |z|².
        const off = c * d * d;
        for (let r = 0; r < d; r++) {
          let s = (X[xo + r] as number) - (means[c * d + r] as number);
          for (let m = 0; m < r; m++) s -= (factors[off + r * d + m] as number) * (work[m] as number);
          const z = s / (factors[off + r * d + r] as number);
          work[r] = z;
          q += z * z;
        }
      }
      out[i * k + c] = (logNorm[c] as number) - 0.5 * q;
    }
  }
}
