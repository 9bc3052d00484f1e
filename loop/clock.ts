/** Extra time the refit may take past the budget: max(5%, 2 s), as the run's promise says. */
export function graceMs(budgetSeconds: number | undefined): number {
  return budgetSeconds === undefined ? Number.POSITIVE_INFINITY : Math.max(0.05 * budgetSeconds * 1000, 2000);
}

/** The run's wall clock: a hard budget measured from the start of the run, and what is left of it. */
export class RunClock {
  /** Epoch ms when the budget ends (Infinity without a time budget). */
  readonly endAt: number;
  /**
   * Epoch ms by which the final refit must end: a quarter of the grace past the budget (Node's start
   * and the artifacts also count against the run's promise).
   */
  readonly refitEndAt: number;
  /** Epoch ms by which a last-chance refit (every chosen member overran) must end: most of the grace. */
  readonly lastChanceAt: number;

  constructor(
    readonly startedAt: number,
    budgetSeconds: number | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.endAt = budgetSeconds === undefined ? Number.POSITIVE_INFINITY : startedAt + budgetSeconds * 1000;
    this.refitEndAt = this.endAt + graceMs(budgetSeconds) / 4;
    this.lastChanceAt = this.endAt + (graceMs(budgetSeconds) * 3) / 4;
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  remainingMs(): number {
    return this.endAt - this.now();
  }

  /** Fraction of the budget used (0 without a time budget). */
  usedFraction(): number {
    return Number.isFinite(this.endAt) ? this.elapsedMs() / (this.endAt - this.startedAt) : 0;
  }

  timestamp(): number {
    return this.now();
  }
}
