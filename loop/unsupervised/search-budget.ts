/** Time keeping of the unsupervised searches: a hard end, per-candidate deadlines, cost estimates. */
import { AlchemistError } from "../../core/errors.js";

/** One candidate may use at most this share of the time left (so one slow model cannot eat it all). */
const CANDIDATE_SHARE = 0.4;

export interface SearchBudget {
  /** Epoch ms by which candidates must be done (the budget less a reserve to package the result). */
  readonly end: number;
  remaining(): number;
  /** Deadline to hand a candidate's fit. */
  candidateDeadline(): number;
  /**
   * Whether a candidate of `family` with cost `size` (any unit proportional to its work) is
   * expected to finish: scaled from the last measured one of the family; unknown ones may run.
   */
  affordable(family: string, size: number): boolean;
  record(family: string, size: number, ms: number): void;
  /** Throws CANCELLED when the signal fired. */
  checkSignal(signal: AbortSignal | undefined): void;
}

export function createSearchBudget(budgetMs: number, start = Date.now()): SearchBudget {
  if (!(budgetMs > 0)) {
    throw new AlchemistError("INVALID_ARGUMENT", `budgetMs must be positive, got ${budgetMs}.`, {
      parameter: "budgetMs",
    });
  }
  const reserve = Math.min(1000, Math.max(50, 0.03 * budgetMs));
  const end = start + budgetMs - reserve;
  const costs = new Map<string, { size: number; ms: number }>();
  const remaining = (): number => Math.max(0, end - Date.now());
  return {
    end,
    remaining,
    candidateDeadline: () => Date.now() + CANDIDATE_SHARE * remaining(),
    affordable(family, size) {
      const left = remaining();
      if (left <= 0) return false;
      const c = costs.get(family);
      if (c === undefined) return true;
      return (c.ms * size) / Math.max(c.size, 1e-9) <= CANDIDATE_SHARE * left;
    },
    record(family, size, ms) {
      costs.set(family, { size, ms: Math.max(ms, 1) });
    },
    checkSignal(signal) {
      if (signal?.aborted) {
        throw new AlchemistError("CANCELLED", "The unsupervised search was cancelled.", {});
      }
    },
  };
}

/** Lets timers and abort signals run between candidates. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
