/** Metric properties checked against brute-force definitions on seeded random data. */
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { adjustedRandIndex } from "./adjusted-rand.js";
import { matthewsCorrcoef } from "./mcc.js";
import { rocAuc, rocAucOvr } from "./roc-auc.js";
import { silhouetteScore } from "./silhouette.js";

describe("roc_auc", () => {
  it("equals the Mann–Whitney pair count with ties as one half", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 20 + rng.int(80);
      const labels = Int32Array.from({ length: n }, () => rng.int(2));
      labels[0] = 0;
      labels[1] = 1;
      // Few distinct values, so ties are common.
      const scores = Float64Array.from({ length: n }, () => rng.int(6) / 5);
      let wins = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== 1) continue;
        for (let j = 0; j < n; j++) {
          if (labels[j] !== 0) continue;
          pairs++;
          wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
      }
      expect(rocAuc(labels, scores)).toBeCloseTo(wins / pairs, 14);
    }
  });

  it("one-vs-rest on two classes is the binary AUC of column 1", () => {
    const labels = Int32Array.from([0, 1, 1, 0, 1, 0]);
    const p1 = [0.3, 0.8, 0.4, 0.4, 0.9, 0.1];
    const proba = Float64Array.from(p1.flatMap((p) => [1 - p, p]));
    expect(rocAucOvr(labels, proba)).toBeCloseTo(rocAuc(labels, Float64Array.from(p1)), 14);
  });
});

describe("mcc", () => {
  it("is the binary phi coefficient on two classes", () => {
    const t = Int32Array.from([1, 1, 1, 0, 0, 0, 1, 0, 1, 1]);
    const p = Int32Array.from([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    const [tp, tn, fp, fn] = [4, 3, 1, 2];
    const phi = (tp * tn - fp * fn) / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    expect(matthewsCorrcoef(t, p)).toBeCloseTo(phi, 14);
  });
});

describe("ari", () => {
  it("is symmetric and ignores how clusters are named", () => {
    const rng = createRng(3);
    const a = Int32Array.from({ length: 200 }, () => rng.int(5));
    const b = Int32Array.from({ length: 200 }, (_, i) => (rng.next() < 0.6 ? a[i]! : rng.int(7)));
    const renamed = b.map((c) => 1000 - 37 * c);
    expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 14);
    expect(adjustedRandIndex(a, renamed)).toBe(adjustedRandIndex(a, b));
  });

  it("uses the sparse table for many clusters with the same result", () => {
    const n = 3000;
    const a = Int32Array.from({ length: n }, (_, i) => i);
    const b = Int32Array.from({ length: n }, (_, i) => i >> 1);
    // 3000 × 1500 cells exceeds the dense limit; pairs agree only inside b's pairs.
    expect(adjustedRandIndex(a, b)).toBeCloseTo(0, 12);
    expect(adjustedRandIndex(b, b)).toBe(1);
  });
});

describe("silhouette", () => {
  it("matches a direct per-row computation", () => {
    const x = Float64Array.from([0, 0, 0, 1, 4, 4, 4, 5, 10, 0]);
    const c = Int32Array.from([0, 0, 1, 1, 2]);
    const row = (i: number, j: number) => Math.hypot(x[2 * i]! - x[2 * j]!, x[2 * i + 1]! - x[2 * j + 1]!);
    const members = (k: number) => [0, 1, 2, 3, 4].filter((i) => c[i] === k);
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const own = members(c[i]!).filter((j) => j !== i);
      if (own.length === 0) continue;
      const a = own.reduce((s, j) => s + row(i, j), 0) / own.length;
      const b = Math.min(
        ...[0, 1, 2]
          .filter((k) => k !== c[i])
          .map((k) => members(k).reduce((s, j) => s + row(i, j), 0) / members(k).length),
      );
      total += (b - a) / Math.max(a, b);
    }
    expect(silhouetteScore(x, 2, c)).toBeCloseTo(total / 5, 14);
  });
});
