/** Successive-halving plans (Jamieson & Talwalkar 2016): how many candidates get how much resource. */
import { AlchemistError } from "../../core/errors.js";

/** One rung: `keep` candidates (all of them at rung 0) are each evaluated with `resource`. */
export interface HalvingRung {
  /** Rows or boosting rounds given to each candidate at this rung. */
  readonly resource: number;
  /** How many candidates reach this rung: n at rung 0, then ceil(previous / eta). */
  readonly keep: number;
}

export interface HalvingPlanOptions {
  nCandidates: number;
  /** Smallest resource worth evaluating (> 0). */
  minResource: number;
  /** Resource of the final rung (≥ minResource). */
  maxResource: number;
  /** Reduction factor: each rung keeps ceil(1/eta) of the last and gives eta × the resource (default 3). */
  eta?: number;
}

function invalid(parameter: string, message: string): AlchemistError {
  return new AlchemistError("INVALID_ARGUMENT", message, { parameter });
}

/**
 * Rungs from the cheapest to `maxResource`. Resources are maxResource / eta^k, so the last rung
 * always gets the full resource; there are as many rungs as fit above `minResource`, but no more
 * than it takes to narrow the candidates down to one (extra rungs would re-run a lone winner).
 * Resources are rounded to integers when both bounds are integers (rows, rounds).
 *
 * Example: 27 candidates, resource 1..27, eta 3 → (1, 27), (3, 9), (9, 3), (27, 1).
 */
export function planHalving(options: HalvingPlanOptions): HalvingRung[] {
  const { nCandidates: n, minResource: lo, maxResource: hi } = options;
  const eta = options.eta ?? 3;
  if (!Number.isInteger(n) || n < 1)
    throw invalid("nCandidates", `nCandidates is ${n}; it must be an integer ≥ 1`);
  if (!Number.isFinite(lo) || lo <= 0) throw invalid("minResource", `minResource is ${lo}; it must be > 0`);
  if (!Number.isFinite(hi) || hi < lo) {
    throw invalid("maxResource", `maxResource is ${hi}; it must be finite and ≥ minResource (${lo})`);
  }
  if (!Number.isFinite(eta) || eta <= 1) throw invalid("eta", `eta is ${eta}; it must be > 1`);

  // The tolerance keeps exact powers (27 / 1 with eta 3) from losing a rung to rounding.
  const fit = Math.floor(Math.log(hi / lo) / Math.log(eta) + 1e-9) + 1;
  const keeps = [n];
  while (keeps.length < fit && keeps[keeps.length - 1]! > 1) {
    keeps.push(Math.ceil(keeps[keeps.length - 1]! / eta));
  }
  const integral = Number.isInteger(lo) && Number.isInteger(hi);
  const rungs = keeps.length;
  return keeps.map((keep, i) => {
    const raw = hi / eta ** (rungs - 1 - i);
    const resource = integral ? Math.max(lo, Math.round(raw)) : Math.max(lo, raw);
    return { resource, keep };
  });
}
