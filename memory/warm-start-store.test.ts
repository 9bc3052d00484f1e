import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase, schemaVersion } from "./database.js";
import { type Memory, openMemory } from "./memory.js";
import { MIGRATIONS } from "./migrations.js";

let dir: string;
let memory: Memory;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alchemist-warm-store-"));
  memory = openMemory(join(dir, "memory.db"));
});
afterEach(() => {
  memory.close();
  rmSync(dir, { recursive: true, force: true });
});

const createRun = (fingerprint: string) =>
  memory.runs.createRun({
    datasetFingerprint: fingerprint,
    trainPath: `/data/${fingerprint}/train.csv`,
    target: "y",
    task: "binary",
    metric: "roc_auc",
    config: {},
  });

const outcome = (fingerprint: string) => ({
  fingerprint,
  target: "y",
  task: "binary" as const,
  metric: "roc_auc",
  dataset: `/data/${fingerprint}/train.csv`,
  metaVersion: 1,
  pipelines: [{ any: "json", score: Number.NaN }],
  cvScore: 0.9,
  testScore: null,
  seconds: 12,
});

describe("migration 4", () => {
  test("a v3 file gains the metalearning tables and keeps its runs", () => {
    const path = join(dir, "v3.db");
    const v3 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 3) });
    expect(schemaVersion(v3)).toBe(3);
    v3.prepare(
      `INSERT INTO runs (id, created_at, updated_at, status, dataset_fingerprint, train_path, task, metric, config_json)
       VALUES ('old-run', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'finished', 'fp', 't.csv', 'binary', 'roc_auc', '{}')`,
    ).run();
    v3.close();
    const m = openMemory(path);
    try {
      expect(m.schemaVersion).toBe(5);
      expect(m.runs.getRun("old-run").status).toBe("finished");
      expect(m.warmStarts.listOutcomes()).toEqual([]);
      expect(m.warmStarts.getWarmStart("old-run")).toBeUndefined();
    } finally {
      m.close();
    }
  });
});

describe("migration 5", () => {
  test("a v4 file gains run portfolios; a run's portfolio round-trips and goes with the run", () => {
    const path = join(dir, "v4.db");
    const v4 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 4) });
    expect(schemaVersion(v4)).toBe(4);
    v4.prepare(
      `INSERT INTO runs (id, created_at, updated_at, status, dataset_fingerprint, train_path, task, metric, config_json)
       VALUES ('v4-run', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'interrupted', 'fp', 't.csv', 'binary', 'roc_auc', '{}')`,
    ).run();
    v4.close();
    const m = openMemory(path);
    try {
      expect(m.schemaVersion).toBe(5);
      expect(m.warmStarts.getPortfolio("v4-run")).toBeUndefined();
      const portfolio = { version: 1, portfolios: { classification: [{ gain: 0.5 }] } };
      m.warmStarts.putPortfolio("v4-run", "p.json", portfolio);
      expect(m.warmStarts.getPortfolio("v4-run")).toEqual({ ref: "p.json", portfolio });
      m.db.prepare("DELETE FROM runs WHERE id = 'v4-run'").run();
      expect(m.warmStarts.getPortfolio("v4-run")).toBeUndefined();
    } finally {
      m.close();
    }
  });
});

describe("warm-start store", () => {
  test("meta-features round-trip by fingerprint, target and version; a newer write replaces", () => {
    const w = memory.warmStarts;
    w.putMetaFeatures({
      fingerprint: "fp",
      target: "y",
      version: 1,
      task: "binary",
      features: { rows: 10, x: null },
    });
    expect(w.getMetaFeatures("fp", "y", 1)?.features).toEqual({ rows: 10, x: null });
    expect(w.getMetaFeatures("fp", "y", 2)).toBeUndefined();
    expect(w.getMetaFeatures("fp", "z", 1)).toBeUndefined();
    w.putMetaFeatures({ fingerprint: "fp", target: "y", version: 1, task: "binary", features: { rows: 11 } });
    expect(w.getMetaFeatures("fp", "y", 1)?.features).toEqual({ rows: 11 });
  });

  test("outcomes list only finished runs, with their meta-features joined, filtered by task", () => {
    const w = memory.warmStarts;
    const a = createRun("fa");
    const b = createRun("fb");
    w.putMetaFeatures({ fingerprint: "fa", target: "y", version: 1, task: "binary", features: { rows: 5 } });
    w.putOutcome(a.id, outcome("fa"));
    w.putOutcome(b.id, outcome("fb"));
    // Neither run has finished yet.
    expect(w.listOutcomes()).toEqual([]);
    memory.runs.updateRun(a.id, { status: "finished" });
    memory.runs.updateRun(b.id, { status: "finished" });
    const all = w.listOutcomes();
    expect(all.map((o) => o.runId)).toEqual([a.id, b.id]);
    expect(all[0]?.features).toEqual({ rows: 5 });
    expect(all[1]?.features).toBeNull();
    // NaN inside the pipelines JSON survives (tagged), like every *_json column.
    expect(Number.isNaN((all[0]!.pipelines[0] as { score: number }).score)).toBe(true);
    expect(w.listOutcomes({ tasks: ["regression"] })).toEqual([]);
    expect(w.listOutcomes({ metaVersion: 2 })).toEqual([]);
  });

  test("a run's outcome and plan go with the run when it is deleted", () => {
    const w = memory.warmStarts;
    const a = createRun("fa");
    w.putOutcome(a.id, outcome("fa"));
    w.putWarmStart(a.id, { version: 1, seeds: [] });
    memory.runs.updateRun(a.id, { status: "finished" });
    expect(w.getWarmStart(a.id)).toEqual({ version: 1, seeds: [] });
    memory.runs.deleteRun(a.id);
    expect(w.listOutcomes()).toEqual([]);
    expect(w.getWarmStart(a.id)).toBeUndefined();
  });

  test("invalid input is refused by field", () => {
    expect(() =>
      memory.warmStarts.putMetaFeatures({
        fingerprint: "fp",
        target: "y",
        version: 0,
        task: "binary",
        features: {},
      }),
    ).toThrow(/version/);
    expect(() => memory.warmStarts.putOutcome("missing-run", outcome("fa"))).toThrow();
  });
});
