/** Clustering trainers on generated blobs: recovery, determinism, sampling caps and JSON round trips. */
import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { adjustedRandIndex } from "../evaluate/index.js";
import {
  type ClusterModel,
  clusterModelFromJSON,
  cutWard,
  fitDbscan,
  fitGaussianMixture,
  fitKMeans,
  fitMiniBatchKMeans,
  fitWardTree,
  kneeEps,
  type Rows,
  rows,
} from "../trainers/cluster/index.js";

/** `perBlob` rows around each centre with standard deviation `sd`; labels are the blob index. */
function blobs(centres: number[][], perBlob: number, sd: number, seed: number): { X: Rows; y: Int32Array } {
  const rng = createRng(seed);
  const d = (centres[0] as number[]).length;
  const n = centres.length * perBlob;
  const data = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    y[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = (centres[c] as number[])[j]! + sd * rng.normal();
  }
  return { X: rows(data, n, d), y };
}

const THREE = [
  [0, 0],
  [6, 0],
  [3, 5],
];

function roundTrip(m: ClusterModel, X: Rows): void {
  const revived = clusterModelFromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  expect(Array.from(revived.assign(X.data, X.n))).toEqual(Array.from(m.assign(X.data, X.n)));
  expect(revived.k).toBe(m.k);
}

describe("k-means", () => {
  const { X, y } = blobs(THREE, 100, 0.8, 1);
  it("recovers three separated blobs and is deterministic per seed", () => {
    const a = fitKMeans(X, { k: 3, seed: 7 });
    expect(adjustedRandIndex(y, a.labels)).toBeGreaterThan(0.95);
    const b = fitKMeans(X, { k: 3, seed: 7 });
    expect(b.model.toJSON()).toEqual(a.model.toJSON());
    expect(Array.from(a.model.assign(X.data, X.n))).toEqual(Array.from(a.labels));
    roundTrip(a.model, X);
  });
  it("inertia falls as k grows", () => {
    const k2 = fitKMeans(X, { k: 2, seed: 0 }).inertia;
    const k3 = fitKMeans(X, { k: 3, seed: 0 }).inertia;
    const k6 = fitKMeans(X, { k: 6, seed: 0 }).inertia;
    expect(k3).toBeLessThan(k2);
    expect(k6).toBeLessThan(k3);
  });
  it("refuses k outside 1..n", () => {
    expect(() => fitKMeans(X, { k: 0, seed: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_PARAMS" }),
    );
    expect(() => fitKMeans(X, { k: X.n + 1, seed: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_PARAMS" }),
    );
  });
  it("assign refuses rows of another width", () => {
    const m = fitKMeans(X, { k: 3, seed: 0 }).model;
    expect(() => m.assign(new Float64Array(9), 3)).toThrow(
      expect.objectContaining({ code: "FEATURE_MISMATCH" }),
    );
  });
});

describe("mini-batch k-means", () => {
  it("recovers blobs from batches smaller than the data", () => {
    const { X, y } = blobs(THREE, 400, 0.8, 2);
    const f = fitMiniBatchKMeans(X, { k: 3, batchSize: 64, seed: 3 });
    expect(adjustedRandIndex(y, f.labels)).toBeGreaterThan(0.9);
    roundTrip(f.model, X);
  });
});

describe("Gaussian mixture", () => {
  it("recovers blobs with both covariance types; BIC is lowest at the true k", () => {
    const { X, y } = blobs(THREE, 100, 0.8, 4);
    for (const covariance of ["diag", "full"] as const) {
      const fits = [1, 2, 3, 4, 5].map((k) => fitGaussianMixture(X, { k, covariance, seed: 0, nInit: 2 }));
      const best = fits.reduce((a, b) => (b.bic < a.bic ? b : a));
      expect(best.model.k).toBe(3);
      expect(adjustedRandIndex(y, best.labels)).toBeGreaterThan(0.95);
      roundTrip(best.model, X);
    }
  });
  it("full covariance fits correlated clusters better than diagonal", () => {
    const rng = createRng(5);
    const n = 400;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const t = rng.normal() * 3;
      const off = i % 2 === 0 ? 0 : 8;
      data[i * 2] = t + off;
      data[i * 2 + 1] = t + 0.3 * rng.normal();
    }
    const X = rows(data, n, 2);
    const full = fitGaussianMixture(X, { k: 2, covariance: "full", seed: 0 });
    const diag = fitGaussianMixture(X, { k: 2, covariance: "diag", seed: 0 });
    expect(full.logLikelihood).toBeGreaterThan(diag.logLikelihood);
  });
});

describe("DBSCAN", () => {
  it("finds the blobs and calls far points noise", () => {
    const { X } = blobs(
      [
        [0, 0],
        [10, 10],
      ],
      150,
      0.5,
      6,
    );
    const far = [
      [30, -30],
      [-25, 40],
      [50, 5],
    ];
    const data = new Float64Array((X.n + far.length) * 2);
    data.set(X.data);
    far.forEach((p, i) => {
      data.set(p, (X.n + i) * 2);
    });
    const all = rows(data, X.n + far.length, 2);
    const f = fitDbscan(all, { seed: 0 });
    expect(f.model.k).toBe(2);
    for (let i = 0; i < far.length; i++) expect(f.labels[X.n + i]).toBe(-1);
    expect(f.eps).toBeGreaterThan(0);
    expect(f.eps).toBeLessThan(kneeEps(all, 40));
    roundTrip(f.model, all);
  });
  it("on a sample, the other rows join their nearest core point", () => {
    const { X, y } = blobs(THREE, 200, 0.6, 7);
    const f = fitDbscan(X, { seed: 1, maxRows: 150 });
    expect(adjustedRandIndex(y, f.labels)).toBeGreaterThan(0.9);
  });
});

describe("Ward", () => {
  it("cuts one dendrogram at every k, and caps its rows", () => {
    const { X, y } = blobs(THREE, 100, 0.8, 8);
    const tree = fitWardTree(X, { seed: 0 });
    expect(tree.height.length).toBe(X.n - 1);
    for (let t = 1; t < tree.height.length; t++)
      expect(tree.height[t]).toBeGreaterThanOrEqual(tree.height[t - 1]!);
    const three = cutWard(tree, X, 3);
    expect(adjustedRandIndex(y, three.labels)).toBeGreaterThan(0.95);
    expect(new Set(cutWard(tree, X, 5).labels).size).toBe(5);
    roundTrip(three.model, X);
    const capped = fitWardTree(X, { seed: 0, maxRows: 60 });
    expect(capped.sample.n).toBe(60);
    expect(adjustedRandIndex(y, cutWard(capped, X, 3).labels)).toBeGreaterThan(0.9);
  });
});

describe("clusterModelFromJSON", () => {
  it("refuses malformed state", () => {
    expect(() => clusterModelFromJSON({ kind: "kmeans", d: 2 })).toThrow(
      expect.objectContaining({ code: "INVALID_MODEL_STATE" }),
    );
    expect(() =>
      clusterModelFromJSON({ kind: "kmeans", d: 2, k: 2, centroids: [1, 2, 3], params: {} }),
    ).toThrow(expect.objectContaining({ code: "INVALID_MODEL_STATE" }));
  });
});
