import { describe, expect, it } from "vitest";
import type { Objective } from "./lbfgs.js";
import { minimizeLbfgs } from "./lbfgs.js";

const rosenbrock: Objective = (x, g) => {
  const a = x[0] as number;
  const b = x[1] as number;
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

/** ½Σ dⱼ(xⱼ − cⱼ)² */
function quadratic(c: number[], d: number[]): Objective {
  return (x, g) => {
    let f = 0;
    for (let j = 0; j < c.length; j++) {
      const r = (x[j] as number) - (c[j] as number);
      g[j] = (d[j] as number) * r;
      f += 0.5 * (d[j] as number) * r * r;
    }
    return f;
  };
}

describe("minimizeLbfgs", () => {
  it("finds the minimum of an ill-conditioned quadratic", () => {
    const r = minimizeLbfgs(quadratic([1, -2, 3], [1, 100, 0.01]), new Float64Array(3), {
      maxIter: 200,
      gtol: 1e-12,
      ftol: 0,
    });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(-2, 8);
    expect(r.x[2]).toBeCloseTo(3, 6);
  });

  it("solves Rosenbrock", () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 500, gtol: 1e-10, ftol: 0 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it("OWL-QN soft-thresholds: argmin ½(x−3)² + ½(y+0.5)² + |x| + |y| = (2, 0)", () => {
    const r = minimizeLbfgs(quadratic([3, -0.5], [1, 1]), new Float64Array(2), {
      maxIter: 100,
      gtol: 1e-12,
      l1: Float64Array.of(1, 1),
    });
    expect(r.x[0]).toBeCloseTo(2, 10);
    expect(r.x[1]).toBe(0);
    expect(r.value).toBeCloseTo(0.5 + 0.125 + 2, 10);
  });

  it("leaves coordinates without an L1 weight free", () => {
    const r = minimizeLbfgs(quadratic([3, -0.5], [1, 1]), new Float64Array(2), {
      maxIter: 100,
      gtol: 1e-12,
      l1: Float64Array.of(0, 1),
    });
    expect(r.x[0]).toBeCloseTo(3, 10);
    expect(r.x[1]).toBe(0);
  });

  it("does not modify x0 and stops at once on a zero gradient", () => {
    const x0 = Float64Array.of(1, -2, 3);
    const r = minimizeLbfgs(quadratic([1, -2, 3], [1, 1, 1]), x0, { maxIter: 10, gtol: 0 });
    expect(r.iterations).toBe(0);
    expect(Array.from(x0)).toEqual([1, -2, 3]);
  });
});
