/**
 * Dual coordinate descent for L2-regularised linear SVMs, after LIBLINEAR (Hsieh et al., 2008;
 * Ho & Lin, 2012) with its shrinking heuristics: `solve_l2r_l1l2_svc` and `solve_l2r_l1l2_svr`.
 * X is row-major `n × p`; a constant `bias` feature (scikit-learn's intercept_scaling) is appended, so
 * the returned weights have p + 1 entries, the last multiplying `bias`.
 */
import type { Rng } from "../../core/rng.js";

/** Problem shared by both solvers. */
export interface DualProblem {
  /** Row-major `n × p`. */
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  /** Value of the appended constant feature; 0 fits no intercept. */
  readonly bias: number;
  /** Per-row C (C × sample weight); rows with 0 take no part. */
  readonly cost: Float64Array;
  /** Squared (L2) loss instead of L1 (hinge / ε-insensitive). */
  readonly squared: boolean;
  /** Stopping tolerance (LIBLINEAR's eps). */
  readonly tol: number;
  readonly maxIter: number;
  readonly rng: Rng;
}

function rowDot(x: Float64Array, base: number, p: number, w: Float64Array, bias: number): number {
  let s = bias * (w[p] as number);
  for (let j = 0; j < p; j++) s += (x[base + j] as number) * (w[j] as number);
  return s;
}

function rowAxpy(x: Float64Array, base: number, p: number, w: Float64Array, bias: number, a: number): void {
  for (let j = 0; j < p; j++) w[j] = (w[j] as number) + a * (x[base + j] as number);
  w[p] = (w[p] as number) + a * bias;
}

/** Rows that take part (cost > 0), and their squared norms including the bias. */
function setup(pr: DualProblem): { index: Int32Array; qd: Float64Array } {
  const { x, n, p, bias, cost } = pr;
  const rows: number[] = [];
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!((cost[i] as number) > 0)) continue;
    rows.push(i);
    let s = bias * bias;
    for (let j = 0; j < p; j++) s += (x[i * p + j] as number) ** 2;
    qd[i] = s;
  }
  return { index: Int32Array.from(rows), qd };
}

function shuffleHead(index: Int32Array, size: number, rng: Rng): void {
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(size - i);
    const t = index[i] as number;
    index[i] = index[j] as number;
    index[j] = t;
  }
}

/** Classification with labels `y[i] = ±1`: minimises ½‖w‖² + Σ Cᵢ·ξᵢ (hinge, or its square). */
export function dualCdSvc(pr: DualProblem, y: Float64Array): Float64Array {
  const { x, p, bias, cost, squared, tol, maxIter, rng } = pr;
  const w = new Float64Array(p + 1);
  const { index, qd } = setup(pr);
  const l = index.length;
  const alpha = new Float64Array(pr.n);
  const diag = new Float64Array(pr.n);
  const upper = new Float64Array(pr.n);
  for (let i = 0; i < pr.n; i++) {
    const c = cost[i] as number;
    diag[i] = squared && c > 0 ? 0.5 / c : 0;
    upper[i] = squared ? Infinity : c;
    qd[i] = (qd[i] as number) + (diag[i] as number);
  }
  let active = l;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  for (let iter = 0; iter < maxIter; iter++) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    shuffleHead(index, active, rng);
    for (let s = 0; s < active; s++) {
      const i = index[s] as number;
      const yi = y[i] as number;
      const ai = alpha[i] as number;
      const g = yi * rowDot(x, i * p, p, w, bias) - 1 + ai * (diag[i] as number);
      const ui = upper[i] as number;
      let pg = 0;
      if (ai === 0) {
        if (g > pgMaxOld) {
          active--;
          index[s] = index[active] as number;
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else if (ai === ui) {
        if (g < pgMinOld) {
          active--;
          index[s] = index[active] as number;
          index[active] = i;
          s--;
          continue;
        }
        if (g > 0) pg = g;
      } else pg = g;
      if (pg > pgMaxNew) pgMaxNew = pg;
      if (pg < pgMinNew) pgMinNew = pg;
      if (Math.abs(pg) > 1e-12) {
        const an = Math.min(Math.max(ai - g / (qd[i] as number), 0), ui);
        alpha[i] = an;
        rowAxpy(x, i * p, p, w, bias, (an - ai) * yi);
      }
    }
    if (pgMaxNew - pgMinNew <= tol) {
      if (active === l) break;
      active = l;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
    pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
  }
  return w;
}

/** Regression: minimises ½‖w‖² + Σ Cᵢ·max(0, |yᵢ − wᵀxᵢ| − ε) (or its square). */
export function dualCdSvr(pr: DualProblem, y: Float64Array, epsilon: number): Float64Array {
  const { x, p, bias, cost, squared, tol, maxIter, rng } = pr;
  const w = new Float64Array(p + 1);
  const { index, qd } = setup(pr);
  const l = index.length;
  const beta = new Float64Array(pr.n);
  let active = l;
  let gMaxOld = Infinity;
  let gNorm1Init = -1;
  for (let iter = 0; iter < maxIter; iter++) {
    let gMaxNew = 0;
    let gNorm1New = 0;
    shuffleHead(index, active, rng);
    for (let s = 0; s < active; s++) {
      const i = index[s] as number;
      const c = cost[i] as number;
      const lambda = squared ? 0.5 / c : 0;
      const ub = squared ? Infinity : c;
      const bi = beta[i] as number;
      const g = -(y[i] as number) + lambda * bi + rowDot(x, i * p, p, w, bias);
      const h = (qd[i] as number) + lambda;
      const gp = g + epsilon;
      const gn = g - epsilon;
      let violation = 0;
      let shrink = false;
      if (bi === 0) {
        if (gp < 0) violation = -gp;
        else if (gn > 0) violation = gn;
        else if (gp > gMaxOld && gn < -gMaxOld) shrink = true;
      } else if (bi >= ub) {
        if (gp > 0) violation = gp;
        else if (gp < -gMaxOld) shrink = true;
      } else if (bi <= -ub) {
        if (gn < 0) violation = -gn;
        else if (gn > gMaxOld) shrink = true;
      } else if (bi > 0) violation = Math.abs(gp);
      else violation = Math.abs(gn);
      if (shrink) {
        active--;
        index[s] = index[active] as number;
        index[active] = i;
        s--;
        continue;
      }
      if (violation > gMaxNew) gMaxNew = violation;
      gNorm1New += violation;
      let d: number;
      if (gp < h * bi) d = -gp / h;
      else if (gn > h * bi) d = -gn / h;
      else d = -bi;
      if (Math.abs(d) < 1e-12) continue;
      const bn = Math.min(Math.max(bi + d, -ub), ub);
      beta[i] = bn;
      if (bn !== bi) rowAxpy(x, i * p, p, w, bias, bn - bi);
    }
    if (iter === 0) gNorm1Init = gNorm1New;
    if (gNorm1New <= tol * gNorm1Init) {
      if (active === l) break;
      active = l;
      gMaxOld = Infinity;
      continue;
    }
    gMaxOld = gMaxNew;
  }
  return w;
}
