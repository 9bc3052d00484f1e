/**
 * From scores to 0/1: a contamination estimate from the training scores, then the threshold that
 * flags that share of them.
 */
import { median } from "./robust-z.js";

/** Bounds of the estimate: flag at least 1 in 1,000 rows and never more than a quarter of them. */
export const CONTAMINATION_MIN = 0.001;
export const CONTAMINATION_MAX = 0.25;

export interface AnomalyThreshold {
  /** Rows scoring strictly above this are flagged 1. */
  readonly threshold: number;
  /** Estimated share of anomalies among the training rows. */
  readonly contamination: number;
}

/**
 * Share of scores above the robust fence median + 3 · 1.4826 · MAD, i.e. a robust z-score of the
 * score above 3: no labels and no assumed rate (scikit-learn's contamination = "auto" instead fixes
 * an offset for the isolation forest only). Clamped to [CONTAMINATION_MIN, CONTAMINATION_MAX]. A
 * score with MAD 0 (more than half the rows tie) uses the mean absolute deviation.
 */
export function estimateContamination(scores: Float64Array): number {
  const n = scores.length;
  if (n === 0) return CONTAMINATION_MIN;
  const m = median(scores);
  const dev = Float64Array.from(scores, (s) => Math.abs(s - m));
  let spread = 1.4826 * median(dev);
  if (!(spread > 0)) spread = 1.2533 * (dev.reduce((a, b) => a + b, 0) / n);
  if (!(spread > 0)) return CONTAMINATION_MIN;
  const fence = m + 3 * spread;
  let above = 0;
  for (let i = 0; i < n; i++) if ((scores[i] as number) > fence) above++;
  return Math.min(CONTAMINATION_MAX, Math.max(CONTAMINATION_MIN, above / n));
}

/** The score above which a share `contamination` of `scores` lies (their (1 − c) quantile). */
export function thresholdAt(scores: Float64Array, contamination: number): number {
  const s = Float64Array.from(scores).sort();
  const n = s.length;
  if (n === 0) return Number.POSITIVE_INFINITY;
  const keep = Math.min(n - 1, Math.max(0, Math.floor((1 - contamination) * n) - 1));
  return s[keep] as number;
}

/** Estimate and threshold in one step, for a single detector's raw training scores. */
export function fitThreshold(scores: Float64Array): AnomalyThreshold {
  const contamination = estimateContamination(scores);
  return { contamination, threshold: thresholdAt(scores, contamination) };
}

/** 1 where the score is above the threshold. */
export function flag(scores: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = (scores[i] as number) > threshold ? 1 : 0;
  return out;
}
