/**
 * One gateway call: budget check, admission (limiter), attempts with per-attempt timeout, retries with
 * backoff and Retry-After, a ledger row per attempt, and one typed error when it gives up.
 */
import { randomUUID } from "node:crypto";
import { AlchemistError, type ErrorCode } from "../core/errors.js";
import { log } from "../core/log.js";
import type { Reading } from "./answers.js";
import { type Failure, classifyFailure } from "./classify.js";
import type { ProviderName } from "./model-id.js";
import { type ModelPrice, costUsd } from "./pricing.js";
import type { OutputMode, ProviderAdapter, ProviderAnswer } from "./providers/adapter.js";
import { type TransportProbe, withAttempt } from "./providers/transport.js";
import type { LlmLimiter } from "./rate-limiter.js";
import { redact, redactDeep } from "./redact.js";
import { backoffMs, sleep } from "./retry.js";
import type {
  LlmCallOptions,
  LlmCallRecord,
  LlmLedgerSink,
  LlmMessage,
  LlmMethod,
  LlmResult,
} from "./types.js";

/** What the loop needs from the gateway; built once per gateway. */
export interface CallContext {
  adapter: ProviderAdapter;
  provider: ProviderName;
  model: string;
  modelId: string;
  limiter: LlmLimiter;
  ledger: LlmLedgerSink;
  price: ModelPrice;
  secrets: readonly string[];
  /** Output features this model refused (LLM_UNSUPPORTED): later calls skip straight to the error. */
  unsupported: Set<"schema" | "json">;
  /** Spend of calls without a run id (they share the gateway's budget). */
  looseSpend: { usd: number };
  settings: {
    timeoutMs: number;
    maxRetries: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    retryAfterMaxMs: number;
    maxTokens: number | undefined;
    temperature: number | undefined;
    budgetUsd: number | undefined;
  };
  random: () => number;
}

export interface CallPlan<T> {
  method: LlmMethod;
  messages: LlmMessage[];
  /** Modes to try in order: a mode the server refuses (LLM_UNSUPPORTED) moves on to the next one. */
  modes: OutputMode[];
  read: (answer: ProviderAnswer) => Reading<T>;
}

/** Output estimate for admission when the call sets no cap; corrected by the real count afterwards. */
const DEFAULT_OUTPUT_ESTIMATE = 1024;

export async function runCall<T>(
  ctx: CallContext,
  plan: CallPlan<T>,
  options: LlmCallOptions,
): Promise<LlmResult<T>> {
  if (plan.messages.length === 0) {
    throw new AlchemistError("INVALID_ARGUMENT", "an LLM call needs at least one message", {
      parameter: "messages",
    });
  }
  // The provider's SDK is imported on its first call; not inside an attempt, whose timer it would eat.
  await ctx.adapter.load();
  const s = ctx.settings;
  const callId = randomUUID();
  const started = performance.now();
  const runId = options.runId ?? null;
  const timeoutMs = options.timeoutMs ?? s.timeoutMs;
  const maxTokens = options.maxTokens ?? s.maxTokens;
  const temperature = options.temperature ?? s.temperature;
  const estimate = estimateTokens(plan.messages) + (maxTokens ?? DEFAULT_OUTPUT_ESTIMATE);
  const totals = { input: 0, output: 0, cost: 0 };
  let attempt = 0;
  let retries = 0;
  let modeIndex = 0;

  const fail = (code: ErrorCode, message: string, details: Record<string, unknown>): AlchemistError => {
    const after = attempt > 1 ? ` after ${attempt} attempts` : "";
    return new AlchemistError(
      code,
      redact(`${ctx.modelId}: ${message}${after}`, ctx.secrets),
      redactDeep(
        {
          provider: ctx.provider,
          model: ctx.model,
          attempts: attempt,
          // What the failed call was billed (answers that were rejected still cost tokens).
          inputTokens: totals.input,
          outputTokens: totals.output,
          costUsd: totals.cost,
          ...details,
        },
        ctx.secrets,
      ),
    );
  };

  for (;;) {
    const mode = plan.modes[modeIndex]!;
    if (mode.kind === "schema" && ctx.unsupported.has("schema")) {
      throw fail("LLM_UNSUPPORTED", "this model refused structured output before; not asking again", {
        reason: "unsupported",
        feature: "schema",
      });
    }
    checkBudget(ctx, runId, fail);
    if (options.signal?.aborted)
      throw fail("LLM_UNAVAILABLE", "cancelled by the caller", { reason: "aborted" });

    let permit: Awaited<ReturnType<LlmLimiter["acquire"]>>;
    try {
      permit = await ctx.limiter.acquire(estimate, options.signal);
    } catch {
      throw fail("LLM_UNAVAILABLE", "cancelled by the caller while queued", { reason: "aborted" });
    }
    try {
      checkBudget(ctx, runId, fail); // again: calls admitted before us may have spent it while we queued
    } catch (e) {
      permit.release();
      throw e;
    }
    attempt++;
    const createdAt = new Date().toISOString();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new Error("timeout")), timeoutMs);
    const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;
    const probe: TransportProbe = { sends: 0 };
    const t0 = performance.now();
    let answer: ProviderAnswer | undefined;
    let failure: Failure | undefined;
    try {
      answer = await withAttempt(probe, signal, () =>
        ctx.adapter.send({ model: ctx.model, messages: plan.messages, mode, maxTokens, temperature, signal }),
      );
    } catch (e) {
      failure = classifyFailure(e, probe, {
        provider: ctx.provider,
        mode,
        timedOut: timer.signal.aborted,
        callerAborted: options.signal?.aborted === true && !timer.signal.aborted,
      });
    } finally {
      clearTimeout(timeout);
    }
    const latencyMs = Math.round(performance.now() - t0);
    const inputTokens = answer?.inputTokens ?? 0;
    const outputTokens = answer?.outputTokens ?? 0;
    permit.correct(answer ? inputTokens + outputTokens : 0);
    permit.release();
    const cost = costUsd(ctx.price, inputTokens, outputTokens);
    totals.input += inputTokens;
    totals.output += outputTokens;
    totals.cost += cost;
    if (runId === null) ctx.looseSpend.usd += cost;

    const row = (outcome: "ok" | "error", errorCode: string | null, errorMessage: string | null): void =>
      record(ctx, {
        callId,
        runId,
        purpose: options.purpose,
        provider: ctx.provider,
        model: ctx.model,
        method: plan.method,
        attempt,
        inputTokens,
        outputTokens,
        costUsd: cost,
        latencyMs,
        outcome,
        errorCode,
        errorMessage: errorMessage === null ? null : redact(errorMessage, ctx.secrets).slice(0, 500),
        createdAt,
      });

    if (answer !== undefined) {
      const reading = plan.read(answer);
      if (reading.ok) {
        row("ok", null, null);
        return {
          value: reading.value,
          usage: {
            inputTokens: totals.input,
            outputTokens: totals.output,
            costUsd: totals.cost,
            latencyMs: Math.round(performance.now() - started),
            attempts: attempt,
          },
          provider: ctx.provider,
          model: ctx.model,
        };
      }
      row("error", "LLM_BAD_RESPONSE", reading.reason);
      throw fail("LLM_BAD_RESPONSE", reading.message, { reason: reading.reason, ...(reading.details ?? {}) });
    }

    const f = failure!;
    row("error", f.code, f.message);
    log.debug("llm attempt failed", {
      model: ctx.modelId,
      purpose: options.purpose,
      attempt,
      code: f.code,
      reason: f.reason,
    });
    const details = {
      reason: f.reason,
      ...(f.status !== undefined ? { status: f.status } : {}),
      ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
      ...(f.parameter !== undefined ? { parameter: f.parameter } : {}),
    };
    if (f.code === "LLM_UNSUPPORTED" && f.unsupported !== undefined) {
      if (f.modelWide) ctx.unsupported.add(f.unsupported);
      if (modeIndex + 1 < plan.modes.length) {
        modeIndex++; // e.g. JSON mode refused: ask for JSON in words instead
        continue;
      }
      throw fail(
        f.code,
        `the server refused ${f.unsupported === "schema" ? "structured output" : "JSON mode"} (${f.message})`,
        {
          ...details,
          feature: f.unsupported,
        },
      );
    }
    if (!f.retryable || retries >= s.maxRetries) throw fail(f.code, f.message, details);
    if (f.retryAfterMs !== undefined && f.retryAfterMs > s.retryAfterMaxMs) {
      throw fail(
        f.code,
        `${f.message}; the server asks to wait ${Math.ceil(f.retryAfterMs / 1000)} s, over retryAfterMaxMs`,
        details,
      );
    }
    retries++;
    const jitter = backoffMs(retries, s.backoffBaseMs, s.backoffMaxMs, ctx.random);
    const wait = f.retryAfterMs !== undefined ? Math.max(f.retryAfterMs, jitter) : jitter;
    if (f.retryAfterMs !== undefined) ctx.limiter.pauseFor(f.retryAfterMs);
    log.info("llm retry", {
      model: ctx.modelId,
      purpose: options.purpose,
      attempt,
      code: f.code,
      waitMs: wait,
    });
    try {
      await sleep(wait, options.signal);
    } catch {
      throw fail("LLM_UNAVAILABLE", "cancelled by the caller during backoff", { reason: "aborted" });
    }
  }
}

function checkBudget(
  ctx: CallContext,
  runId: string | null,
  fail: (code: ErrorCode, message: string, details: Record<string, unknown>) => AlchemistError,
): void {
  const budget = ctx.settings.budgetUsd;
  if (budget === undefined) return;
  let spent: number;
  try {
    spent = runId === null ? ctx.looseSpend.usd : ctx.ledger.spentUsd(runId);
  } catch (e) {
    log.warn("llm ledger unreadable; budget not enforced for this attempt", { error: String(e) });
    return;
  }
  if (spent >= budget) {
    throw fail("LLM_BUDGET_EXCEEDED", `the LLM budget of $${budget} is spent ($${spent.toFixed(4)} used)`, {
      reason: "budget",
      parameter: "budgetUsd",
      budgetUsd: budget,
      spentUsd: spent,
      ...(runId !== null ? { runId } : {}),
    });
  }
}

function record(ctx: CallContext, row: LlmCallRecord): void {
  try {
    ctx.ledger.record(row);
  } catch (e) {
    log.error("llm ledger write failed", { error: redact(String(e), ctx.secrets) });
  }
}

/** About four characters per token, plus a few per message for the chat framing. */
export function estimateTokens(messages: readonly LlmMessage[]): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4) + 4 * messages.length;
}
