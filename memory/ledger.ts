/** The LLM cost ledger on SQLite: one row per attempt, sums per run and per purpose. */
import type { Database } from "better-sqlite3";
import { z } from "zod";
import { AlchemistError } from "../core/errors.js";
import type { LlmCallRecord, LlmLedgerSink } from "../llm/index.js";

export interface LedgerTotals {
  /** Gateway calls (attempts grouped by call id). */
  calls: number;
  /** Attempts, retries included (= rows). */
  attempts: number;
  /** Attempts that failed. */
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Sum of attempt latencies, ms. */
  latencyMs: number;
}

export interface PurposeTotals extends LedgerTotals {
  purpose: string;
}

export interface LedgerFilter {
  runId?: string;
  purpose?: string;
}

export interface Ledger extends LlmLedgerSink {
  /** Sums over all rows, or those of one run and/or purpose. */
  totals(filter?: LedgerFilter): LedgerTotals;
  /** Sums per purpose (alphabetical), over one run or all. */
  byPurpose(runId?: string): PurposeTotals[];
  /** The rows of a run (or all), oldest first. */
  rows(filter?: LedgerFilter): LlmCallRecord[];
}

const RecordSchema = z.object({
  callId: z.string().min(1),
  runId: z.string().nullable(),
  purpose: z.string().min(1),
  provider: z.string().min(1),
  model: z.string().min(1),
  method: z.enum(["structured", "json", "text"]),
  attempt: z.number().int().min(1),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  outcome: z.enum(["ok", "error"]),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  createdAt: z.string().min(1),
});

const TotalsRow = z.object({
  calls: z.number(),
  attempts: z.number(),
  errors: z.number().nullable(),
  input_tokens: z.number().nullable(),
  output_tokens: z.number().nullable(),
  cost_usd: z.number().nullable(),
  latency_ms: z.number().nullable(),
});

const StoredRow = z.object({
  call_id: z.string(),
  run_id: z.string().nullable(),
  purpose: z.string(),
  provider: z.string(),
  model: z.string(),
  method: z.enum(["structured", "json", "text"]),
  attempt: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  latency_ms: z.number(),
  outcome: z.enum(["ok", "error"]),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  created_at: z.string(),
});

const SUMS = `COUNT(DISTINCT call_id) AS calls, COUNT(*) AS attempts,
  SUM(outcome = 'error') AS errors, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
  SUM(cost_usd) AS cost_usd, SUM(latency_ms) AS latency_ms`;

export function createLedger(db: Database): Ledger {
  const insert =
    db.prepare(`INSERT INTO llm_calls (call_id, run_id, purpose, provider, model, method, attempt,
      input_tokens, output_tokens, cost_usd, latency_ms, outcome, error_code, error_message, created_at)
    VALUES (@callId, @runId, @purpose, @provider, @model, @method, @attempt, @inputTokens, @outputTokens,
      @costUsd, @latencyMs, @outcome, @errorCode, @errorMessage, @createdAt)`);
  const spent = db.prepare("SELECT COALESCE(SUM(cost_usd), 0) AS usd FROM llm_calls WHERE run_id = ?");

  const where = (f: LedgerFilter): { sql: string; params: unknown[] } => {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (f.runId !== undefined) {
      parts.push("run_id = ?");
      params.push(f.runId);
    }
    if (f.purpose !== undefined) {
      parts.push("purpose = ?");
      params.push(f.purpose);
    }
    return { sql: parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "", params };
  };

  const toTotals = (raw: unknown): LedgerTotals => {
    const r = TotalsRow.parse(raw);
    return {
      calls: r.calls,
      attempts: r.attempts,
      errors: r.errors ?? 0,
      inputTokens: r.input_tokens ?? 0,
      outputTokens: r.output_tokens ?? 0,
      costUsd: r.cost_usd ?? 0,
      latencyMs: r.latency_ms ?? 0,
    };
  };

  return {
    record(row) {
      const parsed = RecordSchema.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AlchemistError(
          "INVALID_ARGUMENT",
          `ledger row: ${issue.path.join(".")}: ${issue.message}`,
          {
            parameter: issue.path.join("."),
          },
        );
      }
      insert.run({ ...parsed.data, latencyMs: Math.round(parsed.data.latencyMs) });
    },
    spentUsd(runId) {
      return (spent.get(runId) as { usd: number }).usd;
    },
    totals(filter = {}) {
      const w = where(filter);
      return toTotals(db.prepare(`SELECT ${SUMS} FROM llm_calls ${w.sql}`).get(...w.params));
    },
    byPurpose(runId) {
      const w = where(runId === undefined ? {} : { runId });
      const rows = db
        .prepare(`SELECT purpose, ${SUMS} FROM llm_calls ${w.sql} GROUP BY purpose ORDER BY purpose`)
        .all(...w.params);
      return rows.map((raw) => ({
        purpose: z.object({ purpose: z.string() }).parse(raw).purpose,
        ...toTotals(raw),
      }));
    },
    rows(filter = {}) {
      const w = where(filter);
      return db
        .prepare(`SELECT * FROM llm_calls ${w.sql} ORDER BY id`)
        .all(...w.params)
        .map((raw) => {
          const r = StoredRow.parse(raw);
          return {
            callId: r.call_id,
            runId: r.run_id,
            purpose: r.purpose as LlmCallRecord["purpose"],
            provider: r.provider,
            model: r.model,
            method: r.method,
            attempt: r.attempt,
            inputTokens: r.input_tokens,
            outputTokens: r.output_tokens,
            costUsd: r.cost_usd,
            latencyMs: r.latency_ms,
            outcome: r.outcome,
            errorCode: r.error_code,
            errorMessage: r.error_message,
            createdAt: r.created_at,
          };
        });
    },
  };
}
