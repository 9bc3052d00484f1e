/** Robust z-scores: |x − median| / (1.4826 · MAD) per feature, aggregated over features. */
import type { Rows } from "../cluster/index.js";
import type { AnomalyDetector, RobustZJSON } from "./anomaly-json.js";
import { checkDetectorWidth } from "./check-width.js";

export interface RobustZOptions {
  /** mean: the average |z| (many mild deviations add up); max: the worst feature; rms: between. */
  readonly aggregate?: RobustZJSON["aggregate"];
}

/** Median of `v` (sorted copy). */
export function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

/**
 * Fits per-feature medians and scales. A feature whose MAD is 0 (more than half its values equal)
 * falls back to 1.2533 · mean absolute deviation (the consistent estimator under normality), so a
 * rare departure from the mode still counts; a constant feature gets scale 1 (it never scores).
 */
export function fitRobustZ(X: Rows, opts: RobustZOptions = {}): AnomalyDetector {
  const { data, n, d } = X;
  const med = new Array<number>(d);
  const scale = new Array<number>(d);
  const col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = data[i * d + j] as number;
    const m = median(col);
    let meanAbs = 0;
    for (let i = 0; i < n; i++) {
      col[i] = Math.abs((col[i] as number) - m);
      meanAbs += col[i] as number;
    }
    meanAbs /= n;
    const mad = median(col);
    med[j] = m;
    scale[j] = mad > 0 ? 1.4826 * mad : meanAbs > 0 ? 1.2533 * meanAbs : 1;
  }
  const aggregate = opts.aggregate ?? "mean";
  return robustZModel({ kind: "robust_z", d, median: med, scale, aggregate, params: { aggregate } });
}

export function robustZModel(json: RobustZJSON): AnomalyDetector {
  const { d, aggregate } = json;
  const med = Float64Array.from(json.median);
  const inv = Float64Array.from(json.scale, (s) => 1 / s);
  return {
    kind: "robust_z",
    d,
    score(X, n) {
      checkDetectorWidth(X, n, d, "robust_z");
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < d; j++) {
          const z = Math.abs((X[i * d + j] as number) - (med[j] as number)) * (inv[j] as number);
          if (aggregate === "max") acc = Math.max(z, acc);
          else acc += aggregate === "mean" ? z : z * z;
        }
        out[i] = aggregate === "max" ? acc : aggregate === "mean" ? acc / d : Math.sqrt(acc / d);
      }
      return out;
    },
    toJSON: () => structuredClone(json),
  };
}
