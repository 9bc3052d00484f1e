import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { LlmCallRecord } from "../llm/index.js";
import { openDatabase } from "./database.js";
import { fingerprintBytes, fingerprintFile } from "./fingerprint.js";
import { decodeJson, encodeJson } from "./json-codec.js";
import { createLedger } from "./ledger.js";
import { type Memory, openMemory } from "./memory.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
import type { CreateRunInput, TrialInput } from "./run-rows.js";

let dir: string;
let memory: Memory;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alchemist-runs-"));
  memory = openMemory(join(dir, "memory.db"));
});
afterEach(() => {
  memory.close();
  rmSync(dir, { recursive: true, force: true });
});

const FP = fingerprintBytes("a,b\n1,2\n");
const runInput = (over: Partial<CreateRunInput> = {}): CreateRunInput => ({
  datasetFingerprint: FP,
  trainPath: "data/train.csv",
  target: "y",
  task: "binary",
  metric: "roc_auc",
  config: { budgetSeconds: 60, seed: 7, models: ["ridge", "gbdt"] },
  ...over,
});
const trialInput = (over: Partial<TrialInput> = {}): TrialInput => ({
  phase: "baseline",
  spec: { version: 1, estimator: { name: "ridge", params: { alpha: 1 } } },
  status: "ok",
  score: 0.8,
  foldScores: [0.79, 0.81],
  std: 0.01,
  fitSeconds: 0.5,
  seconds: 0.7,
  ...over,
});

const RECOVERY = {
  of: 3,
  attempt: 1,
  rootCause: "ridge met a singular matrix",
  category: "model",
  tier: "heuristic",
  fix: { action: "set_hyperparameter", param: "alpha", value: 10 },
  via: "fix",
} as const;

describe("migrations 2 and 3", () => {
  test("a v2 file gains trial recoveries and keeps its trials", () => {
    const path = join(dir, "v2.db");
    const v2 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 2) });
    const columns = () => (v2.pragma("table_info(trials)") as { name: string }[]).map((c) => c.name);
    expect(columns()).not.toContain("recovery_json");
    v2.close();
    const m = openMemory(path);
    expect(m.schemaVersion).toBe(SCHEMA_VERSION);
    expect((m.db.pragma("table_info(trials)") as { name: string }[]).map((c) => c.name)).toContain(
      "recovery_json",
    );
    const run = m.runs.createRun(runInput());
    m.runs.appendTrial(run.id, trialInput());
    expect(m.runs.listTrials(run.id)[0]?.recovery).toBeNull();
    expect(() =>
      m.runs.appendTrial(run.id, trialInput({ seq: 2, recovery: { ...RECOVERY, via: "magic" } as never })),
    ).toThrow(/recovery/);
    m.close();
  });

  test("a v1 file upgrades to the latest version and keeps its ledger rows", () => {
    const path = join(dir, "v1.db");
    const v1 = openDatabase(path, { migrations: MIGRATIONS.slice(0, 1) });
    const call: LlmCallRecord = {
      callId: "c1",
      runId: "r1",
      purpose: "profiler",
      provider: "openai",
      model: "gpt-4o-mini",
      method: "structured",
      attempt: 1,
      inputTokens: 100,
      outputTokens: 10,
      costUsd: 0.25,
      latencyMs: 12,
      outcome: "ok",
      errorCode: null,
      errorMessage: null,
      createdAt: "2025-01-01T00:00:00.000Z",
    };
    createLedger(v1).record(call);
    expect(v1.prepare("SELECT name FROM sqlite_master WHERE name = 'runs'").get()).toBeUndefined();
    v1.close();

    const m = openMemory(path);
    expect(m.schemaVersion).toBe(5);
    expect(SCHEMA_VERSION).toBe(5);
    expect(m.ledger.rows()).toEqual([call]);
    const run = m.runs.createRun(runInput({ id: "r1" }));
    m.runs.appendTrial(run.id, trialInput());
    expect(m.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(m.db.pragma("integrity_check", { simple: true })).toBe("ok");
    m.close();
  });
});

describe("runs", () => {
  test("createRun fills defaults and getRun round-trips every field", () => {
    const t0 = "2025-03-01T10:00:00.000Z";
    const created = memory.runs.createRun(
      runInput({ testPath: "data/test.csv", goal: 0.9, profile: { rows: 2, columns: ["a"] }, createdAt: t0 }),
    );
    expect(created.id).toMatch(/^[0-9a-f]{12}$/);
    expect(created).toEqual({
      id: created.id,
      createdAt: t0,
      updatedAt: t0,
      status: "running",
      datasetFingerprint: FP,
      trainPath: "data/train.csv",
      testPath: "data/test.csv",
      target: "y",
      task: "binary",
      metric: "roc_auc",
      goal: 0.9,
      config: { budgetSeconds: 60, seed: 7, models: ["ridge", "gbdt"] },
      profile: { rows: 2, columns: ["a"] },
      stoppedBecause: null,
      bestTrial: null,
      cvScore: null,
      testScore: null,
      result: null,
      pid: process.pid,
    });
    expect(memory.runs.getRun(created.id)).toEqual(created);
    const other = memory.runs.createRun(runInput({ pid: null }));
    expect(other.id).not.toBe(created.id);
    expect(other.pid).toBeNull();
  });

  test("invalid input names the field; a taken id is refused", () => {
    expect(() => memory.runs.createRun(runInput({ task: "ranking" as "binary" }))).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", details: { parameter: "task" } }),
    );
    expect(() => memory.runs.createRun({ ...runInput(), cvScore: 1 } as CreateRunInput)).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", details: { parameter: "cvScore" } }),
    );
    expect(() => memory.runs.createRun(runInput({ id: "has space" }))).toThrow(/id/);
    memory.runs.createRun(runInput({ id: "dup" }));
    expect(() => memory.runs.createRun(runInput({ id: "dup" }))).toThrow(/exists already/);
  });

  test("updateRun changes only the given fields; null clears; unknown id is MEMORY_NOT_FOUND", () => {
    let clock = Date.parse("2025-01-01T00:00:00.000Z");
    memory.close();
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    memory = openMemory(join(dir, "memory.db"), { now: tick });
    const run = memory.runs.createRun(runInput({ profile: { p: 1 } }));
    const done = memory.runs.updateRun(run.id, {
      status: "finished",
      stoppedBecause: "goal reached",
      bestTrial: 3,
      cvScore: 0.91,
      testScore: Number.POSITIVE_INFINITY,
      result: { leaderboard: [{ seq: 3, score: 0.91 }] },
    });
    expect(done).toEqual({
      ...run,
      status: "finished",
      stoppedBecause: "goal reached",
      bestTrial: 3,
      cvScore: 0.91,
      testScore: Number.POSITIVE_INFINITY,
      result: { leaderboard: [{ seq: 3, score: 0.91 }] },
      updatedAt: "2025-01-01T00:00:02.000Z",
    });
    const cleared = memory.runs.updateRun(run.id, {
      result: null,
      profile: null,
      pid: null,
      cvScore: Number.NaN,
    });
    expect(cleared).toMatchObject({
      status: "finished",
      bestTrial: 3,
      result: null,
      profile: null,
      pid: null,
    });
    expect(cleared.cvScore).toBeNull(); // SQLite REAL has no NaN
    expect(() => memory.runs.updateRun("nope", { status: "failed" })).toThrow(
      expect.objectContaining({ code: "MEMORY_NOT_FOUND" }),
    );
    expect(() => memory.runs.updateRun(run.id, { cv_score: 1 } as never)).toThrow(/cv_score/);
  });

  test("listRuns: newest first, filtered by status and dataset, limited", () => {
    const at = (m: number) => `2025-01-01T00:0${m}:00.000Z`;
    memory.runs.createRun(runInput({ id: "a", createdAt: at(1) }));
    memory.runs.createRun(runInput({ id: "b", createdAt: at(3), status: "finished" }));
    memory.runs.createRun(runInput({ id: "c", createdAt: at(2), datasetFingerprint: "other" }));
    memory.runs.createRun(runInput({ id: "d", createdAt: at(2), status: "interrupted" }));
    const ids = (runs: { id: string }[]) => runs.map((r) => r.id);
    expect(ids(memory.runs.listRuns())).toEqual(["b", "d", "c", "a"]);
    expect(ids(memory.runs.listRuns({ limit: 2 }))).toEqual(["b", "d"]);
    expect(ids(memory.runs.listRuns({ status: "running" }))).toEqual(["c", "a"]);
    expect(ids(memory.runs.listRuns({ status: ["running", "interrupted"] }))).toEqual(["d", "c", "a"]);
    expect(ids(memory.runs.listRuns({ datasetFingerprint: "other" }))).toEqual(["c"]);
    expect(() => memory.runs.listRuns({ limit: 0 })).toThrow(/limit/);
  });

  test("getRun takes a unique prefix; unknown ids get suggestions, ambiguous prefixes the candidates", () => {
    memory.runs.createRun(runInput({ id: "3f9a21c07b44" }));
    memory.runs.createRun(runInput({ id: "3f9a00aa11ee" }));
    memory.runs.createRun(runInput({ id: "baseline-run" }));
    expect(memory.runs.getRun("3f9a2").id).toBe("3f9a21c07b44");
    expect(memory.runs.resolveRunId("basel")).toBe("baseline-run");
    expect(() => memory.runs.getRun("3f9a")).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/ambiguous/) }),
    );
    expect(() => memory.runs.getRun("3f9a")).toThrow(/3f9a00aa11ee, 3f9a21c07b44/);
    // Prefixes under 4 characters never match (like git): a not-found with suggestions instead.
    expect(() => memory.runs.getRun("3f9")).toThrow(
      expect.objectContaining({
        code: "MEMORY_NOT_FOUND",
        details: expect.objectContaining({ suggestions: ["3f9a00aa11ee", "3f9a21c07b44"] }),
      }),
    );
    expect(() => memory.runs.getRun("baselin-run")).toThrow(
      expect.objectContaining({
        code: "MEMORY_NOT_FOUND",
        message: expect.stringContaining("baselin-run"),
        details: expect.objectContaining({ run_id: "baselin-run", suggestions: ["baseline-run"] }),
      }),
    );
  });

  test("markInterrupted marks running runs whose process is gone", () => {
    memory.runs.createRun(runInput({ id: "mine" })); // this process: alive
    memory.runs.createRun(runInput({ id: "dead", pid: 999_999_991 }));
    memory.runs.createRun(runInput({ id: "nopid", pid: null }));
    memory.runs.createRun(runInput({ id: "done", pid: 999_999_991, status: "finished" }));
    expect(memory.runs.markInterrupted((pid) => pid !== 999_999_991).sort()).toEqual(["dead", "nopid"]);
    expect(memory.runs.getRun("dead")).toMatchObject({
      status: "interrupted",
      stoppedBecause: "process 999999991 exited while running",
    });
    expect(memory.runs.getRun("done").status).toBe("finished");
    expect(memory.runs.getRun("mine").status).toBe("running");
    expect(memory.runs.markInterrupted()).toEqual([]);
  });

  test("deleteRun cascades to trials, decisions, errors and artifacts", () => {
    const { id } = memory.runs.createRun(runInput());
    memory.runs.appendTrial(id, trialInput());
    memory.runs.appendDecision(id, { agent: "proposer", tier: "heuristic", output: {}, accepted: true });
    memory.runs.appendError(id, { code: "FIT_FAILED", message: "boom" });
    memory.runs.addArtifact(id, { kind: "report_md", path: "r.md", bytes: 3 });
    memory.runs.deleteRun(id);
    for (const table of ["trials", "decisions", "errors", "artifacts"])
      expect(memory.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    expect(() => memory.runs.deleteRun(id)).toThrow(expect.objectContaining({ code: "MEMORY_NOT_FOUND" }));
  });
});

describe("trials", () => {
  test("seqs are 1, 2, 3… per run; an explicit seq continues; a taken seq is refused", () => {
    const a = memory.runs.createRun(runInput({ id: "run-a" })).id;
    const b = memory.runs.createRun(runInput({ id: "run-b" })).id;
    expect(memory.runs.lastTrialSeq(a)).toBe(0);
    expect([1, 2, 3].map(() => memory.runs.appendTrial(a, trialInput()))).toEqual([1, 2, 3]);
    expect(memory.runs.appendTrial(b, trialInput())).toBe(1);
    expect(memory.runs.appendTrial(a, trialInput({ seq: 10 }))).toBe(10);
    expect(memory.runs.appendTrial(a, trialInput())).toBe(11);
    expect(() => memory.runs.appendTrial(a, trialInput({ seq: 2 }))).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", details: { parameter: "seq", last_seq: 11 } }),
    );
    expect(memory.runs.listTrials(a).map((t) => t.seq)).toEqual([1, 2, 3, 10, 11]);
    expect(memory.runs.lastTrialSeq(a)).toBe(11);
    expect(() => memory.runs.appendTrial("run-c", trialInput())).toThrow(
      expect.objectContaining({
        code: "MEMORY_NOT_FOUND",
        details: expect.objectContaining({ run_id: "run-c" }),
      }),
    );
  });

  test("round trip keeps every field, non-finite fold scores and the error included", () => {
    const { id } = memory.runs.createRun(runInput());
    const failed = trialInput({
      phase: "halving",
      status: "recovered",
      score: Number.NaN,
      foldScores: [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.25],
      std: Number.POSITIVE_INFINITY,
      resource: 0.25,
      error: { code: "FIT_FAILED", message: "singular matrix", details: { column: "x", value: Number.NaN } },
      oofPath: "runs/x/oof-1.f64",
      settings: { cv_folds: 3, ensemble: false },
      origin: "tpe on ridge",
      maxFoldFitSeconds: 0.25,
      recovery: RECOVERY,
      spec: { estimator: { name: "ridge", params: { alpha: 1e-300, note: "NaN" } } },
      createdAt: "2025-01-01T00:00:00.000Z",
    });
    memory.runs.appendTrial(id, failed);
    memory.runs.appendTrial(id, trialInput({ status: "pruned", score: null, foldScores: [] }));
    const [one, two] = memory.runs.listTrials(id);
    expect(one).toEqual({
      runId: id,
      seq: 1,
      phase: "halving",
      spec: { estimator: { name: "ridge", params: { alpha: 1e-300, note: "NaN" } } },
      status: "recovered",
      score: null,
      foldScores: [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.25],
      std: Number.POSITIVE_INFINITY,
      fitSeconds: 0.5,
      seconds: 0.7,
      resource: 0.25,
      error: { code: "FIT_FAILED", message: "singular matrix", details: { column: "x", value: Number.NaN } },
      oofPath: "runs/x/oof-1.f64",
      settings: { cv_folds: 3, ensemble: false },
      origin: "tpe on ridge",
      maxFoldFitSeconds: 0.25,
      recovery: RECOVERY,
      createdAt: "2025-01-01T00:00:00.000Z",
    });
    expect(two).toMatchObject({
      seq: 2,
      status: "pruned",
      score: null,
      foldScores: [],
      error: null,
      recovery: null,
    });
    expect(memory.runs.getTrial(id, 2)).toEqual(two);
    expect(memory.runs.getTrial(id, 3)).toBeUndefined();
    expect(() => memory.runs.appendTrial(id, trialInput({ resource: 0 }))).toThrow(/resource/);
  });
});

describe("decisions, errors, artifacts, datasets", () => {
  test("round trips in insertion order", () => {
    const { id } = memory.runs.createRun(runInput());
    const d1 = memory.runs.appendDecision(id, {
      agent: "proposer",
      tier: "json",
      model: "openai/gpt-4o-mini",
      output: { estimator: "gbdt", why: "nonlinear" },
      failures: [{ tier: "structured", code: "LLM_UNSUPPORTED" }],
      accepted: false,
      inputTokens: 1200,
      outputTokens: 80,
      costUsd: 0.0004,
      latencyMs: 812.5,
    });
    const d2 = memory.runs.appendDecision(id, {
      seq: 4,
      agent: "proposer",
      tier: "heuristic",
      output: ["ridge"],
      accepted: true,
    });
    expect(d2).toBeGreaterThan(d1);
    const [first, second] = memory.runs.listDecisions(id);
    expect(first).toMatchObject({
      id: d1,
      seq: null,
      tier: "json",
      accepted: false,
      failures: [{ tier: "structured", code: "LLM_UNSUPPORTED" }],
      latencyMs: 812.5,
    });
    expect(second).toMatchObject({
      id: d2,
      seq: 4,
      model: null,
      output: ["ridge"],
      accepted: true,
      costUsd: 0,
    });

    memory.runs.appendError(id, {
      seq: 2,
      code: "FIT_TIMEOUT",
      message: "past 30 s",
      details: { limit: 30 },
    });
    memory.runs.appendError(id, { code: "LLM_TIMEOUT", message: "slow" });
    expect(memory.runs.listErrors(id).map((e) => [e.seq, e.code, e.details])).toEqual([
      [2, "FIT_TIMEOUT", { limit: 30 }],
      [null, "LLM_TIMEOUT", null],
    ]);

    const sha = fingerprintBytes("# report");
    memory.runs.addArtifact(id, { kind: "report_md", path: "runs/x/report.md", bytes: 8, sha256: sha });
    memory.runs.addArtifact(id, { kind: "oof", path: "runs/x/oof-1.f64", bytes: 800 });
    expect(memory.runs.listArtifacts(id).map((a) => [a.kind, a.bytes, a.sha256])).toEqual([
      ["report_md", 8, sha],
      ["oof", 800, null],
    ]);
    expect(() => memory.runs.addArtifact(id, { kind: "x", path: "p", bytes: 1, sha256: "abc" })).toThrow(
      /sha256/,
    );
  });

  test("upsertDataset keeps the first createdAt and refreshes the rest", () => {
    const first = memory.runs.upsertDataset({
      fingerprint: FP,
      path: "a.csv",
      rows: 1,
      columns: 2,
      createdAt: "2025-01-01T00:00:00.000Z",
    });
    const again = memory.runs.upsertDataset({ fingerprint: FP, path: "moved/a.csv", rows: 1, columns: 2 });
    expect(again).toEqual({ ...first, path: "moved/a.csv" });
    expect(memory.runs.findDataset("none")).toBeUndefined();
  });

  test("fingerprintFile streams the same sha256 as fingerprintBytes", async () => {
    const bytes = new Uint8Array(3_000_000).map((_, i) => (i * 31) & 255);
    const path = join(dir, "big.bin");
    writeFileSync(path, bytes);
    const fp = await fingerprintFile(path);
    expect(fp).toBe(fingerprintBytes(bytes));
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintBytes("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    await expect(fingerprintFile(join(dir, "missing.csv"))).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });
});

describe("corrupt rows", () => {
  test("a row that fails validation or holds bad JSON throws MEMORY_CORRUPT naming table, key, column", () => {
    const { id } = memory.runs.createRun(runInput({ id: "run-x" }));
    memory.runs.appendTrial(id, trialInput());
    memory.db.prepare("UPDATE trials SET fold_scores_json = '[0.5,' WHERE run_id = ?").run(id);
    expect(() => memory.runs.listTrials(id)).toThrow(
      expect.objectContaining({
        code: "MEMORY_CORRUPT",
        details: expect.objectContaining({
          table: "trials",
          key: "run run-x, trial 1",
          column: "fold_scores_json",
        }),
      }),
    );
    memory.db.prepare(`UPDATE trials SET fold_scores_json = '[0.5, "x"]' WHERE run_id = ?`).run(id);
    expect(() => memory.runs.getTrial(id, 1)).toThrow(/fold_scores_json\.1/);
    memory.db.prepare("UPDATE runs SET task = 'ranking' WHERE id = ?").run(id);
    expect(() => memory.runs.getRun(id)).toThrow(
      expect.objectContaining({
        code: "MEMORY_CORRUPT",
        details: expect.objectContaining({ column: "task" }),
      }),
    );
    expect(() => memory.runs.listRuns()).toThrow(/MEMORY_CORRUPT|memory table runs/);
  });

  test("the JSON codec keeps non-finite numbers and leaves look-alike strings alone", () => {
    const value = {
      a: [Number.NaN, Number.NEGATIVE_INFINITY],
      s: "NaN",
      t: { $float: "Infinity", other: 1 },
    };
    expect(decodeJson(encodeJson(value, "v"))).toEqual(value);
    expect(() => encodeJson(undefined, "spec")).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
    expect(() => encodeJson({ n: 1n }, "spec")).toThrow(/spec/);
  });
});

describe("durability", () => {
  test("a SIGKILLed writer loses no trial whose append returned", async () => {
    const path = join(dir, "memory.db");
    const { id } = memory.runs.createRun(runInput({ id: "killed" }));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("./fixtures/append-trials.ts", import.meta.url)), path, id],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("close", (_code, sig) => resolve(sig)),
    );
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.split("\n").length > 40 && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    const signal = await exited;
    expect(signal, err).toBe("SIGKILL");
    const printed = out
      .split("\n")
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
    expect(printed.length).toBeGreaterThanOrEqual(40);
    expect(printed).toEqual(printed.map((_, i) => i + 1));

    memory.close();
    memory = openMemory(path);
    const seqs = new Set(memory.runs.listTrials(id).map((t) => t.seq));
    for (const s of printed) expect(seqs.has(s)).toBe(true);
    // At most the one append in flight at the kill can be stored but unprinted; no gaps.
    expect(seqs.size).toBe(memory.runs.lastTrialSeq(id));
    expect(memory.runs.getTrial(id, 1)?.foldScores).toEqual([0, Number.NaN]);
    expect(memory.db.pragma("integrity_check", { simple: true })).toBe("ok");
  });
});
