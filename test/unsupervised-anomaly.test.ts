/** Anomaly detectors on generated outliers: ranking, thresholds, calibration and JSON round trips. */
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { rocAuc } from "../evaluate/index.js";
import { calibrate, fitCalibration } from "../loop/unsupervised/calibration.js";
import {
  type AnomalyDetector,
  averagePathLength,
  detectorFromJSON,
  estimateContamination,
  fitHbos,
  fitIsolationForest,
  fitLof,
  fitRobustZ,
  fitThreshold,
  flag,
} from "../trainers/anomaly/index.js";
import { type Rows, rows } from "../trainers/cluster/index.js";

/** `nIn` standard-normal rows in d dimensions, then `nOut` rows at distance 6..8 in random directions. */
function withOutliers(nIn: number, nOut: number, d: number, seed: number): { X: Rows; y: Int32Array } {
  const rng = createRng(seed);
  const n = nIn + nOut;
  const data = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      data[i * d + j] = rng.normal();
      norm += data[i * d + j]! ** 2;
    }
    if (i >= nIn) {
      y[i] = 1;
      const r = (6 + 2 * rng.next()) / Math.sqrt(norm);
      for (let j = 0; j < d; j++) data[i * d + j]! *= r;
    }
  }
  return { X: rows(data, n, d), y };
}

function roundTrip(det: AnomalyDetector, X: Rows): void {
  const revived = detectorFromJSON(JSON.parse(JSON.stringify(det.toJSON())));
  expect(Array.from(revived.score(X.data, X.n))).toEqual(Array.from(det.score(X.data, X.n)));
}

const { X, y } = withOutliers(600, 20, 3, 11);

describe("detectors rank generated outliers first", () => {
  const cases: [string, () => AnomalyDetector][] = [
    ["isolation forest", () => fitIsolationForest(X, { seed: 1 })],
    ["LOF", () => fitLof(X, { seed: 1, k: 20 })],
    ["LOF on a reference sample", () => fitLof(X, { seed: 1, k: 20, maxRows: 200 })],
    ["robust z (mean)", () => fitRobustZ(X)],
    ["robust z (max)", () => fitRobustZ(X, { aggregate: "max" })],
    ["HBOS", () => fitHbos(X)],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const det = make();
      const s = det.score(X.data, X.n);
      expect(rocAuc(y, s)).toBeGreaterThan(0.95);
      roundTrip(det, X);
    });
  }
});

describe("isolation forest", () => {
  it("normalises by c(ψ) and keeps scores in (0, 1]", () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // c(n) grows like 2 ln n: doubling ψ adds about 2 ln 2.
    expect(averagePathLength(512) - averagePathLength(256)).toBeCloseTo(2 * Math.log(2), 2);
    const s = fitIsolationForest(X, { seed: 2, nTrees: 50 }).score(X.data, X.n);
    for (const v of s) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
  it("is deterministic per seed and differs across seeds", () => {
    const a = fitIsolationForest(X, { seed: 3, nTrees: 20 }).toJSON();
    expect(fitIsolationForest(X, { seed: 3, nTrees: 20 }).toJSON()).toEqual(a);
    expect(fitIsolationForest(X, { seed: 4, nTrees: 20 }).toJSON()).not.toEqual(a);
  });
  it("is unchanged by a per-feature affine rescaling", () => {
    const scaled = Float64Array.from(X.data, (v, p) => (p % 3 === 0 ? 1000 * v + 7 : v));
    const a = fitIsolationForest(X, { seed: 5, nTrees: 30 }).score(X.data, X.n);
    const b = fitIsolationForest(rows(scaled, X.n, 3), { seed: 5, nTrees: 30 }).score(scaled, X.n);
    expect(rocAuc(y, b)).toBeCloseTo(rocAuc(y, a), 2);
  });
});

describe("robust z", () => {
  it("a feature with MAD 0 still scores departures from its mode", () => {
    const n = 200;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      data[i * 2] = i % 7;
      data[i * 2 + 1] = i < 180 ? 0 : 5; // more than half equal: MAD 0
    }
    const s = fitRobustZ(rows(data, n, 2)).score(data, n);
    expect(s[190]).toBeGreaterThan(s[10]! + 1);
  });
});

describe("HBOS", () => {
  it("charges values outside the fitted range more than any inside", () => {
    const det = fitHbos(X);
    // Move only feature 0: to every fitted value, then far outside the range.
    const probe = new Float64Array((X.n + 1) * 3);
    for (let i = 0; i < X.n; i++) probe[i * 3] = X.data[i * 3]!;
    probe[X.n * 3] = 100;
    const s = det.score(probe, X.n + 1);
    const inside = Math.max(...s.subarray(0, X.n));
    expect(s[X.n]).toBeGreaterThan(inside);
  });
});

describe("thresholds", () => {
  it("estimates the share of clearly separated high scores", () => {
    const rng = createRng(9);
    const scores = Float64Array.from({ length: 2000 }, (_, i) => (i < 100 ? 10 + rng.next() : rng.normal()));
    const c = estimateContamination(scores);
    expect(c).toBeGreaterThan(0.04);
    expect(c).toBeLessThan(0.07);
    const t = fitThreshold(scores);
    const flagged = flag(scores, t.threshold).reduce((a, b) => a + b, 0);
    expect(Math.abs(flagged - t.contamination * scores.length)).toBeLessThanOrEqual(2);
  });
  it("isolation forest thresholds flag mostly true outliers", () => {
    const det = fitIsolationForest(X, { seed: 1 });
    const s = det.score(X.data, X.n);
    const p = flag(s, fitThreshold(s).threshold);
    let tp = 0;
    let flagged = 0;
    for (let i = 0; i < p.length; i++) {
      flagged += p[i]!;
      tp += p[i]! * y[i]!;
    }
    expect(flagged).toBeGreaterThan(0);
    expect(tp / flagged).toBeGreaterThan(0.5);
    expect(tp).toBeGreaterThan(10);
  });
});

describe("calibration", () => {
  it("maps scores to monotone ranks that keep growing past the training maximum", () => {
    const rng = createRng(10);
    const train = Float64Array.from({ length: 5000 }, () => rng.normal());
    const q = fitCalibration(train);
    expect(q.length).toBeLessThanOrEqual(1001);
    const probe = Float64Array.from([-10, -1, 0, 1, 10, 20]);
    const r = calibrate(q, probe);
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThan(r[i - 1]!);
    expect(r[2]).toBeCloseTo(0.5, 1);
    expect(r[4]).toBeGreaterThan(1);
  });
});
