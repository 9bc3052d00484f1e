/** Runs a successive-halving plan: evaluate a rung, promote the best, repeat; abortable. */
import { AlchemistError } from "../../core/errors.js";
import type { HalvingRung } from "./halving-plan.js";

/** One evaluation: candidate `candidate` (index into the input) at `rung` with `resource`. */
export interface HalvingEvaluation {
  readonly candidate: number;
  readonly rung: number;
  readonly resource: number;
  /** Higher is better; -Infinity (or NaN) for a failure. */
  readonly score: number;
}

export interface HalvingResult {
  /** Every evaluation that finished, rung by rung, each rung in the order candidates ran. */
  readonly evaluations: HalvingEvaluation[];
  /**
   * The candidates of the deepest fully evaluated rung, best first (ties by input order) — the
   * final rung's when the run completed. Empty when not even rung 0 completed.
   */
  readonly finalists: { candidate: number; score: number }[];
  /** `finalists[0].candidate`, or undefined when there are no finalists. */
  readonly winner: number | undefined;
  /** Whether the signal stopped the run before the final rung completed. */
  readonly aborted: boolean;
}

export interface HalvingRunOptions {
  /** Aborting stops new evaluations; those already started are awaited and kept. */
  signal?: AbortSignal;
  /** Evaluations run at once within a rung (default 1). Results do not depend on it. */
  concurrency?: number;
}

/**
 * Evaluates all candidates at rung 0 of `plan` (from `planHalving`), keeps the best
 * `plan[1].keep` (higher score wins, failures last, ties by input order), evaluates those at
 * rung 1, and so on. `evaluate` reports failure as -Infinity; if it throws, the run rejects with
 * that error once in-flight evaluations have settled.
 */
export async function runHalving<T>(
  candidates: readonly T[],
  evaluate: (candidate: T, resource: number, index: number) => Promise<number>,
  plan: readonly HalvingRung[],
  options: HalvingRunOptions = {},
): Promise<HalvingResult> {
  checkPlan(candidates.length, plan);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const { signal } = options;
  const evaluations: HalvingEvaluation[] = [];
  let finalists: { candidate: number; score: number }[] = [];
  let alive = candidates.map((_, i) => i);

  for (let r = 0; r < plan.length; r++) {
    const rung = plan[r]!;
    if (r > 0) alive = finalists.slice(0, rung.keep).map((f) => f.candidate);
    const scores = new Float64Array(alive.length).fill(Number.NaN);
    const done = new Uint8Array(alive.length);
    let next = 0;
    // Held in an object: the workers set it, and TS does not track assignments made in closures.
    const state: { failure?: { error: unknown } } = {};
    const worker = async (): Promise<void> => {
      while (next < alive.length && signal?.aborted !== true && state.failure === undefined) {
        const slot = next++;
        const index = alive[slot]!;
        try {
          scores[slot] = await evaluate(candidates[index]!, rung.resource, index);
          done[slot] = 1;
        } catch (error) {
          state.failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, alive.length) }, worker));
    if (state.failure !== undefined) throw state.failure.error;
    let complete = true;
    for (let slot = 0; slot < alive.length; slot++) {
      if (done[slot] === 1) {
        evaluations.push({ candidate: alive[slot]!, rung: r, resource: rung.resource, score: scores[slot]! });
      } else {
        complete = false;
      }
    }
    if (!complete) return { evaluations, finalists, winner: finalists[0]?.candidate, aborted: true };
    finalists = rank(alive, scores);
  }
  return { evaluations, finalists, winner: finalists[0]?.candidate, aborted: false };
}

/** Candidates sorted best first: NaN counts as -Infinity, ties keep the input order. */
function rank(alive: number[], scores: Float64Array): { candidate: number; score: number }[] {
  const key = (s: number): number => (Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s);
  return alive
    .map((candidate, slot) => ({ candidate, score: scores[slot]! }))
    .sort((a, b) => {
      const ka = key(a.score);
      const kb = key(b.score);
      return ka === kb ? a.candidate - b.candidate : kb > ka ? 1 : -1;
    });
}

function checkPlan(n: number, plan: readonly HalvingRung[]): void {
  const fail = (message: string): never => {
    throw new AlchemistError("INVALID_ARGUMENT", message, { parameter: "plan" });
  };
  if (plan.length === 0) fail("the halving plan has no rungs");
  if (plan[0]!.keep !== n) {
    throw new AlchemistError(
      "LENGTH_MISMATCH",
      `the plan starts with ${plan[0]!.keep} candidates but ${n} were given; plan with nCandidates = ${n}`,
      { parameter: "plan" },
    );
  }
  plan.forEach((rung, i) => {
    if (!(rung.resource > 0)) fail(`rung ${i} has resource ${rung.resource}; it must be > 0`);
    const prev = i === 0 ? n : plan[i - 1]!.keep;
    if (!Number.isInteger(rung.keep) || rung.keep < 1 || rung.keep > prev) {
      fail(`rung ${i} keeps ${rung.keep}; keeps must be integers ≥ 1 that never grow`);
    }
  });
}
