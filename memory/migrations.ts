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
  {
    version: 2,
    name: "runs, trials, decisions",
    up: (db) => {
      // Timestamps are ISO-8601 UTC strings (they sort as text); *_json columns hold JSON whose
      // non-finite numbers are tagged (see json-codec.ts). No foreign key from runs to datasets: a run
      // may be created before its dataset row is written, and warm starts only join on it.
      db.exec(`
        CREATE TABLE datasets (
          fingerprint TEXT    PRIMARY KEY,
          path        TEXT    NOT NULL,
          rows        INTEGER NOT NULL CHECK (rows >= 0),
          columns     INTEGER NOT NULL CHECK (columns >= 0),
          created_at  TEXT    NOT NULL
        );

        CREATE TABLE runs (
          id                  TEXT PRIMARY KEY,
          created_at          TEXT NOT NULL,
          updated_at          TEXT NOT NULL,
          status              TEXT NOT NULL
            CHECK (status IN ('running', 'finished', 'failed', 'cancelled', 'interrupted')),
          dataset_fingerprint TEXT NOT NULL,
          train_path          TEXT NOT NULL,
          test_path           TEXT,
          target              TEXT,
          task                TEXT NOT NULL,
          metric              TEXT NOT NULL,
          goal                REAL,
          config_json         TEXT NOT NULL,
          profile_json        TEXT,
          stopped_because     TEXT,
          best_trial          INTEGER,
          cv_score            REAL,
          test_score          REAL,
          result_json         TEXT,
          pid                 INTEGER
        );
        CREATE INDEX runs_created ON runs (created_at);
        CREATE INDEX runs_status ON runs (status);
        CREATE INDEX runs_dataset ON runs (dataset_fingerprint);

        CREATE TABLE trials (
          run_id           TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          seq              INTEGER NOT NULL CHECK (seq >= 1),
          phase            TEXT    NOT NULL,
          spec_json        TEXT    NOT NULL,
          status           TEXT    NOT NULL
            CHECK (status IN ('ok', 'failed', 'recovered', 'timed_out', 'pruned')),
          score            REAL,
          fold_scores_json TEXT    NOT NULL DEFAULT '[]',
          std              REAL,
          fit_seconds      REAL    NOT NULL DEFAULT 0,
          seconds          REAL    NOT NULL DEFAULT 0,
          resource         REAL,
          error_json       TEXT,
          oof_path         TEXT,
          settings_json    TEXT    NOT NULL DEFAULT '{}',
          origin           TEXT,
          max_fold_fit_seconds REAL NOT NULL DEFAULT 0,
          created_at       TEXT    NOT NULL,
          PRIMARY KEY (run_id, seq)
        );

        CREATE TABLE decisions (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          run_id        TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          seq           INTEGER,
          agent         TEXT    NOT NULL,
          tier          TEXT    NOT NULL CHECK (tier IN ('structured', 'json', 'heuristic')),
          model         TEXT,
          output_json   TEXT    NOT NULL,
          failures_json TEXT    NOT NULL DEFAULT '[]',
          accepted      INTEGER NOT NULL CHECK (accepted IN (0, 1)),
          input_tokens  INTEGER NOT NULL DEFAULT 0,
          output_tokens INTEGER NOT NULL DEFAULT 0,
          cost_usd      REAL    NOT NULL DEFAULT 0,
          latency_ms    REAL    NOT NULL DEFAULT 0,
          created_at    TEXT    NOT NULL
        );
        CREATE INDEX decisions_run ON decisions (run_id, id);

        CREATE TABLE errors (
          id           INTEGER PRIMARY KEY AUTOINCREMENT,
          run_id       TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          seq          INTEGER,
          code         TEXT    NOT NULL,
          message      TEXT    NOT NULL,
          details_json TEXT,
          created_at   TEXT    NOT NULL
        );
        CREATE INDEX errors_run ON errors (run_id, id);

        CREATE TABLE artifacts (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          run_id     TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          kind       TEXT    NOT NULL,
          path       TEXT    NOT NULL,
          bytes      INTEGER NOT NULL CHECK (bytes >= 0),
          sha256     TEXT,
          created_at TEXT    NOT NULL
        );
        CREATE INDEX artifacts_run ON artifacts (run_id, id);
      `);
    },
  },
  {
    version: 3,
    name: "trial recoveries",
    up: (db) => {
      db.exec("ALTER TABLE trials ADD COLUMN recovery_json TEXT");
    },
  },
  {
    version: 4,
    name: "meta-features, run outcomes, warm starts",
    up: (db) => {
      // meta_features: one row per dataset content + target + definition version (cached: the
      // landmarkers cost a little). run_outcomes: a finished run's best pipelines, what warm starts
      // and portfolios learn from. run_warm_starts: the seeds a run started from, so resume replays them.
      db.exec(`
        CREATE TABLE meta_features (
          fingerprint   TEXT    NOT NULL,
          target        TEXT    NOT NULL,
          version       INTEGER NOT NULL CHECK (version >= 1),
          task          TEXT    NOT NULL,
          features_json TEXT    NOT NULL,
          seconds       REAL    NOT NULL DEFAULT 0 CHECK (seconds >= 0),
          created_at    TEXT    NOT NULL,
          PRIMARY KEY (fingerprint, target, version)
        );

        CREATE TABLE run_outcomes (
          run_id         TEXT    PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
          fingerprint    TEXT    NOT NULL,
          target         TEXT    NOT NULL,
          task           TEXT    NOT NULL,
          metric         TEXT    NOT NULL,
          dataset        TEXT    NOT NULL,
          meta_version   INTEGER NOT NULL,
          pipelines_json TEXT    NOT NULL,
          cv_score       REAL,
          test_score     REAL,
          seconds        REAL    NOT NULL DEFAULT 0 CHECK (seconds >= 0),
          created_at     TEXT    NOT NULL
        );
        CREATE INDEX run_outcomes_task ON run_outcomes (task, created_at);

        CREATE TABLE run_warm_starts (
          run_id     TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
          plan_json  TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 5,
    name: "run portfolios",
    up: (db) => {
      // The learned portfolio a run started with (`--portfolio`), as it was read then: resume
      // replays it, whatever the file holds by then (or if it is gone).
      db.exec(`
        CREATE TABLE run_portfolios (
          run_id         TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
          ref            TEXT NOT NULL,
          portfolio_json TEXT NOT NULL,
          created_at     TEXT NOT NULL
        );
      `);
    },
  },
];

/** The version the code expects (the last migration's). */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
