import { describe, expect, it } from "vitest";
import { cdGram, cdResidual } from "./coordinate-descent.js";
import { gram, solveSymmetric, transposeTimes } from "./least-squares.js";

// A centred 30 × 3 design (column-major) and a target with a known linear part.
const n = 30;
const p = 3;
const x = new Float64Array(n * p);
for (let j = 0; j < p; j++) {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Math.sin(0.9 * i * (j + 1) + j);
  mean /= n;
  for (let i = 0; i < n; i++) x[j * n + i] = Math.sin(0.9 * i * (j + 1) + j) - mean;
}
const y = new Float64Array(n);
for (let i = 0; i < n; i++) y[i] = 2 * (x[i] as number) - (x[n + i] as number) + 0.1 * Math.cos(i);
let yNorm2 = 0;
for (let i = 0; i < n; i++) yNorm2 += (y[i] as number) ** 2;
const q = gram(x, n, p);
const xty = transposeTimes(x, n, p, y);

describe("elastic-net coordinate descent", () => {
  it("Gram and residual variants reach the same optimum", () => {
    const a = cdGram(q, xty, yNorm2, p, 0.5, 0.3, 10_000, 1e-12);
    const b = cdResidual(x, n, p, y, 0.5, 0.3, 10_000, 1e-12);
    expect(a.converged && b.converged).toBe(true);
    for (let j = 0; j < p; j++) expect(a.coef[j]).toBeCloseTo(b.coef[j] as number, 8);
  });

  it("with no L1 term it is ridge regression", () => {
    const a = cdGram(q, xty, yNorm2, p, 0, 2, 100_000, 1e-14);
    const ridge = solveSymmetric(q, p, 2, xty, 1);
    for (let j = 0; j < p; j++) expect(a.coef[j]).toBeCloseTo(ridge[j] as number, 7);
  });

  it("an L1 weight above max|Xᵀy| zeroes every coefficient at once", () => {
    let max = 0;
    for (const v of xty) max = Math.max(max, Math.abs(v));
    const a = cdGram(q, xty, yNorm2, p, max * 1.01, 0, 1000, 1e-4);
    expect(Array.from(a.coef)).toEqual([0, 0, 0]);
    expect(a.iterations).toBe(1);
    expect(a.converged).toBe(true);
  });

  it("satisfies the lasso optimality conditions", () => {
    const l1 = 1;
    const a = cdResidual(x, n, p, y, l1, 0, 100_000, 1e-14);
    const r = Float64Array.from(y);
    for (let j = 0; j < p; j++)
      for (let i = 0; i < n; i++) r[i] = (r[i] as number) - (a.coef[j] as number) * (x[j * n + i] as number);
    const g = transposeTimes(x, n, p, r);
    for (let j = 0; j < p; j++) {
      const w = a.coef[j] as number;
      if (w === 0) expect(Math.abs(g[j] as number)).toBeLessThanOrEqual(l1 + 1e-8);
      else expect(g[j]).toBeCloseTo(l1 * Math.sign(w), 6);
    }
  });
});
