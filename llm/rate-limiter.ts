/**
 * Per-provider admission control: a concurrency cap plus token buckets for requests/min and
 * tokens/min, served strictly first come, first served.
 */

export interface LimiterSettings {
  /** Requests per minute; undefined means unlimited. */
  requestsPerMinute?: number | undefined;
  /** Tokens (input + output) per minute; undefined means unlimited. */
  tokensPerMinute?: number | undefined;
  /** Calls in flight at once (≥ 1). */
  concurrency: number;
}

/** A granted slot: give it back with `release`, and report the real token count with `correct`. */
export interface Permit {
  /** Replaces the token estimate taken at admission by the real count (refunds or charges the difference). */
  correct(actualTokens: number): void;
  release(): void;
}

/**
 * A token bucket refilled continuously at `perMs`, holding at most `capacity`. A request larger than
 * the capacity is admitted once the bucket is full and drives it negative (a debt later requests
 * wait out), so the long-run rate holds whatever the request sizes.
 */
export class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly perMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.level = Math.min(this.capacity, this.level + (now - this.last) * this.perMs);
      this.last = now;
    }
  }

  /** Milliseconds until `amount` can be taken (0 when it can now). */
  waitMs(amount: number, now: number): number {
    this.refill(now);
    const need = Math.min(amount, this.capacity);
    return this.level >= need ? 0 : (need - this.level) / this.perMs;
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  /** Gives back (positive) or charges (negative) tokens after the fact. */
  adjust(delta: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + delta);
  }
}

interface Waiter {
  tokens: number;
  resolve: (p: Permit) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * FIFO admission. Buckets hold one second's worth (at least one request), so a limit of N/min comes
 * out smooth, never as a burst of N followed by a minute of silence: providers enforce their limits
 * over windows shorter than the minute they quote.
 */
export class LlmLimiter {
  private readonly requests: TokenBucket | undefined;
  private readonly tokens: TokenBucket | undefined;
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly settings: LimiterSettings,
    private readonly clock: () => number = () => performance.now(),
  ) {
    const now = clock();
    const rpm = settings.requestsPerMinute;
    const tpm = settings.tokensPerMinute;
    if (rpm !== undefined) this.requests = new TokenBucket(Math.max(1, rpm / 60), rpm / 60_000, now);
    if (tpm !== undefined) this.tokens = new TokenBucket(Math.max(1, tpm / 60), tpm / 60_000, now);
  }

  /** Calls holding a permit now. */
  get active(): number {
    return this.inFlight;
  }

  /** Calls waiting for a permit now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Waits its turn; rejects with the signal's reason if it aborts first. */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        tokens: Math.max(0, estimatedTokens),
        resolve,
        reject,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Holds every admission until `clockMs` (a 429 with Retry-After speaks for the whole provider). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
    this.pump();
  }

  private pump(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      if (this.inFlight >= this.settings.concurrency) return; // a release pumps again
      const head = this.queue[0]!;
      const now = this.clock();
      const wait = Math.max(
        this.pausedUntil - now,
        this.requests?.waitMs(1, now) ?? 0,
        this.tokens?.waitMs(head.tokens, now) ?? 0,
      );
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), Math.ceil(wait));
        return;
      }
      this.queue.shift();
      if (head.onAbort) head.signal?.removeEventListener("abort", head.onAbort);
      this.requests?.take(1, now);
      this.tokens?.take(head.tokens, now);
      this.inFlight++;
      head.resolve(this.permit(head.tokens));
    }
  }

  private permit(estimate: number): Permit {
    let released = false;
    let charged = estimate;
    return {
      correct: (actual) => {
        if (released || !Number.isFinite(actual)) return;
        this.tokens?.adjust(charged - actual, this.clock());
        charged = actual;
      },
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      },
    };
  }
}

const shared = new Map<string, LlmLimiter>();

/**
 * The process-wide limiter for one provider endpoint (`key`, e.g. `openai https://api.openai.com/v1`)
 * and settings: gateways built from the same config share their limits, as the provider does.
 */
export function sharedLimiter(key: string, settings: LimiterSettings): LlmLimiter {
  const k = `${key} ${settings.requestsPerMinute ?? "-"} ${settings.tokensPerMinute ?? "-"} ${settings.concurrency}`;
  let limiter = shared.get(k);
  if (limiter === undefined) {
    limiter = new LlmLimiter(settings);
    shared.set(k, limiter);
  }
  return limiter;
}
