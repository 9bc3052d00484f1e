/** Asking the recoverer for a retry of a timed-out trial that is expected to end within the deadline it would get. */
import type { DecisionLog } from "./proposer.js";
import type { RecoveryResult } from "./recoverer.js";
import { expectedRetryMs } from "./retry-cost.js";
import { type Trial, trialKey } from "./trial.js";

/** Diagnoses asked for one retry of a timed-out trial, each after the last proposal was expected to overrun. */
export const MAX_RETRY_ASKS = 4;

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

export interface TimelyRetryRequest {
  /** The trial that failed or ran out (only a timed-out one is held to the deadline). */
  failed: Trial;
  trials: readonly Trial[];
  /** Keys of the states evaluated so far. */
  tried: ReadonlySet<string>;
  /** Workers of the pool (lanes of a cross-validation). */
  lanes: number;
  /** Milliseconds a trial started now may take. */
  capMs: () => number;
  /** One diagnosis, with these states counted as tried. */
  ask: (tried: ReadonlySet<string>) => Promise<RecoveryResult>;
}

export interface TimelyRetry {
  /** The recoverer's last answer; `next` is null when no retry runs. */
  result: RecoveryResult;
  /** Why no retry runs (set when `result.next` is null). */
  reason?: string;
  /** A note on proposals passed over for time (set when some were and a later one runs). */
  note?: string;
}

/**
 * The recoverer's retry, held to time when `failed` ran out: a proposal whose `expectedRetryMs` is
 * past what a trial may take now is passed over, and the recoverer asked again with it counted as
 * tried (its next fix, then the fallback chain), at most MAX_RETRY_ASKS times. A proposal whose cost
 * nothing tells runs.
 */
export async function askTimelyRetry(r: TimelyRetryRequest): Promise<TimelyRetry> {
  let tried = r.tried;
  const overrun: string[] = [];
  let capMs = Number.POSITIVE_INFINITY;
  let result = await r.ask(tried);
  for (let ask = 1; r.failed.status === "timed_out"; ask++) {
    const proposed = result.next;
    if (proposed === null) break;
    capMs = r.capMs();
    const cost = expectedRetryMs(r.failed, proposed, r.trials, r.lanes);
    if (cost === null || cost <= capMs) break;
    const f = proposed.recovery.fix;
    overrun.push(
      `${f.action}${f.param !== undefined ? ` ${f.param}` : ""} = ${String(f.value)} (~${seconds(cost)} s)`,
    );
    if (ask >= MAX_RETRY_ASKS) {
      result = { ...result, next: null, reason: "" };
      break;
    }
    tried = new Set([...tried, trialKey(proposed.spec, proposed.settings, r.failed.resource)]);
    result = await r.ask(tried);
  }
  const late = overrun.length > 0 ? overrun.join("; ") : undefined;
  if (result.next !== null) {
    return late !== undefined
      ? {
          result,
          note: `retries expected to overrun the ${seconds(capMs)} s left to a trial were passed over: ${late}`,
        }
      : { result };
  }
  const reason = [
    late !== undefined
      ? `no retry is expected to end within the ${seconds(capMs)} s a trial may take now: ${late}`
      : "",
    result.reason ?? "no fix",
  ]
    .filter((x) => x !== "")
    .join("; then ");
  return { result, reason };
}

/** A recovery decision that gave up, with why (`not_retried`, which the run's recoveries report). */
export function gaveUp(decision: DecisionLog, reason: string): DecisionLog {
  const output = decision.output;
  return {
    ...decision,
    accepted: false,
    output:
      output !== null && typeof output === "object" && !Array.isArray(output)
        ? { ...output, not_retried: reason }
        : { answer: output, not_retried: reason },
  };
}
