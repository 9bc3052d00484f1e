import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { dualCdSvc, dualCdSvr } from "./liblinear-dual.js";

// Row-major 60 × 2, labels by the sign of x0 + x1 with a margin.
const n = 60;
const p = 2;
const x = new Float64Array(n * p);
const labels = new Float64Array(n);
const target = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const a = Math.sin(1.1 * i);
  const b = Math.cos(2.3 * i);
  const shift = a + b >= 0 ? 0.3 : -0.3;
  x[i * p] = a + shift;
  x[i * p + 1] = b + shift;
  labels[i] = a + b >= 0 ? 1 : -1;
  target[i] = 3 * a - b + 1;
}

function problem(squared: boolean, cost: number) {
  return {
    x,
    n,
    p,
    bias: 1,
    cost: new Float64Array(n).fill(cost),
    squared,
    tol: 1e-8,
    maxIter: 10_000,
    rng: createRng(0),
  };
}

describe("LIBLINEAR-style dual coordinate descent", () => {
  it("separates a separable problem with hinge and squared hinge", () => {
    for (const squared of [false, true]) {
      const w = dualCdSvc(problem(squared, 10), labels);
      for (let i = 0; i < n; i++) {
        const d =
          (w[0] as number) * (x[i * p] as number) +
          (w[1] as number) * (x[i * p + 1] as number) +
          (w[2] as number);
        expect(d * (labels[i] as number)).toBeGreaterThan(0);
      }
    }
  });

  it("rows of zero cost are left out", () => {
    const pr = problem(true, 1);
    pr.cost.fill(0);
    expect(Array.from(dualCdSvc(pr, labels))).toEqual([0, 0, 0]);
  });

  it("SVR with epsilon 0 and a large C fits a linear target almost exactly", () => {
    const xs = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      xs[i * p] = Math.sin(1.1 * i);
      xs[i * p + 1] = Math.cos(2.3 * i);
    }
    const w = dualCdSvr({ ...problem(false, 1000), x: xs, bias: 1 }, target, 0);
    expect(w[0]).toBeCloseTo(3, 2);
    expect(w[1]).toBeCloseTo(-1, 2);
    expect(w[2]).toBeCloseTo(1, 2);
  });
});
