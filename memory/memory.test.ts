import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { LlmCallRecord } from "../llm/index.js";
import { openDatabase } from "./database.js";
import { openMemory } from "./memory.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alchemist-memory-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const row = (over: Partial<LlmCallRecord> = {}): LlmCallRecord => ({
  callId: "c1",
  runId: "r1",
  purpose: "profiler",
  provider: "openai",
  model: "gpt-4o-mini",
  method: "structured",
  attempt: 1,
  inputTokens: 100,
  outputTokens: 10,
  costUsd: 0.001,
  latencyMs: 12.4,
  outcome: "ok",
  errorCode: null,
  errorMessage: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  ...over,
});

describe("openMemory", () => {
  test("a file in WAL mode with a busy timeout, migrated once, reopened without re-running", () => {
    const path = join(dir, "nested", "memory.db");
    const m = openMemory(path);
    expect(m.schemaVersion).toBe(SCHEMA_VERSION);
    expect(m.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(m.db.pragma("busy_timeout", { simple: true })).toBe(5000);
    m.ledger.record(row());
    m.close();
    const again = openMemory(path);
    expect(again.db.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get()).toEqual({
      n: MIGRATIONS.length,
    });
    expect(again.ledger.rows()).toHaveLength(1);
    again.close();
  });

  test("later migrations apply on top; a file from a newer version is refused", () => {
    const path = join(dir, "m.db");
    openMemory(path).close();
    const extra = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: "extra",
        up: (db: import("better-sqlite3").Database) => db.exec("CREATE TABLE extra (id TEXT PRIMARY KEY)"),
      },
    ];
    const db = openDatabase(path, { migrations: extra });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({
      name: "extra",
    });
    db.close();
    expect(() => openMemory(path)).toThrow(/newer than this Alchemist knows/);
  });

  test(":memory: works (no WAL)", () => {
    const m = openMemory(":memory:");
    m.ledger.record(row());
    expect(m.ledger.totals().calls).toBe(1);
    m.close();
  });
});

describe("ledger", () => {
  test("totals and byPurpose group attempts into calls", () => {
    const m = openMemory(":memory:");
    const L = m.ledger;
    L.record(
      row({
        callId: "a",
        attempt: 1,
        outcome: "error",
        errorCode: "LLM_RATE_LIMITED",
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      }),
    );
    L.record(row({ callId: "a", attempt: 2 }));
    L.record(row({ callId: "b", purpose: "proposer", costUsd: 0.5 }));
    L.record(row({ callId: "c", runId: "r2", purpose: "proposer", costUsd: 2 }));
    L.record(row({ callId: "d", runId: null, purpose: "qa" }));
    expect(L.totals({ runId: "r1" })).toEqual({
      calls: 2,
      attempts: 3,
      errors: 1,
      inputTokens: 200,
      outputTokens: 20,
      costUsd: 0.501,
      latencyMs: 36,
    });
    expect(L.byPurpose("r1").map((p) => [p.purpose, p.calls, p.attempts, p.costUsd])).toEqual([
      ["profiler", 1, 2, 0.001],
      ["proposer", 1, 1, 0.5],
    ]);
    expect(L.byPurpose().map((p) => p.purpose)).toEqual(["profiler", "proposer", "qa"]);
    expect(L.totals({ purpose: "proposer" }).costUsd).toBeCloseTo(2.5, 12);
    expect(L.totals({ runId: "none-such" })).toMatchObject({ calls: 0, attempts: 0, costUsd: 0 });
    expect(L.spentUsd("r1")).toBeCloseTo(0.501, 12);
    expect(L.rows({ runId: "r2" })[0]).toMatchObject({
      callId: "c",
      purpose: "proposer",
      method: "structured",
    });
    m.close();
  });

  test("invalid rows are refused with the field named", () => {
    const m = openMemory(":memory:");
    expect(() => m.ledger.record(row({ attempt: 0 }))).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", details: { parameter: "attempt" } }),
    );
    expect(() => m.ledger.record({ ...row(), outcome: "maybe" as "ok" })).toThrow(/outcome/);
    m.close();
  });
});
