/**
 * Histogram-based outlier score (Goldstein & Dengel 2012): per feature an equal-width histogram,
 * heights normalised to a maximum of 1; score = Σ −log(height), i.e. features treated as independent.
 */
import { AlchemistError } from "../../core/errors.js";
import type { Rows } from "../cluster/index.js";
import type { AnomalyDetector, HbosJSON } from "./anomaly-json.js";
import { checkDetectorWidth } from "./check-width.js";

export interface HbosOptions {
  /** Bins per feature (default √n, clamped to 5..100, the paper's rule of thumb). */
  readonly bins?: number;
  /** Pseudo-count added to every bin so an empty bin inside the range is not −log 0. */
  readonly alpha?: number;
}

export function fitHbos(X: Rows, opts: HbosOptions = {}): AnomalyDetector {
  const { data, n, d } = X;
  const bins = opts.bins ?? Math.min(100, Math.max(5, Math.round(Math.sqrt(n))));
  if (!Number.isInteger(bins) || bins < 1) {
    throw new AlchemistError("INVALID_PARAMS", `HBOS: bins must be a positive integer, got ${bins}.`, {
      parameter: "bins",
    });
  }
  const alpha = opts.alpha ?? 0.1;
  const lo: number[] = [];
  const width: number[] = [];
  const logDensity = new Array<number>(d * bins);
  const counts = new Float64Array(bins);
  for (let j = 0; j < d; j++) {
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j] as number;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    const w = mx > mn ? (mx - mn) / bins : 0;
    lo.push(mn);
    width.push(w);
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[binOf(data[i * d + j] as number, mn, w, bins)]!++;
    let top = 0;
    for (let b = 0; b < bins; b++) if ((counts[b] as number) > top) top = counts[b] as number;
    for (let b = 0; b < bins; b++)
      logDensity[j * bins + b] = -Math.log(((counts[b] as number) + alpha) / (top + alpha));
  }
  // Outside the fitted range: as rare as a bin holding nothing at all.
  const outside = -Math.log(alpha / (n + alpha));
  return hbosModel({ kind: "hbos", d, bins, lo, width, logDensity, outside, params: { bins, alpha } });
}

function binOf(v: number, lo: number, w: number, bins: number): number {
  if (w === 0) return 0;
  const b = Math.floor((v - lo) / w);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

export function hbosModel(json: HbosJSON): AnomalyDetector {
  const { d, bins, outside } = json;
  const lo = Float64Array.from(json.lo);
  const width = Float64Array.from(json.width);
  const logDensity = Float64Array.from(json.logDensity);
  return {
    kind: "hbos",
    d,
    score(X, n) {
      checkDetectorWidth(X, n, d, "hbos");
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const v = X[i * d + j] as number;
          const l = lo[j] as number;
          const w = width[j] as number;
          // A small tolerance keeps the fitted maximum inside despite rounding in w · bins.
          if (v < l || (w === 0 ? v !== l : (v - l) / w > bins + 1e-9)) s += outside;
          else s += logDensity[j * bins + binOf(v, l, w, bins)] as number;
        }
        out[i] = s;
      }
      return out;
    },
    toJSON: () => structuredClone(json),
  };
}
