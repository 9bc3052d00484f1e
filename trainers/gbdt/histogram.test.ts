import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import {
  binCounts,
  buildHistogram,
  buildHistogramAllRows,
  HistogramPool,
  SLOT,
  subtractHistogram,
} from "./histogram.js";

/** A random binned matrix with `nb` value bins + 1 missing bin per feature. */
function setup(n: number, nFeatures: number, nb: number, seed: number) {
  const rng = createRng(seed);
  const bins = new Uint8Array(n * nFeatures);
  for (let i = 0; i < bins.length; i++) bins[i] = rng.int(nb + 1);
  const offsets = new Int32Array(nFeatures + 1);
  for (let f = 0; f < nFeatures; f++) offsets[f + 1] = offsets[f]! + nb + 1;
  const g = Float64Array.from({ length: n }, () => rng.normal());
  const h = Float64Array.from({ length: n }, () => rng.next());
  const feats = Int32Array.from({ length: nFeatures }, (_, f) => f);
  return { bins, offsets, g, h, feats, total: offsets[nFeatures]! };
}

/** The obvious histogram of rows `rows` (reference). */
function naive(
  bins: Uint8Array,
  n: number,
  offsets: Int32Array,
  rows: number[],
  g: Float64Array,
  h: Float64Array | null,
) {
  const nF = offsets.length - 1;
  const out = new Float64Array(offsets[nF]! * SLOT);
  for (let f = 0; f < nF; f++) {
    for (const r of rows) {
      const s = (offsets[f]! + bins[f * n + r]!) * SLOT;
      out[s] = out[s]! + g[r]!;
      if (h) out[s + 1] = out[s + 1]! + h[r]!;
      out[s + 2] = out[s + 2]! + 1;
    }
  }
  return out;
}

function gathered(rows: Int32Array, g: Float64Array, h: Float64Array) {
  return { og: Float64Array.from(rows, (r) => g[r]!), oh: Float64Array.from(rows, (r) => h[r]!) };
}

describe("histograms", () => {
  const n = 500;
  const nF = 7; // 4-feature block plus a 3-feature tail
  const { bins, offsets, g, h, feats, total } = setup(n, nF, 9, 3);

  it("builds the same histogram as the naive sum (with and without hessians)", () => {
    const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const { og, oh } = gathered(rows, g, h);
    const hist = new Float64Array(total * SLOT).fill(99);
    buildHistogram(hist, bins, n, offsets, feats, nF, rows, 0, rows.length, og, oh);
    const ref = naive(bins, n, offsets, Array.from(rows), g, h);
    for (let i = 0; i < ref.length; i++) expect(hist[i]!).toBeCloseTo(ref[i]!, 10);
    buildHistogram(hist, bins, n, offsets, feats, nF, rows, 0, rows.length, og, null);
    const refConst = naive(bins, n, offsets, Array.from(rows), g, null);
    for (let i = 0; i < ref.length; i++) expect(hist[i]!).toBeCloseTo(refConst[i]!, 10);
  });

  it("builds the root from all rows with precomputed counts", () => {
    const all = Array.from({ length: n }, (_, i) => i);
    const hist = new Float64Array(total * SLOT).fill(-1);
    buildHistogramAllRows(hist, bins, n, offsets, feats, nF, g, h, binCounts(bins, n, offsets));
    const ref = naive(bins, n, offsets, all, g, h);
    for (let i = 0; i < ref.length; i++) expect(hist[i]!).toBeCloseTo(ref[i]!, 10);
  });

  it("only touches the selected features", () => {
    const sel = Int32Array.of(1, 4);
    const hist = new Float64Array(total * SLOT).fill(7);
    buildHistogramAllRows(hist, bins, n, offsets, sel, 2, g, h, binCounts(bins, n, offsets));
    expect(hist[0]).toBe(7); // feature 0 untouched
    expect(hist[offsets[2]! * SLOT]).toBe(7);
    let count = 0;
    for (let s = offsets[1]!; s < offsets[2]!; s++) count += hist[s * SLOT + 2]!;
    expect(count).toBe(n);
  });

  it("subtraction gives the sibling's histogram (equals a direct build)", () => {
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const left = rows.filter((r) => bins[2 * n + r]! < 4);
    const right = rows.filter((r) => bins[2 * n + r]! >= 4);
    const parent = new Float64Array(total * SLOT);
    buildHistogramAllRows(parent, bins, n, offsets, feats, nF, g, h, binCounts(bins, n, offsets));
    const l = gathered(left, g, h);
    const leftHist = new Float64Array(total * SLOT);
    buildHistogram(leftHist, bins, n, offsets, feats, nF, left, 0, left.length, l.og, l.oh);
    subtractHistogram(parent, leftHist, offsets, feats, nF);
    const r = gathered(right, g, h);
    const direct = new Float64Array(total * SLOT);
    buildHistogram(direct, bins, n, offsets, feats, nF, right, 0, right.length, r.og, r.oh);
    for (let i = 0; i < direct.length; i++) expect(parent[i]!).toBeCloseTo(direct[i]!, 9);
    // Counts are exact.
    for (let i = 2; i < direct.length; i += SLOT) expect(parent[i]).toBe(direct[i]);
  });
});

describe("HistogramPool", () => {
  it("recycles released buffers instead of allocating", () => {
    const pool = new HistogramPool(4);
    const a = pool.acquire();
    const b = pool.acquire();
    expect(a).not.toBe(b);
    pool.release(a);
    expect(pool.acquire()).toBe(a);
    expect(pool.allocated).toBe(2);
    expect(pool.get(b).length).toBe(4);
  });
});
