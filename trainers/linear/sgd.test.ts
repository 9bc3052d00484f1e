import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import type { SgdSettings } from "./sgd.js";
import { plainSgd } from "./sgd.js";
import { SGD_CLASSIFIER_LOSSES, SGD_REGRESSOR_LOSSES, sgdDLoss, sgdLoss } from "./sgd-losses.js";

const base: SgdSettings = {
  loss: "squared_error",
  penalty: "none",
  alpha: 1e-4,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 200,
  tol: 1e-6,
  nIterNoChange: 5,
  learningRate: "invscaling",
  eta0: 0.05,
  powerT: 0.25,
  epsilon: 0.1,
  shuffle: true,
  average: false,
};

// Row-major 200 × 3 with y = 1.5·x0 − 2·x1 + 0·x2 + 0.5.
const n = 200;
const p = 3;
const x = new Float64Array(n * p);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < p; j++) x[i * p + j] = Math.sin(0.77 * i * (j + 1) + j);
  y[i] = 1.5 * (x[i * p] as number) - 2 * (x[i * p + 1] as number) + 0.5;
}
const ones = new Float64Array(n).fill(1);

describe("loss derivatives", () => {
  it("match finite differences away from the kinks", () => {
    const h = 1e-6;
    for (const loss of [...SGD_CLASSIFIER_LOSSES, ...SGD_REGRESSOR_LOSSES]) {
      for (const [pred, target] of [
        [0.3, 1],
        [-1.7, 1],
        [2.5, -1],
        [0.45, -1],
      ] as const) {
        const fd = (sgdLoss(loss, pred + h, target, 0.1) - sgdLoss(loss, pred - h, target, 0.1)) / (2 * h);
        expect(sgdDLoss(loss, pred, target, 0.1)).toBeCloseTo(fd, 4);
      }
    }
  });
});

describe("plainSgd", () => {
  it("recovers a noiseless linear target", () => {
    const r = plainSgd(x, n, p, y, ones, base, createRng(1));
    expect(r.finite).toBe(true);
    expect(r.coef[0]).toBeCloseTo(1.5, 2);
    expect(r.coef[1]).toBeCloseTo(-2, 2);
    expect(r.intercept).toBeCloseTo(0.5, 2);
  });

  it("is deterministic per seed and the L1 penalty zeroes the useless feature", () => {
    const s = { ...base, penalty: "l1" as const, alpha: 0.01 };
    const a = plainSgd(x, n, p, y, ones, s, createRng(7));
    const b = plainSgd(x, n, p, y, ones, s, createRng(7));
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
    expect(a.coef[2]).toBe(0);
  });

  it("zero sample weights mean no updates", () => {
    const r = plainSgd(x, n, p, y, new Float64Array(n), base, createRng(1));
    expect(Array.from(r.coef)).toEqual([0, 0, 0]);
    expect(r.intercept).toBe(0);
  });

  it("reports overflow instead of returning non-finite weights silently", () => {
    const big = Float64Array.from(x, (v) => v * 1e200);
    const r = plainSgd(big, n, p, y, ones, { ...base, learningRate: "constant", eta0: 10 }, createRng(1));
    expect(r.finite).toBe(false);
  });

  it("averaging (ASGD) classifies a separable problem", () => {
    const labels = Float64Array.from(y, (v) => (v > 0.5 ? 1 : -1));
    const r = plainSgd(
      x,
      n,
      p,
      labels,
      ones,
      { ...base, loss: "hinge", learningRate: "optimal", penalty: "l2", average: true },
      createRng(3),
    );
    let correct = 0;
    for (let i = 0; i < n; i++) {
      let d = r.intercept;
      for (let j = 0; j < p; j++) d += (r.coef[j] as number) * (x[i * p + j] as number);
      if (d * (labels[i] as number) > 0) correct++;
    }
    expect(correct / n).toBeGreaterThan(0.95);
  });
});
