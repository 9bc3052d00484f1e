/** Backoff delays (exponential, full jitter) and the server's own say (Retry-After, retry-after-ms). */

/**
 * Full-jitter backoff: uniform in [0, min(maxMs, baseMs·2^(retry−1))], `retry` counting from 1.
 * Spreads the retries of concurrent callers so they do not hit the server again in lockstep.
 */
export function backoffMs(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Header lookup that accepts a fetch `Headers` or a plain record (case-insensitive). */
export type HeaderSource = Headers | Readonly<Record<string, string | undefined>> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Readonly<Record<string, string | undefined>>;
  for (const [k, v] of Object.entries(rec)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * How long the server asked us to wait, in ms, or undefined when it did not say: `retry-after-ms`
 * (OpenAI, Anthropic) first, then `Retry-After` as delta-seconds or as an HTTP date.
 */
export function retryAfterMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && ms.trim() !== "") {
    const v = Number(ms);
    if (Number.isFinite(v) && v >= 0) return v;
  }
  const ra = header(headers, "retry-after");
  if (ra === undefined || ra.trim() === "") return undefined;
  const seconds = Number(ra);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
