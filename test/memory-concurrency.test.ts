/**
 * One memory file shared by two `alchemist run` processes at the same time: both finish, and every
 * trial of both is in the file (WAL + busy timeout; each write is its own transaction).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "./cli.js";
import { datasetPath, REPO_ROOT } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-concurrent-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ALCHEMIST_LOG_LEVEL: "warn" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("two runs on one memory file", () => {
  it("lose no trial of either", async () => {
    const memory = join(dir, "shared.db");
    const common = ["--json", "--workers", "1", "--trials", "10", "--memory", memory];
    const [a, b] = await Promise.all([
      runAsync([
        "run",
        datasetPath("penguins", "train.csv"),
        "--target",
        "Species",
        "--out",
        join(dir, "a"),
        ...common,
      ]),
      runAsync([
        "run",
        datasetPath("diabetes", "train.csv"),
        "--target",
        "progression",
        "--out",
        join(dir, "b"),
        ...common,
      ]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const results = [a, b].map((r) => JSON.parse(r.stdout) as { run_id: string; trials: { total: number } });
    const db = new Database(memory, { readonly: true });
    try {
      for (const r of results) {
        const rows = db.prepare("SELECT seq FROM trials WHERE run_id = ? ORDER BY seq").all(r.run_id) as {
          seq: number;
        }[];
        expect(r.trials.total).toBe(10);
        expect(rows.map((x) => x.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
        const run = db.prepare("SELECT status FROM runs WHERE id = ?").get(r.run_id) as { status: string };
        expect(run.status).toBe("finished");
      }
      const outcomes = db.prepare("SELECT COUNT(*) AS n FROM run_outcomes").get() as { n: number };
      expect(outcomes.n).toBe(2);
    } finally {
      db.close();
    }
  }, 60_000);
});
