/** What a sampler reads and writes: parameter assignments and the scored trials behind them. */

/** One assignment of hyperparameters, by name: numbers for float/int dimensions, else a category. */
export type Params = Record<string, number | string | boolean>;

/**
 * One finished trial. `score` is HIGHER-is-better (callers negate minimised metrics); a failed
 * trial is recorded with `-Infinity` (NaN is read the same way).
 */
export interface Observation {
  readonly params: Readonly<Params>;
  readonly score: number;
}

/** Whether a trial's score counts as a success (anything but -Infinity and NaN). */
export function isSuccess(score: number): boolean {
  return !Number.isNaN(score) && score !== Number.NEGATIVE_INFINITY;
}
