/** The run's wall clock: a hard budget measured from the start of the run, and what is left of it. */
export class RunClock {
  /** Epoch ms when the budget ends (Infinity without a time budget). */
  readonly endAt: number;

  constructor(
    readonly startedAt: number,
    budgetSeconds: number | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.endAt = budgetSeconds === undefined ? Number.POSITIVE_INFINITY : startedAt + budgetSeconds * 1000;
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
