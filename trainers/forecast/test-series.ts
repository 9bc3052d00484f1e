/** Generated series with known structure for the forecasting tests. */
import { createRng } from "../../core/rng.js";

/** level·(1 + slope·t) × season (multiplicative) × (1 + noise·ε), strictly positive. */
export function multiplicativeSeries(n: number, m: number, seed: number, noise = 0.02): Float64Array {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const season = 1 + 0.35 * Math.sin((2 * Math.PI * t) / m) + 0.15 * Math.cos((4 * Math.PI * t) / m);
    y[t] = 100 * (1 + 0.02 * t) * season * (1 + noise * rng.normal());
  }
  return y;
}

/** a + b·t + amplitude·sin(2πt/m) + noise·ε. */
export function additiveSeries(n: number, m: number, seed: number, noise = 0.5, slope = 0.3): Float64Array {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++)
    y[t] = 20 + slope * t + 5 * Math.sin((2 * Math.PI * t) / m) + noise * rng.normal();
  return y;
}

/** AR(1) around `mean`: y_t − μ = φ (y_{t−1} − μ) + ε_t. */
export function ar1Series(n: number, phi: number, seed: number, mean = 0): Float64Array {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  let prev = 0;
  for (let t = 0; t < n; t++) {
    prev = phi * prev + rng.normal();
    y[t] = mean + prev;
  }
  return y;
}

/** Mean absolute error of a forecast block. */
export function meanAbsError(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
