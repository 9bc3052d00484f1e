/** Graph idioms shared by the exporters: row counts, broadcasting, column placement, sigmoid. */
import { attr, type GraphBuilder } from "./graph-builder.js";

/** What every model exporter gets: the builder, the `[N, F]` double feature matrix and N as int64[1]. */
export interface ExportContext {
  readonly g: GraphBuilder;
  readonly X: string;
  readonly N: string;
}

/** A member's output: `[N, K]` double probabilities (classification) or `[N]` double values. */
export type MemberOutput = { readonly proba: string } | { readonly values: string };

/** N of a `[N, …]` tensor as an int64[1] tensor. */
export function rowCount(g: GraphBuilder, T: string): string {
  const shape = g.op("Shape", [T]);
  return g.op("Slice", [shape, g.constInt64([0], [1]), g.constInt64([1], [1])]);
}

/** A constant row `[1, K]` repeated N times: `[N, K]`. */
export function repeatRow(g: GraphBuilder, row: ArrayLike<number>, N: string): string {
  const shape = g.op("Concat", [N, g.constInt64([row.length], [1])], { axis: attr.int(0) });
  return g.op("Expand", [g.constDouble(row, [1, row.length]), shape]);
}

/** `[N, K]` → `[N]` of column `j`. */
export function columnOf(g: GraphBuilder, T: string, j: number): string {
  const col = g.op("Slice", [T, g.constInt64([j], [1]), g.constInt64([j + 1], [1]), g.constInt64([1], [1])]);
  return g.op("Reshape", [col, g.constInt64([-1], [1])]);
}

/** `[N]` → `[N, 1]`. */
export function asColumn(g: GraphBuilder, v: string): string {
  return g.op("Reshape", [v, g.constInt64([-1, 1], [2])]);
}

/**
 * `[N, m]` → `[N, K]` with input column j at output column `cols[j]`, zeros elsewhere. A product
 * with a 0/1 matrix adds each value once to zeros, so values pass exactly.
 */
export function placeColumns(g: GraphBuilder, P: string, cols: readonly number[], K: number): string {
  if (cols.length === K && cols.every((c, j) => c === j)) return P;
  const m = new Float64Array(cols.length * K);
  cols.forEach((c, j) => {
    m[j * K + c] = 1;
  });
  return g.op("MatMul", [P, g.constDouble(m, [cols.length, K])]);
}

/** `1 / (1 + exp(-d))`, spelled out as the native code computes it. */
export function sigmoid(g: GraphBuilder, d: string): string {
  const one = g.constDouble([1], []);
  return g.op("Div", [one, g.op("Add", [one, g.op("Exp", [g.op("Neg", [d])])])]);
}

/** `[N, 1]` p1 → `[N, 2]` `[1 − p1, p1]`. */
export function twoClassProba(g: GraphBuilder, p1: string): string {
  const p0 = g.op("Sub", [g.constDouble([1], []), p1]);
  return g.op("Concat", [p0, p1], { axis: attr.int(1) });
}

/** Labels (int64 `[N]` indices 0..K-1) → one-hot `[N, K]` double. */
export function oneHotRows(g: GraphBuilder, idx: string, K: number): string {
  const eye = new Float64Array(K * K);
  for (let k = 0; k < K; k++) eye[k * K + k] = 1;
  return g.op("Gather", [g.constDouble(eye, [K, K]), idx], { axis: attr.int(0) });
}
