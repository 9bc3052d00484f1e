import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { buildKdTree, createKdStack, queryKdTree } from "./kd-tree.js";
import {
  autoUsesKdTree,
  buildNeighborIndex,
  type KnnMetric,
  kNeighbors,
  PROBE_KEEP,
  PROBE_QUERIES,
} from "./knn-search.js";
import { createNeighborHeap, heapDrainSorted } from "./neighbor-heap.js";

/** Exact k nearest by sorting every (reduced distance, index) pair. */
function reference(
  X: Float64Array,
  n: number,
  d: number,
  Q: Float64Array,
  nq: number,
  k: number,
  metric: KnnMetric,
) {
  const idx: number[] = [];
  for (let q = 0; q < nq; q++) {
    const all: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = (X[i * d + j] as number) - (Q[q * d + j] as number);
        s += metric === "manhattan" ? Math.abs(t) : t * t;
      }
      all.push([s, i]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    idx.push(...all.slice(0, k).map((p) => p[1]));
  }
  return idx;
}

describe("kNeighbors", () => {
  const rng = createRng(3);
  const cases: [number, number, number, boolean][] = [
    [1, 2, 1, false],
    [7, 3, 7, false],
    [300, 2, 5, true],
    [500, 5, 3, false],
    [400, 10, 8, true],
    [1000, 3, 1, true],
  ];
  for (const [n, d, k, grid] of cases) {
    for (const metric of ["euclidean", "manhattan"] as const) {
      it(`brute force and KD-tree both find the exact neighbours (n=${n}, d=${d}, k=${k}, ${metric}${grid ? ", many ties" : ""})`, () => {
        // Values on a coarse grid make many exact ties and duplicate rows.
        const X = new Float64Array(n * d).map(() => (grid ? Math.round(rng.normal() * 2) / 2 : rng.normal()));
        const nq = 40;
        const Q = new Float64Array(nq * d).map(() =>
          grid ? Math.round(rng.normal() * 2) / 2 : rng.normal(),
        );
        const expected = reference(X, n, d, Q, nq, k, metric);
        for (const algorithm of ["brute", "kd_tree"] as const) {
          const res = kNeighbors(buildNeighborIndex(X, n, d, k, algorithm, metric, 4), Q, nq, k);
          expect(Array.from(res.idx)).toEqual(expected);
        }
      });
    }
  }

  it("returns true distances (square roots for Euclidean), nearest first", () => {
    const X = Float64Array.from([0, 0, 3, 4, 1, 0]);
    const Q = Float64Array.from([0, 0]);
    const res = kNeighbors(buildNeighborIndex(X, 3, 2, 3, "brute", "euclidean", 30), Q, 1, 3);
    expect(Array.from(res.idx)).toEqual([0, 2, 1]);
    expect(Array.from(res.dist)).toEqual([0, 1, 5]);
    const l1 = kNeighbors(buildNeighborIndex(X, 3, 2, 3, "kd_tree", "manhattan", 1), Q, 1, 3);
    expect(Array.from(l1.dist)).toEqual([0, 1, 7]);
  });

  it("builds leaves that partition the rows with boxes that contain them", () => {
    const n = 1000;
    const d = 3;
    const X = new Float64Array(n * d).map(() => rng.normal());
    const tree = buildKdTree(X, n, d, 30);
    expect(Array.from(tree.index).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    const firstLeaf = (tree.nNodes - 1) >> 1;
    for (let node = firstLeaf; node < tree.nNodes; node++) {
      const size = (tree.end[node] as number) - (tree.start[node] as number);
      expect(size).toBeGreaterThanOrEqual(15);
      expect(size).toBeLessThanOrEqual(60);
      for (let p = tree.start[node] as number; p < (tree.end[node] as number); p++) {
        for (let j = 0; j < d; j++) {
          expect(tree.data[p * d + j]).toBeGreaterThanOrEqual(tree.lo[node * d + j] as number);
          expect(tree.data[p * d + j]).toBeLessThanOrEqual(tree.hi[node * d + j] as number);
        }
      }
    }
  });

  it("auto past 15 features keeps the KD-tree only where it prunes, with the exact neighbours either way", () => {
    const n = 2000;
    const d = 20;
    const nq = 3 * PROBE_QUERIES;
    // Rows near a plane of the 20-dimensional space (the tree prunes), and uniform rows (it cannot).
    const plane = (m: number) => {
      const out = new Float64Array(m * d);
      for (let i = 0; i < m; i++) {
        const u = rng.normal();
        const v = rng.normal();
        for (let j = 0; j < d; j++) out[i * d + j] = u * Math.cos(j) + v * Math.sin(j) + 0.01 * rng.normal();
      }
      return out;
    };
    const uniform = (m: number) => new Float64Array(m * d).map(() => rng.next());
    for (const [make, prunes] of [
      [plane, true],
      [uniform, false],
    ] as const) {
      const X = make(n);
      const Q = make(nq);
      const index = buildNeighborIndex(X, n, d, 5, "auto", "euclidean", 30);
      expect(index.probe).toBe(true);
      // The probe's measure on these rows falls on the side of PROBE_KEEP this case is about.
      const tree = buildKdTree(X, n, d, 30);
      const stack = createKdStack(tree);
      const heap = createNeighborHeap(5);
      let work = 0;
      for (let q = 0; q < PROBE_QUERIES; q++) {
        work += queryKdTree(tree, Q, q * d, false, heap, stack);
        heapDrainSorted(heap, new Float64Array(5), new Int32Array(5), 0);
      }
      expect(work <= PROBE_KEEP * n * PROBE_QUERIES).toBe(prunes);
      const res = kNeighbors(index, Q, nq, 5);
      expect(Array.from(res.idx)).toEqual(reference(X, n, d, Q, nq, 5, "euclidean"));
    }
  });

  it("auto picks the KD-tree only in low dimension on enough rows", () => {
    expect(autoUsesKdTree(4000, 10, 5)).toBe(true);
    expect(autoUsesKdTree(4000, 26, 5)).toBe(false);
    expect(autoUsesKdTree(50, 3, 5)).toBe(false);
    expect(autoUsesKdTree(200, 3, 150)).toBe(false);
  });
});
