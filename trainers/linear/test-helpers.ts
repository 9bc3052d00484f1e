/** Small deterministic datasets shared by the linear family's tests (test-only module). */
import type { FeatureMatrix } from "../../data/preprocess/index.js";
import { createFeatureMatrix } from "../../data/preprocess/index.js";

/** A FeatureMatrix from row-major rows. */
export function matrix(rows: readonly (readonly number[])[]): FeatureMatrix {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const data = new Float64Array(n * p);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      data[j * n + i] = v;
    });
  });
  return createFeatureMatrix(
    n,
    Array.from({ length: p }, (_, j) => `f${j}`),
    undefined,
    data,
  );
}

/** The 40 × 4 design of the scikit-learn parity fixtures: x_ij = sin(1.3·i·(j+1) + j)·(1 + j/4). */
export function parityRows(): number[][] {
  return Array.from({ length: 40 }, (_, i) =>
    Array.from({ length: 4 }, (_, j) => Math.sin(1.3 * i * (j + 1) + j) * (1 + 0.25 * j)),
  );
}

/** Regression target of the parity fixtures. */
export function parityRegressionTarget(rows: readonly (readonly number[])[]): Float64Array {
  return Float64Array.from(
    rows,
    (r, i) =>
      1.5 * (r[0] as number) - 2 * (r[1] as number) + 0.5 * (r[3] as number) + 0.3 * Math.cos(2.1 * i) + 3,
  );
}

/** Binary labels of the parity fixtures (as scikit-learn saw them). */
export const PARITY_BINARY = Float64Array.from([
  1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1,
  0, 0, 0, 0,
]);

/** Three-class labels of the parity fixtures. */
export const PARITY_MULTI = Float64Array.from([
  2, 0, 0, 2, 2, 1, 0, 0, 2, 2, 1, 0, 1, 2, 2, 1, 2, 1, 2, 2, 0, 2, 1, 2, 2, 0, 0, 1, 2, 2, 0, 0, 2, 2, 1, 0,
  0, 2, 2, 1,
]);

/** A linearly separable-ish blob problem with `k` classes, `perClass` rows each, 3 features. */
export function blobs(k: number, perClass: number): { X: FeatureMatrix; y: Float64Array } {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < perClass; r++) {
      const t = c * perClass + r;
      rows.push([
        2 * Math.cos((2 * Math.PI * c) / k) + 0.6 * Math.sin(7.1 * t),
        2 * Math.sin((2 * Math.PI * c) / k) + 0.6 * Math.cos(3.3 * t),
        Math.sin(1.7 * t),
      ]);
      y.push(c);
    }
  }
  return { X: matrix(rows), y: Float64Array.from(y) };
}
