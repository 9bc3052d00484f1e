/**
 * Compact L-BFGS over Float64Array, with the OWL-QN extension (Andrew & Gao, 2007) for an added
 * per-coordinate L1 term: minimises f(x) + Σⱼ l1ⱼ·|xⱼ| for a smooth f given with its gradient.
 */

/** Smooth objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Maximum iterations (line searches). */
  readonly maxIter: number;
  /** Stop when the largest |(pseudo-)gradient| entry is ≤ gtol. */
  readonly gtol: number;
  /** Stop when the relative objective decrease is ≤ ftol (scipy's factr·ε = 2.2e-9 by default). */
  readonly ftol?: number;
  /** Pairs of history kept (default 10, as scipy). */
  readonly memory?: number;
  /** Per-coordinate L1 weights (≥ 0); absent or all zero is plain L-BFGS. */
  readonly l1?: Float64Array;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  /** Objective value including the L1 term. */
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function l1Term(x: Float64Array, l1: Float64Array | undefined): number {
  if (!l1) return 0;
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (l1[j] as number) * Math.abs(x[j] as number);
  return s;
}

/** OWL-QN pseudo-gradient of f + Σ l1|x| (the gradient itself without L1). */
function pseudoGradient(
  x: Float64Array,
  g: Float64Array,
  l1: Float64Array | undefined,
  out: Float64Array,
): void {
  for (let j = 0; j < x.length; j++) {
    const gj = g[j] as number;
    const c = l1 ? (l1[j] as number) : 0;
    if (c === 0) {
      out[j] = gj;
      continue;
    }
    const xj = x[j] as number;
    if (xj > 0) out[j] = gj + c;
    else if (xj < 0) out[j] = gj - c;
    else if (gj + c < 0) out[j] = gj + c;
    else if (gj - c > 0) out[j] = gj - c;
    else out[j] = 0;
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) m = Math.max(m, Math.abs(v[j] as number));
  return m;
}

/** Minimises from `x0` (not modified). */
export function minimizeLbfgs(f: Objective, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  const dim = x0.length;
  const mem = opts.memory ?? 10;
  const ftol = opts.ftol ?? 2.220446049250313e-9;
  let l1: Float64Array | undefined = opts.l1;
  if (l1 && maxAbs(l1) === 0) l1 = undefined;
  const s = new Float64Array(mem * dim);
  const yh = new Float64Array(mem * dim);
  const rho = new Float64Array(mem);
  const alpha = new Float64Array(mem);
  let count = 0;
  let head = 0;

  let x = Float64Array.from(x0);
  let g = new Float64Array(dim);
  let xNew = new Float64Array(dim);
  let gNew = new Float64Array(dim);
  const pg = new Float64Array(dim);
  const d = new Float64Array(dim);
  let value = f(x, g) + l1Term(x, l1);
  let iter = 0;
  let converged = false;

  while (iter < opts.maxIter) {
    pseudoGradient(x, g, l1, pg);
    if (maxAbs(pg) <= opts.gtol) {
      converged = true;
      break;
    }
    // Two-loop recursion: d = −H·pg.
    d.set(pg);
    for (let c = 0; c < count; c++) {
      const k = (head - 1 - c + mem) % mem;
      let a = 0;
      for (let j = 0; j < dim; j++) a += (s[k * dim + j] as number) * (d[j] as number);
      a *= rho[k] as number;
      alpha[k] = a;
      for (let j = 0; j < dim; j++) d[j] = (d[j] as number) - a * (yh[k * dim + j] as number);
    }
    if (count > 0) {
      const k = (head - 1 + mem) % mem;
      let yy = 0;
      for (let j = 0; j < dim; j++) yy += (yh[k * dim + j] as number) ** 2;
      const gamma = 1 / ((rho[k] as number) * yy);
      for (let j = 0; j < dim; j++) d[j] = (d[j] as number) * gamma;
    }
    for (let c = count - 1; c >= 0; c--) {
      const k = (head - 1 - c + mem) % mem;
      let b = 0;
      for (let j = 0; j < dim; j++) b += (yh[k * dim + j] as number) * (d[j] as number);
      b *= rho[k] as number;
      const coef = (alpha[k] as number) - b;
      for (let j = 0; j < dim; j++) d[j] = (d[j] as number) + coef * (s[k * dim + j] as number);
    }
    let slope = 0;
    for (let j = 0; j < dim; j++) {
      let dj = -(d[j] as number);
      // OWL-QN: an L1 coordinate moves only against its pseudo-gradient (smooth ones are left free).
      if (l1 && (l1[j] as number) > 0 && dj * (pg[j] as number) >= 0) dj = 0;
      d[j] = dj;
      slope += dj * (pg[j] as number);
    }
    if (!(slope < 0)) {
      if (count === 0) break;
      count = 0; // stale curvature: restart from steepest descent
      continue;
    }
    // Backtracking (Armijo) line search, projected onto the current orthant for OWL-QN.
    let t = count === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let accepted = false;
    let newValue = value;
    for (let ls = 0; ls < 40; ls++) {
      let decrease = 0;
      for (let j = 0; j < dim; j++) {
        const xj = x[j] as number;
        let v = xj + t * (d[j] as number);
        if (l1 && (l1[j] as number) > 0) {
          const orthant = xj !== 0 ? Math.sign(xj) : -Math.sign(pg[j] as number);
          if (Math.sign(v) !== orthant) v = 0;
        }
        xNew[j] = v;
        decrease += (pg[j] as number) * (v - xj);
      }
      newValue = f(xNew, gNew) + l1Term(xNew, l1);
      if (newValue <= value + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    iter++;
    if (!accepted) {
      if (count === 0) break;
      count = 0;
      continue;
    }
    // Curvature pair from the smooth part.
    let sy = 0;
    const k = head;
    for (let j = 0; j < dim; j++) {
      const sj = (xNew[j] as number) - (x[j] as number);
      const yj = (gNew[j] as number) - (g[j] as number);
      s[k * dim + j] = sj;
      yh[k * dim + j] = yj;
      sy += sj * yj;
    }
    if (sy > 1e-300) {
      rho[k] = 1 / sy;
      head = (head + 1) % mem;
      count = Math.min(count + 1, mem);
    }
    const previous = value;
    value = newValue;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    if ((previous - value) / Math.max(Math.abs(previous), Math.abs(value), 1) <= ftol) {
      converged = true;
      break;
    }
  }
  return { x, value, iterations: iter, converged };
}
