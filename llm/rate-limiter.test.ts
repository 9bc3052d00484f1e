import { describe, expect, test } from "vitest";
import { LlmLimiter, TokenBucket } from "./rate-limiter.js";

describe("TokenBucket", () => {
  test("refills continuously up to capacity; oversized requests wait for a full bucket then go into debt", () => {
    const b = new TokenBucket(5, 5 / 1000, 0);
    expect(b.waitMs(5, 0)).toBe(0);
    b.take(5, 0);
    expect(b.waitMs(1, 0)).toBeCloseTo(200, 6);
    expect(b.waitMs(1, 200)).toBe(0);
    expect(b.waitMs(50, 200)).toBeCloseTo(800, 6); // needs min(50, capacity) = 5
    b.take(50, 1000); // level 5 → −45
    expect(b.waitMs(1, 1000)).toBeCloseTo(9200, 6);
    b.adjust(40, 1000); // the real count was 10, not 50
    expect(b.waitMs(1, 1000)).toBeCloseTo(1200, 6);
  });
});

describe("LlmLimiter", () => {
  test("concurrency cap, first come first served", async () => {
    const lim = new LlmLimiter({ concurrency: 2 });
    const order: number[] = [];
    const permits = await Promise.all([lim.acquire(0), lim.acquire(0)]);
    const waiting = [3, 4, 5].map((i) =>
      lim.acquire(0).then((p) => {
        order.push(i);
        return p;
      }),
    );
    expect(lim.active).toBe(2);
    expect(lim.waiting).toBe(3);
    permits[0]!.release();
    permits[0]!.release(); // idempotent
    const p3 = await waiting[0]!;
    permits[1]!.release();
    p3.release();
    const rest = await Promise.all(waiting.slice(1));
    expect(order).toEqual([3, 4, 5]);
    for (const p of rest) p.release();
    expect(lim.active).toBe(0);
  });

  test("requests per minute are spread, not bursted by the minute", async () => {
    const lim = new LlmLimiter({ requestsPerMinute: 1200, concurrency: 100 }); // 20/s, bucket of 20
    const t0 = performance.now();
    const ps = await Promise.all(Array.from({ length: 25 }, () => lim.acquire(1)));
    const elapsed = performance.now() - t0;
    for (const p of ps) p.release();
    expect(elapsed).toBeGreaterThanOrEqual(230); // 5 beyond the bucket at 20/s
    expect(elapsed).toBeLessThan(1500);
  });

  test("an aborted waiter leaves the queue; pauseFor holds everyone", async () => {
    const lim = new LlmLimiter({ concurrency: 1 });
    const first = await lim.acquire(0);
    const ac = new AbortController();
    const cancelled = lim.acquire(0, ac.signal);
    ac.abort(new Error("stop"));
    await expect(cancelled).rejects.toThrow("stop");
    expect(lim.waiting).toBe(0);
    first.release();
    lim.pauseFor(150);
    const t0 = performance.now();
    (await lim.acquire(0)).release();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
