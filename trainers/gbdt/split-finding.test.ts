import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import type { BinMapper } from "./binning.js";
import { SLOT } from "./histogram.js";
import { CategoricalScratch, findBestSplit, SplitInfo } from "./split-finding.js";
import { instantiateKernels } from "./wasm-kernels.js";

/** A one-feature mapper with `nb` value bins (+ missing bin). */
function mapper(nb: number, categorical = false): BinMapper {
  return {
    nFeatures: 1,
    nValueBins: Int32Array.of(nb),
    thresholds: [new Float64Array(categorical ? 0 : Math.max(0, nb - 1))],
    isCategorical: Uint8Array.of(categorical ? 1 : 0),
    hasMissing: Uint8Array.of(1),
    offsets: Int32Array.of(0, nb + 1),
    totalSlots: nb + 1,
  };
}

/** Histogram from per-bin [g, h, count] (the last entry is the missing bin). */
function hist(slots: [number, number, number][]): { h: Float64Array; G: number; H: number; C: number } {
  const h = new Float64Array(slots.length * SLOT);
  let G = 0;
  let H = 0;
  let C = 0;
  slots.forEach(([g, hh, c], s) => {
    h[s * SLOT] = g;
    h[s * SLOT + 1] = hh;
    h[s * SLOT + 2] = c;
    G += g;
    H += hh;
    C += c;
  });
  return { h, G, H, C };
}

const cons = { l2: 0, minSamplesLeaf: 1, minHessianLeaf: 0 };
const feats = Int32Array.of(0);

function best(m: BinMapper, slots: [number, number, number][], c = cons): SplitInfo {
  const { h, G, H, C } = hist(slots);
  const out = new SplitInfo();
  findBestSplit(h, m, feats, 1, G, H, C, 0, c, out, new CategoricalScratch());
  return out;
}

describe("findBestSplit (numeric)", () => {
  it("splits where the gradient changes sign, with the exact gain", () => {
    // Bins 0,1 have negative gradients, bins 2,3 positive.
    const s = best(mapper(4), [
      [-4, 2, 2],
      [-2, 2, 2],
      [3, 2, 2],
      [3, 2, 2],
      [0, 0, 0],
    ]);
    expect(s.feature).toBe(0);
    expect(s.bin).toBe(1);
    expect(s.gl).toBe(-6);
    expect(s.hl).toBe(4);
    expect(s.cl).toBe(4);
    expect(s.gain).toBeCloseTo(36 / 4 + 36 / 4 - 0, 12);
  });

  it("learns that missing values go with the side they resemble", () => {
    const slots: [number, number, number][] = [
      [-4, 2, 2],
      [-2, 2, 2],
      [3, 2, 2],
      [3, 2, 2],
      [5, 2, 2],
    ];
    expect(best(mapper(4), slots).missingLeft).toBe(0);
    slots[4] = [-5, 2, 2];
    const s = best(mapper(4), slots);
    expect(s.bin).toBe(1);
    expect(s.missingLeft).toBe(1);
    expect(s.cl).toBe(6);
  });

  it("can split missing values alone from all values", () => {
    const s = best(mapper(2), [
      [1, 2, 2],
      [1, 2, 2],
      [-9, 2, 2],
    ]);
    expect(s.bin).toBe(1); // all value bins left
    expect(s.missingLeft).toBe(0);
    expect(s.cl).toBe(4);
  });

  it("respects min_samples_leaf and reports no split when nothing is valid", () => {
    const slots: [number, number, number][] = [
      [-4, 1, 1],
      [2, 1, 2],
      [2, 1, 3],
      [0, 0, 0],
    ];
    expect(best(mapper(3), slots).bin).toBe(0);
    const s = best(mapper(3), slots, { ...cons, minSamplesLeaf: 2 });
    expect(s.bin).toBe(1);
    expect(s.cl).toBe(3);
    expect(best(mapper(3), slots, { ...cons, minSamplesLeaf: 4 }).feature).toBe(-1);
  });

  it("sends missing values to the larger child when the node has none", () => {
    const s = best(mapper(3), [
      [-4, 1, 1],
      [2, 1, 1],
      [2, 1, 1],
      [0, 0, 0],
    ]);
    expect(s.cl).toBe(1);
    expect(s.missingLeft).toBe(0);
  });

  it("L2 regularisation shrinks the gain", () => {
    const slots: [number, number, number][] = [
      [-4, 2, 2],
      [4, 2, 2],
      [0, 0, 0],
    ];
    expect(best(mapper(2), slots, { ...cons, l2: 2 }).gain).toBeCloseTo(16 / 4 + 16 / 4, 12);
  });
});

describe("findBestSplit (categorical)", () => {
  it("groups categories by gradient/hessian ratio, not by code order", () => {
    // Categories 0 and 2 push down, 1 and 3 push up: no numeric threshold separates them.
    const slots: [number, number, number][] = [
      [-20, 20, 20],
      [20, 20, 20],
      [-20, 20, 20],
      [20, 20, 20],
      [0, 0, 0],
    ];
    const s = best(mapper(4, true), slots);
    expect(s.isCategorical).toBe(1);
    const left = [0, 1, 2, 3].filter((c) => (s.catBits[0]! >>> c) & 1);
    expect([
      [0, 2],
      [1, 3],
    ]).toContainEqual(left);
    expect(s.gain).toBeCloseTo((40 * 40) / 40 + (40 * 40) / 40, 9);
    const numeric = best(mapper(4), slots);
    expect(numeric.gain).toBeLessThan(s.gain / 2);
  });

  it("treats the missing bin as a category and records its side", () => {
    const s = best(mapper(2, true), [
      [-20, 20, 20],
      [20, 20, 20],
      [-20, 20, 20],
    ]);
    expect(s.isCategorical).toBe(1);
    const leftHasZero = (s.catBits[0]! & 1) === 1;
    expect(s.missingLeft).toBe(leftHasZero ? 1 : 0);
  });

  it("ignores categories with too few rows", () => {
    const s = best(mapper(3, true), [
      [-20, 20, 20],
      [20, 20, 20],
      [-5, 2, 2],
      [0, 0, 0],
    ]);
    expect(s.isCategorical).toBe(1);
    expect((s.catBits[0]! >>> 2) & 1).toBe(0);
  });
});

describe("findBestSplit: WebAssembly scan", () => {
  it("finds exactly the split of the TypeScript scan on random histograms", () => {
    const k = instantiateKernels(1 << 16)!;
    expect(k).not.toBeNull();
    const rng = createRng(41);
    const out = new Float64Array(k.memory.buffer, 0, 8);
    let found = 0;
    let missingLeft = 0;
    for (let trial = 0; trial < 300; trial++) {
      const nb = 1 + rng.int(40);
      const constHess = trial % 3 === 0;
      const slots: [number, number, number][] = [];
      for (let b = 0; b <= nb; b++) {
        const c = rng.next() < 0.3 ? 0 : rng.int(30);
        const h = constHess ? c : c * rng.next() * 0.25;
        slots.push([c === 0 ? 0 : rng.normal() * c * 0.3, h, b === nb && rng.next() < 0.5 ? 0 : c]);
      }
      const last = slots[nb]!;
      if (last[2] === 0) slots[nb] = [0, 0, 0];
      const { h, G, H, C } = hist(slots);
      const wasmHist = new Float64Array(k.memory.buffer, 64, h.length);
      wasmHist.set(h);
      const c = {
        l2: rng.next() < 0.5 ? 0 : 1,
        minSamplesLeaf: 1 + rng.int(10),
        minHessianLeaf: rng.next() < 0.5 ? 1e-3 : 0.5,
      };
      const hConst = constHess ? 1 : 0;
      const a = new SplitInfo();
      const b = new SplitInfo();
      const m = mapper(nb);
      findBestSplit(h, m, feats, 1, G, constHess ? C : H, C, hConst, c, a, new CategoricalScratch());
      findBestSplit(wasmHist, m, feats, 1, G, constHess ? C : H, C, hConst, c, b, new CategoricalScratch(), {
        kernels: k,
        out,
      });
      expect([b.feature, b.bin, b.missingLeft, b.gl, b.hl, b.cl, b.gain]).toEqual([
        a.feature,
        a.bin,
        a.missingLeft,
        a.gl,
        a.hl,
        a.cl,
        a.gain,
      ]);
      if (a.feature >= 0) found++;
      if (a.feature >= 0 && a.missingLeft === 1) missingLeft++;
    }
    expect(found).toBeGreaterThan(150);
    expect(missingLeft).toBeGreaterThan(20);
  });
});
