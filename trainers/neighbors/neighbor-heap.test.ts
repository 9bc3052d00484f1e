import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { createNeighborHeap, heapBound, heapDrainSorted, heapOffer } from "./neighbor-heap.js";

describe("neighbor heap", () => {
  it("keeps the k smallest (distance, index) pairs, ties to the lower index, in any offer order", () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 500; trial++) {
      const k = 1 + rng.int(6);
      const n = k + rng.int(25);
      const heap = createNeighborHeap(k);
      const all: [number, number][] = [];
      const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      const dist = Array.from({ length: n }, () => rng.int(5));
      for (const i of order) {
        all.push([dist[i] as number, i]);
        heapOffer(heap, dist[i] as number, i);
      }
      const outD = new Float64Array(k);
      const outI = new Int32Array(k);
      heapDrainSorted(heap, outD, outI, 0);
      all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(Array.from(outI)).toEqual(all.slice(0, k).map((p) => p[1]));
      expect(Array.from(outD)).toEqual(all.slice(0, k).map((p) => p[0]));
      expect(heap.size).toBe(0);
    }
  });

  it("reports an infinite bound until full, then the worst kept distance", () => {
    const heap = createNeighborHeap(2);
    expect(heapBound(heap)).toBe(Infinity);
    heapOffer(heap, 3, 0);
    expect(heapBound(heap)).toBe(Infinity);
    heapOffer(heap, 1, 1);
    expect(heapBound(heap)).toBe(3);
    heapOffer(heap, 2, 2);
    expect(heapBound(heap)).toBe(2);
  });
});
