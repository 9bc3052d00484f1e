/**
 * Distance between datasets: each meta-feature mapped onto roughly [0, 1] by a fixed transform (so a
 * distance never depends on which other datasets memory holds), then a weighted root mean square
 * over the features both sides have.
 */
import type { MetaFeatures } from "./meta-features.js";

type Key = keyof MetaFeatures;

const clip01 = (v: number) => Math.max(0, Math.min(1, v));
const squash = (scale: number) => (v: number) => 0.5 + 0.5 * Math.tanh(v / scale);

/** Transform and weight of each meta-feature. Landmarkers weigh most: they track what learns well. */
const SCALES: Readonly<Record<Key, { f: (v: number) => number; w: number }>> = {
  rows: { f: (v) => clip01(Math.log10(Math.max(1, v)) / 6), w: 1 },
  features: { f: (v) => clip01(Math.log10(1 + v) / 3), w: 1 },
  share_numeric: { f: clip01, w: 0.5 },
  share_categorical: { f: clip01, w: 0.5 },
  share_boolean: { f: clip01, w: 0.25 },
  share_datetime: { f: clip01, w: 0.25 },
  share_text: { f: clip01, w: 0.25 },
  missing_rate: { f: (v) => Math.sqrt(clip01(v)), w: 0.5 },
  classes: { f: (v) => clip01(Math.log2(Math.max(1, v)) / 6), w: 1 },
  class_entropy: { f: clip01, w: 0.5 },
  imbalance: { f: (v) => clip01(Math.log10(Math.max(1, v)) / 2), w: 0.5 },
  target_skew: { f: squash(3), w: 0.5 },
  target_kurtosis: { f: squash(10), w: 0.25 },
  mean_abs_correlation: { f: clip01, w: 0.5 },
  numeric_skew: { f: (v) => clip01(Math.tanh(v / 3)), w: 0.5 },
  categorical_cardinality: { f: (v) => clip01(Math.log10(1 + v) / 3), w: 0.25 },
  landmark_1nn: { f: (v) => clip01((v + 1) / 2), w: 2 },
  landmark_stump: { f: (v) => clip01((v + 1) / 2), w: 2 },
  landmark_simple: { f: (v) => clip01((v + 1) / 2), w: 2 },
};

/** Meta-features as stored (any subset, nulls allowed). */
export type StoredFeatures = Readonly<Record<string, number | null>>;

/**
 * Normalised distance in [0, 1]: 0 for identical meta-features. Features one side lacks (null on
 * one side only) count as a full difference; null on both sides are left out.
 */
export function metaDistance(a: StoredFeatures, b: StoredFeatures): number {
  let sum = 0;
  let weight = 0;
  for (const [key, { f, w }] of Object.entries(SCALES)) {
    const u = a[key];
    const v = b[key];
    const hasU = typeof u === "number" && Number.isFinite(u);
    const hasV = typeof v === "number" && Number.isFinite(v);
    if (!hasU && !hasV) continue;
    const d = hasU && hasV ? f(u) - f(v) : 1;
    sum += w * d * d;
    weight += w;
  }
  return weight === 0 ? 1 : Math.sqrt(sum / weight);
}
