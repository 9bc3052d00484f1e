/**
 * Dense least-squares kernels over column-major Float64Arrays: Householder QR (here because ml-matrix's
 * QR on tall matrices is ~50× slower than a typed-array loop), Gram products, and the small p×p
 * decompositions (SVD, Cholesky, symmetric eigen) delegated to ml-matrix.
 */
import {
  CholeskyDecomposition,
  EigenvalueDecomposition,
  Matrix,
  SingularValueDecomposition,
} from "ml-matrix";
import { transposeTimesVector } from "./dense-kernels.js";

/**
 * In-place Householder QR of the column-major `rows × cols` matrix `a` (rows ≥ cols). Afterwards the
 * strict upper triangle of R sits above the diagonal of `a`, R's diagonal in `rdiag`, and reflector `k`
 * (`v = a[k..rows, k]`, `H = I − 2vvᵀ/vnorm2[k]`) below and on it; `vnorm2[k] = 0` means no reflection.
 */
export function householderQr(a: Float64Array, rows: number, cols: number) {
  const rdiag = new Float64Array(cols);
  const vnorm2 = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    const ck = k * rows;
    let norm2 = 0;
    for (let i = k; i < rows; i++) norm2 += (a[ck + i] as number) ** 2;
    if (norm2 === 0) continue;
    const norm = Math.sqrt(norm2);
    const xk = a[ck + k] as number;
    const alpha = xk > 0 ? -norm : norm;
    a[ck + k] = xk - alpha;
    const vv = norm2 - xk * xk + (xk - alpha) ** 2;
    rdiag[k] = alpha;
    vnorm2[k] = vv;
    for (let j = k + 1; j < cols; j++) {
      const cj = j * rows;
      let s = 0;
      for (let i = k; i < rows; i++) s += (a[ck + i] as number) * (a[cj + i] as number);
      const f = (2 * s) / vv;
      for (let i = k; i < rows; i++) a[cj + i] = (a[cj + i] as number) - f * (a[ck + i] as number);
    }
  }
  return { rdiag, vnorm2 };
}

/** Applies reflector k of a factored `a` to vector `b` (H is its own inverse). */
function reflect(a: Float64Array, rows: number, k: number, vv: number, b: Float64Array): void {
  if (vv === 0) return;
  const ck = k * rows;
  let s = 0;
  for (let i = k; i < rows; i++) s += (a[ck + i] as number) * (b[i] as number);
  const f = (2 * s) / vv;
  for (let i = k; i < rows; i++) b[i] = (b[i] as number) - f * (a[ck + i] as number);
}

/** R (cols × cols, upper triangular) of a factored `a` as an ml-matrix Matrix. */
function upperR(a: Float64Array, rows: number, cols: number, rdiag: Float64Array): Matrix {
  const r = new Matrix(cols, cols);
  for (let j = 0; j < cols; j++) {
    r.set(j, j, rdiag[j] as number);
    for (let i = 0; i < j; i++) r.set(i, j, a[j * rows + i] as number);
  }
  return r;
}

/** Minimum-norm solution of the small square system `m x = c` through the SVD, singular values under `rcond·s_max` dropped. */
function pinvSolve(m: Matrix, c: Float64Array, rcond: number): Float64Array {
  const svd = new SingularValueDecomposition(m);
  const s = svd.diagonal;
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const dim = c.length;
  const cut = (s[0] ?? 0) * rcond;
  const x = new Float64Array(dim);
  for (let k = 0; k < s.length; k++) {
    const sk = s[k] as number;
    if (!(sk > cut)) continue;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += u.get(i, k) * (c[i] as number);
    const f = dot / sk;
    for (let i = 0; i < dim; i++) x[i] = (x[i] as number) + f * v.get(i, k);
  }
  return x;
}

/**
 * Minimum-norm least-squares solution of `A x ≈ b` for column-major `A` (`rows × cols`), safe for
 * rank-deficient A (as LAPACK's gelsd: singular values below `max(rows, cols)·ε·s_max` count as 0).
 * `A` and `b` are not modified.
 */
export function minNormLeastSquares(
  A: Float64Array,
  rows: number,
  cols: number,
  b: Float64Array,
): Float64Array {
  const rcond = Math.max(rows, cols) * Number.EPSILON;
  if (cols === 0) return new Float64Array(0);
  if (rows >= cols) {
    const a = Float64Array.from(A);
    const { rdiag, vnorm2 } = householderQr(a, rows, cols);
    const c = Float64Array.from(b);
    for (let k = 0; k < cols; k++) reflect(a, rows, k, vnorm2[k] as number, c);
    return pinvSolve(upperR(a, rows, cols, rdiag), c.subarray(0, cols), rcond);
  }
  // Wide: Aᵀ = QR, so A x = Rᵀ(Qᵀx); the minimum-norm x is Q z with z the minimum-norm solution of Rᵀz = b.
  const at = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) at[i * cols + j] = A[j * rows + i] as number;
  const { rdiag, vnorm2 } = householderQr(at, cols, rows);
  const z = pinvSolve(upperR(at, cols, rows, rdiag).transpose(), Float64Array.from(b), rcond);
  const x = new Float64Array(cols);
  x.set(z);
  for (let k = rows - 1; k >= 0; k--) reflect(at, cols, k, vnorm2[k] as number, x);
  return x;
}

/** `AᵀA` (cols × cols, row-major, exactly symmetric) of a column-major `rows × cols` matrix. */
export function gram(A: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  const row = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    // Column j against columns 0..j, four at a time.
    transposeTimesVector(A, rows, j + 1, A, j * rows, row, 0);
    for (let k = 0; k <= j; k++) {
      g[j * cols + k] = row[k] as number;
      g[k * cols + j] = row[k] as number;
    }
  }
  return g;
}

/** `AAᵀ` (rows × rows, row-major) of a column-major `rows × cols` matrix. */
export function outerGram(A: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(rows * rows);
  for (let j = 0; j < cols; j++) {
    const cj = j * rows;
    for (let a = 0; a < rows; a++) {
      const va = A[cj + a] as number;
      if (va === 0) continue;
      for (let b = 0; b <= a; b++) g[a * rows + b] = (g[a * rows + b] as number) + va * (A[cj + b] as number);
    }
  }
  for (let a = 0; a < rows; a++) for (let b = 0; b < a; b++) g[b * rows + a] = g[a * rows + b] as number;
  return g;
}

/** `Aᵀ b` for column-major `A` (`rows × cols`). */
export function transposeTimes(A: Float64Array, rows: number, cols: number, b: Float64Array): Float64Array {
  const out = new Float64Array(cols);
  transposeTimesVector(A, rows, cols, b, 0, out, 0);
  return out;
}

/**
 * Solves `(G + ridge·I) X = B` for a symmetric positive semi-definite `G` (`dim × dim`, row-major) and
 * `nRhs` right-hand sides (`B` column-major `dim × nRhs`; the result likewise): Cholesky when positive
 * definite, otherwise the eigen pseudo-inverse (ridge = 0 on a singular G gives the minimum-norm solution).
 */
export function solveSymmetric(
  g: Float64Array,
  dim: number,
  ridge: number,
  B: Float64Array,
  nRhs: number,
): Float64Array {
  const m = new Matrix(dim, dim);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < dim; j++) m.set(i, j, (g[i * dim + j] as number) + (i === j ? ridge : 0));
  const rhs = new Matrix(dim, nRhs);
  for (let r = 0; r < nRhs; r++) for (let i = 0; i < dim; i++) rhs.set(i, r, B[r * dim + i] as number);
  const out = new Float64Array(dim * nRhs);
  const chol = new CholeskyDecomposition(m);
  if (chol.isPositiveDefinite()) {
    const x = chol.solve(rhs);
    for (let r = 0; r < nRhs; r++) for (let i = 0; i < dim; i++) out[r * dim + i] = x.get(i, r);
    return out;
  }
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const lambda = eig.realEigenvalues;
  const v = eig.eigenvectorMatrix;
  let max = 0;
  for (const l of lambda) max = Math.max(max, Math.abs(l));
  const cut = max * dim * Number.EPSILON * 16;
  for (let k = 0; k < dim; k++) {
    const l = lambda[k] as number;
    if (!(l > cut)) continue;
    for (let r = 0; r < nRhs; r++) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += v.get(i, k) * (B[r * dim + i] as number);
      const f = dot / l;
      for (let i = 0; i < dim; i++) out[r * dim + i] = (out[r * dim + i] as number) + f * v.get(i, k);
    }
  }
  return out;
}

/**
 * Singular values (descending) and right singular vectors (columns of `v`, `cols × k`) of the
 * column-major `rows × cols` matrix `A`: through the QR of A and the SVD of the small R when tall.
 */
export function singularValuesAndVectors(
  A: Float64Array,
  rows: number,
  cols: number,
): { s: Float64Array; v: Matrix } {
  let m: Matrix;
  if (rows >= cols) {
    const a = Float64Array.from(A);
    const { rdiag } = householderQr(a, rows, cols);
    m = upperR(a, rows, cols, rdiag);
  } else {
    m = new Matrix(rows, cols);
    for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) m.set(i, j, A[j * rows + i] as number);
  }
  const svd = new SingularValueDecomposition(m, { computeLeftSingularVectors: false, autoTranspose: true });
  return { s: Float64Array.from(svd.diagonal), v: svd.rightSingularVectors };
}
