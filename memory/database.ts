/** Opens the SQLite file (WAL, busy timeout, foreign keys) and brings its schema up to date. */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { AlchemistError } from "../core/errors.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

export interface OpenDatabaseOptions {
  /** ms a writer waits for another connection's lock before SQLITE_BUSY (default 5000). */
  busyTimeoutMs?: number;
  /** Default MIGRATIONS (tests may pass their own list). */
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const inMemory = path === ":memory:";
  const full = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(full), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(full);
  } catch (e) {
    throw new AlchemistError(
      "FILE_NOT_FOUND",
      `cannot open the memory database ${full}: ${(e as Error).message}`,
      {
        path: full,
      },
    );
  }
  try {
    // WAL lets readers (dashboard, status) run while the loop writes; busy_timeout makes a second
    // writer wait instead of failing at once.
    if (!inMemory) db.pragma("journal_mode = WAL");
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db, options.migrations ?? MIGRATIONS, full);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Applies the migrations the file lacks, each in its own transaction; returns the resulting version. */
export function migrate(db: Database, migrations: readonly Migration[], path = "memory"): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new AlchemistError("INTERNAL", `migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AlchemistError(
      "INVALID_ARGUMENT",
      `${path} has schema version ${current}, newer than this Alchemist knows (${latest}): upgrade Alchemist`,
      { path, parameter: "schema_version" },
    );
  }
  const insert = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const m of migrations.slice(current)) {
    // IMMEDIATE takes the write lock first; re-reading the version under it lets two processes that
    // open a fresh file together apply each migration once.
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      insert.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return latest;
}

/** The version recorded in the file. */
export function schemaVersion(db: Database): number {
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as
    | { v: number | null }
    | undefined;
  return row?.v ?? 0;
}
