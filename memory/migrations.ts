/**
 * The store's schema, one versioned migration at a time. Append new migrations (runs, trials,
 * decisions, …) at the end with the next version; never edit one that has shipped.
 */
import type { Database } from "better-sqlite3";

export interface Migration {
  /** 1, 2, 3, … in order, no gaps. */
  version: number;
  /** A few words for `schema_migrations.name`. */
  name: string;
  /** Runs inside the migration's transaction. */
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "llm_calls ledger",
    up: (db) => {
      db.exec(`
        CREATE TABLE llm_calls (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          call_id       TEXT    NOT NULL,
          run_id        TEXT,
          purpose       TEXT    NOT NULL,
          provider      TEXT    NOT NULL,
          model         TEXT    NOT NULL,
          method        TEXT    NOT NULL CHECK (method IN ('structured', 'json', 'text')),
          attempt       INTEGER NOT NULL CHECK (attempt >= 1),
          input_tokens  INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
          output_tokens INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
          cost_usd      REAL    NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
          latency_ms    INTEGER NOT NULL DEFAULT 0 CHECK (latency_ms >= 0),
          outcome       TEXT    NOT NULL CHECK (outcome IN ('ok', 'error')),
          error_code    TEXT,
          error_message TEXT,
          created_at    TEXT    NOT NULL
        );
        CREATE INDEX llm_calls_run_purpose ON llm_calls (run_id, purpose);
        CREATE INDEX llm_calls_call ON llm_calls (call_id);
      `);
    },
  },
];

/** The version the code expects (the last migration's). */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
