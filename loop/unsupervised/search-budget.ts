/** Time keeping of the unsupervised searches (a hard end, per-candidate deadlines, cost estimates) and their explore phase. */
import { AlchemistError } from "../../core/errors.js";
import type { CandidateRef } from "./candidate-ref.js";
import type { TrialEntry, UnsupervisedSearchOptions } from "./unsupervised-schema.js";

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

/** Proposals in a row that do not raise the best score before the explore phase ends. */
export const EXPLORE_PATIENCE = 4;
/** Proposals at most, whatever the budget. */
export const MAX_PROPOSALS = 30;

/**
 * The explore phase of an unsupervised search: asks `propose` for one candidate at a time (given
 * `entries()` and the refs that failed or did not fit) and runs it with `attempt`, until the
 * proposer has nothing new, the budget is spent, EXPLORE_PATIENCE proposals in a row leave the best
 * score where it was, or MAX_PROPOSALS ran. Returns how many proposals were run.
 */
export async function explore(
  propose: NonNullable<UnsupervisedSearchOptions["propose"]>,
  entries: () => TrialEntry[],
  failed: CandidateRef[],
  budget: SearchBudget,
  attempt: (ref: CandidateRef, origin: string) => Promise<boolean>,
): Promise<number> {
  const bestOf = () => entries().reduce((m, e) => Math.max(m, e.score), Number.NEGATIVE_INFINITY);
  let ran = 0;
  let stale = 0;
  for (let asked = 0; asked < MAX_PROPOSALS && stale < EXPLORE_PATIENCE; asked++) {
    if (budget.remaining() <= 0) break;
    const next = await propose(entries(), failed);
    if (next === null) break;
    const before = bestOf();
    const tried = failed.length;
    if (await attempt(next.ref, next.origin)) ran++;
    else failed.push(next.ref);
    stale = bestOf() > before && failed.length === tried ? 0 : stale + 1;
  }
  return ran;
}
