import { describe, expect, it } from "vitest";
import {
  gram,
  minNormLeastSquares,
  outerGram,
  singularValuesAndVectors,
  solveSymmetric,
} from "./least-squares.js";

/** Column-major buffer from row-major rows. */
function colMajor(rows: number[][]): Float64Array {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const out = new Float64Array(n * p);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      out[j * n + i] = v;
    });
  });
  return out;
}

function expectArrayClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(tol);
}

describe("minNormLeastSquares", () => {
  it("solves a full-rank tall system exactly", () => {
    const rows = [
      [1, 2],
      [3, -1],
      [0.5, 4],
      [2, 2],
    ];
    const y = Float64Array.from(rows, (r) => 2 * (r[0] as number) - 3 * (r[1] as number));
    expectArrayClose(minNormLeastSquares(colMajor(rows), 4, 2, y), [2, -3], 1e-12);
  });

  it("returns the least-squares fit of an inconsistent system (normal equations hold)", () => {
    const rows = [[1], [2], [3]];
    // argmin ‖[1,2,3]b − [1,1,4]‖ = (1 + 2 + 12) / 14
    expectArrayClose(minNormLeastSquares(colMajor(rows), 3, 1, Float64Array.of(1, 1, 4)), [15 / 14], 1e-12);
  });

  it("splits a duplicated column evenly (the minimum-norm solution)", () => {
    const rows = [
      [1, 1],
      [2, 2],
      [-1, -1],
    ];
    const y = Float64Array.of(2, 4, -2);
    expectArrayClose(minNormLeastSquares(colMajor(rows), 3, 2, y), [1, 1], 1e-10);
  });

  it("gives zeros for an all-zero design and handles wide systems by the minimum norm", () => {
    expect(Array.from(minNormLeastSquares(new Float64Array(6), 3, 2, Float64Array.of(1, 2, 3)))).toEqual([
      0, 0,
    ]);
    // One equation x0 + x1 + x2 = 3: minimum norm is (1, 1, 1).
    expectArrayClose(
      minNormLeastSquares(Float64Array.of(1, 1, 1), 1, 3, Float64Array.of(3)),
      [1, 1, 1],
      1e-12,
    );
    // Two equations, three unknowns: x0 + x1 = 2, x1 + x2 = 2 ⇒ minimum norm (2/3, 4/3, 2/3).
    const wide = colMajor([
      [1, 1, 0],
      [0, 1, 1],
    ]);
    expectArrayClose(minNormLeastSquares(wide, 2, 3, Float64Array.of(2, 2)), [2 / 3, 4 / 3, 2 / 3], 1e-12);
  });
});

describe("gram products and symmetric solves", () => {
  const rows = [
    [1, 2, 0],
    [0, 1, 1],
    [3, 0, 1],
    [1, 1, 1],
  ];
  const a = colMajor(rows);

  it("gram and outerGram are AᵀA and AAᵀ", () => {
    const g = gram(a, 4, 3);
    expect(Array.from(g)).toEqual([11, 3, 4, 3, 6, 2, 4, 2, 3]);
    const o = outerGram(a, 4, 3);
    expect(o[0 * 4 + 2]).toBe(3);
    expect(o[2 * 4 + 0]).toBe(3);
    expect(o[3 * 4 + 3]).toBe(3);
  });

  it("solveSymmetric: Cholesky with a ridge, pseudo-inverse when singular", () => {
    const g = Float64Array.of(2, 0, 0, 3);
    expectArrayClose(solveSymmetric(g, 2, 1, Float64Array.of(3, 8), 1), [1, 2], 1e-12);
    // Singular [[1,1],[1,1]] x = [2,2]: minimum norm (1, 1).
    expectArrayClose(
      solveSymmetric(Float64Array.of(1, 1, 1, 1), 2, 0, Float64Array.of(2, 2), 1),
      [1, 1],
      1e-10,
    );
    // Two right-hand sides at once.
    expectArrayClose(solveSymmetric(g, 2, 0, Float64Array.of(2, 3, 4, 6), 2), [1, 1, 2, 2], 1e-12);
  });

  it("singularValuesAndVectors matches the known spectrum", () => {
    const { s, v } = singularValuesAndVectors(
      colMajor([
        [3, 0],
        [0, 4],
        [0, 0],
      ]),
      3,
      2,
    );
    expectArrayClose(s, [4, 3], 1e-12);
    expect(Math.abs(v.get(1, 0))).toBeCloseTo(1, 12);
  });
});
