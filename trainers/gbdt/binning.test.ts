import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { createFeatureMatrix } from "../../data/preprocess/feature-matrix.js";
import { setWasmKernels } from "./wasm-kernels.js";
import {
  BINNING_SAMPLE,
  binMatrix,
  binValue,
  fitBinMapper,
  fitBins,
  numericThresholds,
  RadixSorter,
} from "./binning.js";

function matrix(columns: number[][], categorical?: (number | null)[]) {
  const n = columns[0]?.length ?? 0;
  const data = new Float64Array(n * columns.length);
  columns.forEach((c, j) => {
    data.set(c, j * n);
  });
  return createFeatureMatrix(
    n,
    columns.map((_, j) => `f${j}`),
    categorical,
    data,
  );
}

describe("numericThresholds", () => {
  it("puts midpoints between distinct values when there are fewer than max bins", () => {
    expect(Array.from(numericThresholds(Float64Array.of(3, 1, 2, 2, 1, Number.NaN), 255))).toEqual([
      1.5, 2.5,
    ]);
  });

  it("has no threshold for a constant or all-missing column", () => {
    expect(numericThresholds(Float64Array.of(7, 7, 7), 255).length).toBe(0);
    expect(numericThresholds(Float64Array.of(Number.NaN, Number.NaN), 255).length).toBe(0);
    expect(numericThresholds(new Float64Array(0), 255).length).toBe(0);
  });

  it("uses at most max_bins - 1 ascending quantile thresholds for many distinct values", () => {
    const rng = createRng(1);
    const v = Float64Array.from({ length: 5000 }, () => rng.normal());
    const t = numericThresholds(v, 16);
    expect(t.length).toBeLessThanOrEqual(15);
    expect(t.length).toBeGreaterThan(10);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
    // Roughly equal-frequency bins.
    const counts = new Array(t.length + 1).fill(0);
    for (const x of v) counts[t.filter((th) => th < x).length]++;
    for (const c of counts) expect(c).toBeGreaterThan(5000 / 16 / 2);
  });

  it("deduplicates quantiles of heavily tied data", () => {
    const v = Float64Array.from({ length: 1000 }, (_, i) => (i < 900 ? 0 : i));
    const t = numericThresholds(v, 8);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
  });
});

describe("fitBinMapper / binMatrix", () => {
  it("bins so that bin(x) <= b exactly when x <= threshold[b]", () => {
    const rng = createRng(2);
    const col = Array.from({ length: 400 }, () => Math.round(rng.normal() * 50) / 10);
    const X = matrix([col]);
    const m = fitBinMapper(X, 32, createRng(0));
    const bins = binMatrix(X, m);
    const t = m.thresholds[0]!;
    for (let i = 0; i < 400; i++) {
      for (let b = 0; b < t.length; b++) expect(bins[i]! <= b).toBe(col[i]! <= t[b]!);
    }
  });

  it("gives a constant feature one value bin and an all-NaN feature none, NaN in the missing bin", () => {
    const X = matrix([
      [5, 5, 5, 5],
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      [1, Number.NaN, 3, 2],
    ]);
    const m = fitBinMapper(X, 255, createRng(0));
    expect(Array.from(m.nValueBins)).toEqual([1, 0, 3]);
    expect(Array.from(m.hasMissing)).toEqual([0, 1, 1]);
    const bins = binMatrix(X, m);
    expect(Array.from(bins.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(bins.subarray(4, 8))).toEqual([0, 0, 0, 0]); // the missing bin of a 0-bin feature
    expect(Array.from(bins.subarray(8, 12))).toEqual([0, 3, 2, 1]);
    expect(Array.from(m.offsets)).toEqual([0, 2, 3, 7]);
    expect(m.totalSlots).toBe(7);
  });

  it("keeps one bin per distinct value when there are fewer values than bins", () => {
    const X = matrix([[0, 1, 2, 3, 4, 4, 3, 2]]);
    const m = fitBinMapper(X, 255, createRng(0));
    expect(m.nValueBins[0]).toBe(5);
    expect(Array.from(binMatrix(X, m))).toEqual([0, 1, 2, 3, 4, 4, 3, 2]);
  });

  it("bins categorical features by code, invalid codes as missing", () => {
    const X = matrix([[0, 2, 1, Number.NaN, 2]], [3]);
    const m = fitBinMapper(X, 255, createRng(0));
    expect(m.isCategorical[0]).toBe(1);
    expect(m.nValueBins[0]).toBe(3);
    expect(Array.from(binMatrix(X, m))).toEqual([0, 2, 1, 3, 2]);
    expect(binValue(m, 0, 7)).toBe(3);
    expect(binValue(m, 0, 1.5)).toBe(3);
    expect(binValue(m, 0, 1)).toBe(1);
  });

  it("treats a categorical feature with more levels than bins as numeric", () => {
    const X = matrix([[0, 1, 2, 3, 4, 5]], [300]);
    const m = fitBinMapper(X, 255, createRng(0));
    expect(m.isCategorical[0]).toBe(0);
  });

  it("fits on a subset of rows and bins those rows only", () => {
    const X = matrix([[10, 20, 30, 40, 50]]);
    const rows = Int32Array.of(0, 2, 4);
    const m = fitBinMapper(X, 255, createRng(0), rows);
    expect(Array.from(m.thresholds[0]!)).toEqual([20, 40]);
    expect(Array.from(binMatrix(X, m, rows))).toEqual([0, 1, 2]);
  });
});

describe("RadixSorter", () => {
  for (const wasm of [true, false]) {
    it(`sorts doubles (negatives, zeros, duplicates, tiny and huge values) stably (${wasm ? "WebAssembly" : "TypeScript"})`, () => {
      const rng = createRng(8);
      const vals = [
        ...Array.from({ length: 500 }, () => rng.normal() * 10 ** rng.int(12)),
        ...Array.from({ length: 200 }, () => rng.int(7) - 3),
        -0,
        0,
        Number.MIN_VALUE,
        -Number.MIN_VALUE,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
      ];
      setWasmKernels(wasm);
      let sorter: RadixSorter;
      try {
        sorter = new RadixSorter(vals.length + 5);
      } finally {
        setWasmKernels(true);
      }
      vals.forEach((v, i) => {
        sorter.values[i] = v;
      });
      sorter.sort(vals.length);
      const m = vals.length;
      const byOrder = Array.from(sorter.order.subarray(0, m), (k) => sorter.values[k]!);
      const ref = [...vals].sort((a, b) => a - b);
      expect(byOrder.map((v) => (v === 0 ? 0 : v))).toEqual(ref.map((v) => (v === 0 ? 0 : v)));
      // `sorted` holds exactly the values in that order (bit for bit, -0 included).
      for (let k = 0; k < m; k++) expect(Object.is(sorter.sorted[k], byOrder[k])).toBe(true);
      // Stable: equal values keep their original order.
      for (let k = 1; k < m; k++) {
        const a = sorter.order[k - 1]!;
        const b = sorter.order[k]!;
        if (Object.is(sorter.values[a], sorter.values[b])) expect(a).toBeLessThan(b);
      }
    });
  }

  it("handles 0, 1 and all-equal inputs", () => {
    const s = new RadixSorter(4);
    s.sort(0);
    s.values[0] = 3;
    s.sort(1);
    expect(s.order[0]).toBe(0);
    expect(s.sorted[0]).toBe(3);
    s.values.set([2, 2, 2, 2]);
    s.sort(4);
    expect(Array.from(s.order)).toEqual([0, 1, 2, 3]);
  });
});

describe("fitBins", () => {
  it("bins by walking the sort exactly as binMatrix's search does", () => {
    const rng = createRng(12);
    const n = 3000;
    const cols = [
      Array.from({ length: n }, () => (rng.next() < 0.1 ? Number.NaN : rng.normal())),
      Array.from({ length: n }, () => rng.int(5)),
      Array.from({ length: n }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(4))),
      Array.from({ length: n }, () => Number.NaN),
    ];
    const X = matrix(cols, [null, null, 4, null]);
    const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 1);
    for (const r of [undefined, rows]) {
      const m = r ? r.length : n;
      const { mapper, bins } = fitBins(X, 32, createRng(0), r, new Uint8Array(m * 4));
      expect(Array.from(bins!)).toEqual(Array.from(binMatrix(X, mapper, r)));
      expect(mapper.thresholds[0]!.length).toBe(31);
    }
  });

  it("takes the thresholds from a seeded sample beyond BINNING_SAMPLE rows, binning every row", () => {
    const n = BINNING_SAMPLE + 1000;
    const col = Array.from({ length: n }, (_, i) => (i * 7919) % 100_003);
    const X = matrix([col]);
    const a = fitBins(X, 255, createRng(1), undefined, new Uint8Array(n));
    const b = fitBins(X, 255, createRng(1), undefined, new Uint8Array(n));
    expect(Array.from(a.mapper.thresholds[0]!)).toEqual(Array.from(b.mapper.thresholds[0]!));
    expect(Array.from(a.bins!.subarray(0, 2000))).toEqual(
      Array.from(binMatrix(X, a.mapper).subarray(0, 2000)),
    );
    expect(a.mapper.thresholds[0]!.length).toBe(254);
  });
});
