/**
 * What the wire said during one attempt, whatever the SDK made of it: status, headers, error body,
 * fetch failure. The SDKs' own error classes differ; the probe lets one classifier serve all three.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface TransportProbe {
  status?: number;
  headers?: Headers;
  /** Body text of a non-2xx answer (for LLM_UNSUPPORTED detection and messages). */
  errorBody?: string;
  /** What fetch itself threw (connection refused, reset, aborted). */
  fetchError?: unknown;
  /** Requests sent in this attempt (an SDK with retries off sends one). */
  sends: number;
}

/** The attempt's probe and abort signal, found by the fetch wrapper through async context. */
interface AttemptContext {
  probe: TransportProbe;
  signal: AbortSignal;
}

const attempts = new AsyncLocalStorage<AttemptContext>();

/** Runs `fn` (one SDK call) with the probe and signal its fetches will use. */
export function withAttempt<T>(probe: TransportProbe, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return attempts.run({ probe, signal }, fn);
}

/** Thrown by the wrapper for non-2xx answers when `throwOnHttpError` (the ollama client logs to stdout otherwise). */
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = "HttpStatusError";
  }
}

/**
 * A `fetch` for an SDK client: adds the attempt's abort signal, and records status, headers, error body
 * and fetch failures in the attempt's probe.
 */
export function probingFetch(options: { throwOnHttpError?: boolean } = {}): typeof fetch {
  return async (input, init) => {
    const ctx = attempts.getStore();
    const signals = [init?.signal, ctx?.signal].filter((s): s is AbortSignal => s != null);
    const signal =
      signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    if (ctx) ctx.probe.sends++;
    let res: Response;
    try {
      res = await fetch(input, { ...init, ...(signal ? { signal } : {}) });
    } catch (e) {
      if (ctx) ctx.probe.fetchError = e;
      throw e;
    }
    if (ctx) {
      ctx.probe.status = res.status;
      ctx.probe.headers = res.headers;
      if (!res.ok) ctx.probe.errorBody = await res.text().catch(() => "");
    }
    if (!res.ok && options.throwOnHttpError) throw new HttpStatusError(res.status);
    if (!res.ok && ctx) {
      // The body was consumed above; hand the SDK an identical, unread answer.
      return new Response(ctx.probe.errorBody ?? "", {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    }
    return res;
  };
}
