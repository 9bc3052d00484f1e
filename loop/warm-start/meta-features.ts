/**
 * Dataset meta-features: cheap, robust numbers that describe a table and its target (size, type
 * mix, missingness, target shape, correlation, skew, cardinality) plus landmarkers. Same data and
 * seed ⇒ same numbers, so they are cached in memory by file fingerprint and target.
 */
import { z } from "zod";
import { createRng } from "../../core/rng.js";
import { BOOL_MISSING, type Frame, missingCount } from "../../data/frame.js";
import { isClassification, type Task } from "../../data/task.js";
import { denseSample } from "./feature-matrix.js";
import { landmarks } from "./landmarkers.js";

/** Bump when a definition changes: meta-features of another version are never compared. */
export const META_FEATURES_VERSION = 1;
/** Rows the statistics read at most (a seeded random sample beyond). */
const STATS_ROWS = 2000;
/** Rows the landmarkers learn from at most. */
const LANDMARK_ROWS = 400;
/** Numeric columns the correlation reads at most. */
const CORR_COLUMNS = 30;

const num = z.number();
const opt = z.number().nullable();
export const MetaFeaturesSchema = z.object({
  rows: num.describe("Training rows"),
  features: num.describe("Feature columns (target excluded)"),
  share_numeric: num.describe("Share of numeric features"),
  share_categorical: num.describe("Share of categorical features"),
  share_boolean: num.describe("Share of boolean features"),
  share_datetime: num.describe("Share of datetime features"),
  share_text: num.describe("Share of free-text features"),
  missing_rate: num.describe("Missing feature cells / feature cells"),
  classes: opt.describe("Classes (classification)"),
  class_entropy: opt.describe("Normalised entropy of the class shares: 1 = balanced"),
  imbalance: opt.describe("Majority class rows / minority class rows"),
  target_skew: opt.describe("Skewness of a numeric target"),
  target_kurtosis: opt.describe("Excess kurtosis of a numeric target"),
  mean_abs_correlation: opt.describe("Mean |Pearson r| over pairs of numeric features (a sample)"),
  numeric_skew: opt.describe("Mean |skewness| of the numeric features"),
  categorical_cardinality: opt.describe("Mean number of levels of the categorical features"),
  landmark_1nn: num.describe("CV score of 1-nearest-neighbour on a small sample (accuracy, or R²)"),
  landmark_stump: num.describe("CV score of a decision stump on the sample"),
  landmark_simple: num.describe(
    "CV score of naive Bayes (classification) or ridge (regression) on the sample",
  ),
});
export type MetaFeatures = z.infer<typeof MetaFeaturesSchema>;

export interface MetaFeatureInput {
  frame: Frame;
  target: string;
  task: Task;
  /** Class index (classification) or value per row. */
  y: Float64Array;
  nClasses: number;
  seed: number;
}

/** Skewness and excess kurtosis (population moments); null with fewer than 3 finite values or no spread. */
function moments(values: ArrayLike<number>): { skew: number; kurt: number } | null {
  let n = 0;
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    n++;
    mean += (v - mean) / n;
  }
  if (n < 3) return null;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  if (m2 <= 0) return null;
  return { skew: m3 / n / m2 ** 1.5, kurt: m4 / n / (m2 * m2) - 3 };
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, v) => s + v, 0) / xs.length;
}

/** Mean |r| over pairs of columns (missing values skipped pairwise). */
function meanAbsCorrelation(cols: readonly Float64Array[]): number | null {
  const rs: number[] = [];
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      const x = cols[a] as Float64Array;
      const y = cols[b] as Float64Array;
      let n = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let i = 0; i < x.length; i++) {
        const u = x[i] as number;
        const v = y[i] as number;
        if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
        n++;
        sx += u;
        sy += v;
        sxx += u * u;
        syy += v * v;
        sxy += u * v;
      }
      const vx = sxx - (sx * sx) / n;
      const vy = syy - (sy * sy) / n;
      if (n < 3 || vx <= 0 || vy <= 0) continue;
      rs.push(Math.min(1, Math.abs((sxy - (sx * sy) / n) / Math.sqrt(vx * vy))));
    }
  }
  return mean(rs);
}

/** The meta-features of a training frame and its target (deterministic for a seed). */
export function computeMetaFeatures(input: MetaFeatureInput): MetaFeatures {
  const { frame, target, task, y, nClasses } = input;
  const features = frame.columns.filter((c) => c.name !== target);
  const n = frame.nRows;
  const rng = createRng(input.seed + 7919);
  const order = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  const stats = order.slice(0, STATS_ROWS);
  const share = (kind: string) =>
    features.length === 0 ? 0 : features.filter((c) => c.kind === kind).length / features.length;
  const missing = features.reduce((s, c) => s + missingCount(c), 0);

  const numericCols: Float64Array[] = [];
  const skews: number[] = [];
  for (const c of features) {
    if (c.kind !== "numeric" && c.kind !== "boolean") continue;
    const v = new Float64Array(stats.length);
    stats.forEach((r, i) => {
      const raw = c.values[r] as number;
      v[i] = c.kind === "boolean" ? (raw === BOOL_MISSING ? Number.NaN : raw) : raw;
    });
    if (numericCols.length < CORR_COLUMNS) numericCols.push(v);
    if (c.kind === "numeric") {
      const m = moments(v);
      if (m !== null) skews.push(Math.abs(m.skew));
    }
  }
  const levels = features.flatMap((c) => (c.kind === "categorical" ? [c.levels.length] : []));

  let classes: number | null = null;
  let entropy: number | null = null;
  let imbalance: number | null = null;
  let targetMoments: { skew: number; kurt: number } | null = null;
  if (isClassification(task) && nClasses > 0) {
    const counts = new Float64Array(nClasses);
    for (const v of y) counts[v] = (counts[v] as number) + 1;
    const present = [...counts].filter((c) => c > 0);
    classes = present.length;
    const h = present.reduce((s, c) => s - (c / y.length) * Math.log(c / y.length), 0);
    entropy = present.length > 1 ? h / Math.log(present.length) : 0;
    imbalance = Math.max(...present) / Math.min(...present);
  } else targetMoments = moments(y);

  const sample = order.slice(0, LANDMARK_ROWS);
  const dense = denseSample(frame, target, sample);
  const ys = Float64Array.from(sample, (r) => y[r] as number);
  const lm = landmarks(dense, ys, isClassification(task) ? nClasses : 0);
  return {
    rows: n,
    features: features.length,
    share_numeric: share("numeric"),
    share_categorical: share("categorical"),
    share_boolean: share("boolean"),
    share_datetime: share("datetime"),
    share_text: share("text"),
    missing_rate: n * features.length > 0 ? missing / (n * features.length) : 0,
    classes,
    class_entropy: entropy,
    imbalance,
    target_skew: targetMoments?.skew ?? null,
    target_kurtosis: targetMoments?.kurt ?? null,
    mean_abs_correlation: meanAbsCorrelation(numericCols),
    numeric_skew: mean(skews),
    categorical_cardinality: mean(levels),
    landmark_1nn: lm.nn1,
    landmark_stump: lm.stump,
    landmark_simple: lm.simple,
  };
}
