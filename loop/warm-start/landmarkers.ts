/**
 * Landmarkers: the cross-validated score of three tiny learners (1-nearest-neighbour, a decision
 * stump, naive Bayes — a ridge line for regression) on a small sample. How well such learners do
 * says more about which pipelines will work than any count of rows or columns.
 */
import type { DenseSample } from "./feature-matrix.js";

export interface LandmarkScores {
  /** Accuracy (classification) or R² clipped to [−1, 1] (regression), out of fold. */
  nn1: number;
  stump: number;
  /** Gaussian naive Bayes (classification) or ridge regression (regression). */
  simple: number;
}

type Learner = (train: Int32Array, test: Int32Array, out: Float64Array) => void;

/** Out-of-fold predictions of `learn` over `folds` folds (row i is in fold i mod folds). */
function crossPredict(n: number, folds: number, learn: Learner): Float64Array {
  const out = new Float64Array(n);
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (i % folds === f ? test : train).push(i);
    if (train.length === 0 || test.length === 0) continue;
    learn(Int32Array.from(train), Int32Array.from(test), out);
  }
  return out;
}

function nearestNeighbour(s: DenseSample, y: Float64Array): Learner {
  const { x, width } = s;
  return (train, test, out) => {
    for (const t of test) {
      let best = Number.POSITIVE_INFINITY;
      let arg = train[0] as number;
      for (const r of train) {
        let d = 0;
        for (let j = 0; j < width; j++) {
          const diff = (x[t * width + j] as number) - (x[r * width + j] as number);
          d += diff * diff;
        }
        if (d < best) {
          best = d;
          arg = r;
        }
      }
      out[t] = y[arg] as number;
    }
  };
}

function argmax(counts: Float64Array): number {
  let k = 0;
  for (let c = 1; c < counts.length; c++) if ((counts[c] as number) > (counts[k] as number)) k = c;
  return k;
}

/** The best single split on one feature: classes by majority per side, values by mean per side. */
function stump(s: DenseSample, y: Float64Array, nClasses: number): Learner {
  const { x, width } = s;
  const classify = nClasses > 0;
  return (train, test, out) => {
    const n = train.length;
    let bestGain = Number.NEGATIVE_INFINITY;
    let bestJ = -1;
    let bestThr = 0;
    let leftPred = 0;
    let rightPred = 0;
    const order = Int32Array.from(train);
    const left = new Float64Array(Math.max(1, nClasses));
    const right = new Float64Array(Math.max(1, nClasses));
    for (let j = 0; j < width; j++) {
      order.sort((a, b) => (x[a * width + j] as number) - (x[b * width + j] as number));
      left.fill(0);
      right.fill(0);
      let sumL = 0;
      let sumR = 0;
      let sqR = 0;
      let sqL = 0;
      for (const r of order) {
        const v = y[r] as number;
        if (classify) right[v] = (right[v] as number) + 1;
        else {
          sumR += v;
          sqR += v * v;
        }
      }
      for (let i = 0; i < n - 1; i++) {
        const r = order[i] as number;
        const v = y[r] as number;
        if (classify) {
          left[v] = (left[v] as number) + 1;
          right[v] = (right[v] as number) - 1;
        } else {
          sumL += v;
          sqL += v * v;
          sumR -= v;
          sqR -= v * v;
        }
        const a = x[r * width + j] as number;
        const b = x[(order[i + 1] as number) * width + j] as number;
        if (a === b) continue;
        const nl = i + 1;
        const nr = n - nl;
        // Classification: rows right by majority; regression: minus the split's squared error.
        const gain = classify
          ? (left[argmax(left)] as number) + (right[argmax(right)] as number)
          : -(sqL - (sumL * sumL) / nl + sqR - (sumR * sumR) / nr);
        if (gain > bestGain) {
          bestGain = gain;
          bestJ = j;
          bestThr = (a + b) / 2;
          leftPred = classify ? argmax(left) : sumL / nl;
          rightPred = classify ? argmax(right) : sumR / nr;
        }
      }
    }
    if (bestJ < 0) {
      // No feature splits the rows: predict the majority class or the mean.
      const counts = new Float64Array(Math.max(1, nClasses));
      let sum = 0;
      for (const r of train) {
        if (classify) counts[y[r] as number] = (counts[y[r] as number] as number) + 1;
        else sum += y[r] as number;
      }
      const c = classify ? argmax(counts) : sum / n;
      for (const t of test) out[t] = c;
      return;
    }
    for (const t of test) out[t] = (x[t * width + bestJ] as number) <= bestThr ? leftPred : rightPred;
  };
}

function gaussianNb(s: DenseSample, y: Float64Array, K: number): Learner {
  const { x, width } = s;
  return (train, test, out) => {
    const count = new Float64Array(K);
    const mean = new Float64Array(K * width);
    const sq = new Float64Array(K * width);
    for (const r of train) {
      const k = y[r] as number;
      count[k] = (count[k] as number) + 1;
      for (let j = 0; j < width; j++) {
        const v = x[r * width + j] as number;
        mean[k * width + j] = (mean[k * width + j] as number) + v;
        sq[k * width + j] = (sq[k * width + j] as number) + v * v;
      }
    }
    const logPrior = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const c = count[k] as number;
      logPrior[k] = c > 0 ? Math.log(c / train.length) : Number.NEGATIVE_INFINITY;
      for (let j = 0; j < width; j++) {
        const m = c > 0 ? (mean[k * width + j] as number) / c : 0;
        mean[k * width + j] = m;
        // Standardised features: a floor of 1e-2 keeps a constant-in-class feature from dominating.
        sq[k * width + j] = Math.max(c > 0 ? (sq[k * width + j] as number) / c - m * m : 1, 1e-2);
      }
    }
    for (const t of test) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        let lp = logPrior[k] as number;
        if (lp === Number.NEGATIVE_INFINITY) continue;
        for (let j = 0; j < width; j++) {
          const v = sq[k * width + j] as number;
          const d = (x[t * width + j] as number) - (mean[k * width + j] as number);
          lp -= 0.5 * (Math.log(v) + (d * d) / v);
        }
        if (lp > best) {
          best = lp;
          arg = k;
        }
      }
      out[t] = arg;
    }
  };
}

/** Ridge (λ = 1) on the standardised features with an intercept, by Cholesky of the normal equations. */
function ridge(s: DenseSample, y: Float64Array): Learner {
  const { x, width: d } = s;
  return (train, test, out) => {
    let yMean = 0;
    for (const r of train) yMean += y[r] as number;
    yMean /= train.length;
    const a = new Float64Array(d * d);
    const b = new Float64Array(d);
    for (const r of train) {
      const yr = (y[r] as number) - yMean;
      for (let i = 0; i < d; i++) {
        const xi = x[r * d + i] as number;
        b[i] = (b[i] as number) + xi * yr;
        for (let j = 0; j <= i; j++) a[i * d + j] = (a[i * d + j] as number) + xi * (x[r * d + j] as number);
      }
    }
    for (let i = 0; i < d; i++) a[i * d + i] = (a[i * d + i] as number) + 1;
    // Cholesky in place (lower triangle), then forward and back substitution.
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = a[i * d + j] as number;
        for (let k = 0; k < j; k++) sum -= (a[i * d + k] as number) * (a[j * d + k] as number);
        a[i * d + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / (a[j * d + j] as number);
      }
    }
    const w = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let sum = b[i] as number;
      for (let k = 0; k < i; k++) sum -= (a[i * d + k] as number) * (w[k] as number);
      w[i] = sum / (a[i * d + i] as number);
    }
    for (let i = d - 1; i >= 0; i--) {
      let sum = w[i] as number;
      for (let k = i + 1; k < d; k++) sum -= (a[k * d + i] as number) * (w[k] as number);
      w[i] = sum / (a[i * d + i] as number);
    }
    for (const t of test) {
      let p = yMean;
      for (let j = 0; j < d; j++) p += (w[j] as number) * (x[t * d + j] as number);
      out[t] = p;
    }
  };
}

function accuracy(pred: Float64Array, y: Float64Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return y.length > 0 ? ok / y.length : 0;
}

function r2(pred: Float64Array, y: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= Math.max(1, y.length);
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += ((y[i] as number) - (pred[i] as number)) ** 2;
    sst += ((y[i] as number) - mean) ** 2;
  }
  return sst > 0 ? Math.max(-1, Math.min(1, 1 - sse / sst)) : 0;
}

/**
 * The three landmark scores on `sample` (rows in random order; fold = row index mod `folds`).
 * `y` holds class indices 0..nClasses−1 when nClasses > 0, else values.
 */
export function landmarks(sample: DenseSample, y: Float64Array, nClasses: number, folds = 5): LandmarkScores {
  const n = sample.rows;
  const k = Math.max(2, Math.min(folds, n));
  const score = nClasses > 0 ? accuracy : r2;
  const run = (learner: Learner) => score(crossPredict(n, k, learner), y);
  return {
    nn1: run(nearestNeighbour(sample, y)),
    stump: run(stump(sample, y, nClasses)),
    simple: run(nClasses > 0 ? gaussianNb(sample, y, nClasses) : ridge(sample, y)),
  };
}
