/** Turns whatever one attempt threw into a verdict: retry (and how long the server asked to wait) or fail. */
import type { ErrorCode } from "../core/errors.js";
import { MalformedAnswerError, type OutputMode } from "./providers/adapter.js";
import { HttpStatusError, type TransportProbe } from "./providers/transport.js";
import type { ProviderName } from "./model-id.js";
import { retryAfterMs } from "./retry.js";

export interface Failure {
  code: ErrorCode;
  /** Short reason for messages and the ledger (`HTTP 503`, `timeout`, `connection refused`). */
  message: string;
  retryable: boolean;
  /** Machine-readable cause, e.g. `rate_limited`, `quota`, `timeout`, `connection`, `malformed_body`. */
  reason: string;
  status?: number;
  /** What the server asked us to wait (Retry-After / retry-after-ms), in ms. */
  retryAfterMs?: number;
  /** Which output feature the server refused (LLM_UNSUPPORTED only). */
  unsupported?: "schema" | "json";
  /**
   * The model refuses the feature as such (remember it), rather than this particular schema
   * ("Invalid schema for response_format …"), which another schema may pass.
   */
  modelWide?: boolean;
  /** Which setting to fix (LLM_CONFIG only). */
  parameter?: string;
}

export interface AttemptState {
  provider: ProviderName;
  mode: OutputMode;
  /** Our per-attempt timer fired. */
  timedOut: boolean;
  /** The caller's signal aborted. */
  callerAborted: boolean;
}

/** Words a server uses when it refuses the output feature we asked for, per provider. */
const FEATURE_WORDS: Record<ProviderName, RegExp> = {
  openai: /response_format|json_schema|json_object|structured output|strict/i,
  anthropic: /\btools?\b|tool_choice|tool_use|input_schema/i,
  ollama: /\bformat\b|json schema|structured output/i,
};

export function classifyFailure(error: unknown, probe: TransportProbe, state: AttemptState): Failure {
  if (state.callerAborted) {
    return {
      code: "LLM_UNAVAILABLE",
      message: "cancelled by the caller",
      retryable: false,
      reason: "aborted",
    };
  }
  if (state.timedOut)
    return { code: "LLM_TIMEOUT", message: "timed out", retryable: true, reason: "timeout" };

  const status = probe.status ?? (error instanceof HttpStatusError ? error.status : undefined);
  if (status !== undefined && status >= 200 && status < 300) {
    if (error instanceof MalformedAnswerError || error instanceof SyntaxError) {
      return {
        code: "LLM_BAD_RESPONSE",
        message: `malformed response body (${error.message})`,
        retryable: false,
        reason: "malformed_body",
      };
    }
    // The body broke off after a 2xx status: a dropped connection.
    return {
      code: "LLM_UNAVAILABLE",
      message: `connection lost: ${errorText(error)}`,
      retryable: true,
      reason: "connection",
    };
  }
  if (status !== undefined && status >= 300) return httpFailure(status, probe, state);
  if (probe.fetchError !== undefined || probe.sends > 0) {
    return {
      code: "LLM_UNAVAILABLE",
      message: `cannot reach the server: ${errorText(probe.fetchError ?? error)}`,
      retryable: true,
      reason: "connection",
    };
  }
  // The client refused before sending anything: its configuration, not the server.
  return {
    code: "LLM_CONFIG",
    message: `the ${state.provider} client refused the request: ${errorText(error)}`,
    retryable: false,
    reason: "client",
  };
}

function httpFailure(status: number, probe: TransportProbe, state: AttemptState): Failure {
  const detail = serverMessage(probe.errorBody);
  const message = `HTTP ${status}${detail ? `: ${detail}` : ""}`;
  const wait = retryAfterMs(probe.headers);
  const base = { message, status, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  if (status === 429) {
    // An exhausted quota or billing limit will not lift in seconds: retrying only burns time.
    if (/insufficient_quota|billing|credit balance/i.test(probe.errorBody ?? "")) {
      return { ...base, code: "LLM_RATE_LIMITED", retryable: false, reason: "quota" };
    }
    return { ...base, code: "LLM_RATE_LIMITED", retryable: true, reason: "rate_limited" };
  }
  if (status === 408) return { ...base, code: "LLM_TIMEOUT", retryable: true, reason: "timeout" };
  if (status >= 500) return { ...base, code: "LLM_UNAVAILABLE", retryable: true, reason: "server_error" };
  if (status === 401 || status === 403) {
    return { ...base, code: "LLM_CONFIG", retryable: false, reason: "auth", parameter: "apiKey" };
  }
  if (status === 404)
    return { ...base, code: "LLM_CONFIG", retryable: false, reason: "not_found", parameter: "model" };
  const usesFeature = state.mode.kind === "schema" || state.mode.kind === "json";
  if (usesFeature && (status === 400 || status === 422 || status === 501)) {
    const body = probe.errorBody ?? "";
    if (FEATURE_WORDS[state.provider].test(body)) {
      const schemaOnly = /invalid (json )?schema|schema is invalid|invalid_json_schema/i.test(body);
      return {
        ...base,
        code: "LLM_UNSUPPORTED",
        retryable: false,
        reason: schemaOnly ? "schema_rejected" : "unsupported",
        unsupported: state.mode.kind === "schema" ? "schema" : "json",
        modelWide: !schemaOnly,
      };
    }
  }
  return { ...base, code: "LLM_BAD_RESPONSE", retryable: false, reason: "request_rejected" };
}

/** The human part of an error body (`{"error": {"message"}}`, `{"error": "…"}`, or the text), ≤ 300 chars. */
function serverMessage(body: string | undefined): string {
  if (body === undefined || body.trim() === "") return "";
  let text = body.trim();
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    const err = json.error;
    if (typeof err === "string") text = err;
    else if (
      err !== null &&
      typeof err === "object" &&
      typeof (err as { message?: unknown }).message === "string"
    ) {
      text = (err as { message: string }).message;
    } else if (typeof json.message === "string") text = json.message;
  } catch {
    // not JSON: keep the text
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const code = cause !== null && typeof cause === "object" ? (cause as { code?: unknown }).code : undefined;
  return typeof code === "string" ? `${e.message} (${code})` : e.message;
}
