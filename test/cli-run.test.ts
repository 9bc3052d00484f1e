/**
 * `alchemist run` and `alchemist resume` through the built CLI as real subprocesses, on real data
 * and a real SQLite memory file: the --json contract, predictions, determinism under a trial budget,
 * the hard time budget, typed errors, and resume after SIGKILL losing no finished trial.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { onlyJson, runCli } from "./cli.js";
import { datasetPath } from "./datasets.js";
import { killedRun } from "./killed-run.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-cli-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const penguins = ["run", datasetPath("penguins", "train.csv"), "--target", "Species"];
type Result = {
  run_id: string;
  task: string;
  metric: string;
  cv_score: number;
  test_score: number | null;
  leaderboard: { seq: number; estimator: string; score: number }[];
  trials: { total: number };
  stopped_because: string;
  decisions: unknown[];
  best_pipeline: { members: { weight: number }[] };
  seconds: number;
};

function run(args: string[], memory: string): Result {
  const r = runCli([...args, "--json", "--memory", join(dir, memory)]);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stdout}${r.stderr}`);
  return onlyJson(r.stdout) as unknown as Result;
}

describe("alchemist run", () => {
  it("prints one JSON object with the whole result and writes predictions in test-row order", () => {
    const predictions = join(dir, "pred.csv");
    const r = run(
      [
        ...penguins,
        "--test",
        datasetPath("penguins", "test.csv"),
        "--trials",
        "10",
        "--predictions",
        predictions,
        "--out",
        join(dir, "out1"),
      ],
      "m1.db",
    );
    expect(r.task).toBe("multiclass");
    expect(r.metric).toBe("accuracy");
    expect(r.trials.total).toBe(10);
    expect(r.stopped_because).toBe("trial_budget");
    expect(r.test_score).toBeGreaterThan(0.9);
    expect(r.cv_score).toBeGreaterThan(0.9);
    expect(r.leaderboard.length).toBeGreaterThan(3);
    const weights = r.best_pipeline.members.reduce((s, m) => s + m.weight, 0);
    expect(weights).toBeCloseTo(1, 9);
    for (const key of ["run_id", "best_pipeline", "decisions", "seconds"]) expect(r).toHaveProperty(key);

    const lines = readFileSync(predictions, "utf8").trim().split("\n");
    const test = readFileSync(datasetPath("penguins", "test.csv"), "utf8").trim().split("\n");
    expect(lines.length).toBe(test.length);
    expect(lines[0]).toBe("prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo");
    const header = (test[0] as string).split(",");
    const species = header.indexOf("Species");
    let correct = 0;
    for (let i = 1; i < lines.length; i++) {
      const [label, ...proba] = (lines[i] as string).split(",");
      expect(proba.map(Number).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
      if (label === (test[i] as string).split(",")[species]) correct++;
    }
    // The CSV's labels are the predictions the test score was computed from.
    expect(correct / (lines.length - 1)).toBeCloseTo(r.test_score as number, 12);
    const report = readFileSync(join(dir, "out1", "report.md"), "utf8");
    expect(report).toContain(`# Alchemist run ${r.run_id}`);
    expect(JSON.parse(readFileSync(join(dir, "out1", "report.json"), "utf8")).run_id).toBe(r.run_id);
  });

  it("gives the same leaderboard for the same seed and trial budget", () => {
    const args = [...penguins, "--trials", "14", "--seed", "3"];
    const a = run([...args, "--out", join(dir, "a")], "det-a.db");
    const b = run([...args, "--out", join(dir, "b")], "det-b.db");
    const board = (r: Result) => r.leaderboard.map((row) => [row.seq, row.estimator, row.score]);
    expect(board(a)).toEqual(board(b));
    expect(a.cv_score).toBe(b.cv_score);
  });

  it("keeps the hard time budget, refit included", () => {
    const budget = 6;
    const t0 = Date.now();
    const r = run([...penguins, "--budget", String(budget), "--out", join(dir, "budget")], "budget.db");
    const wall = (Date.now() - t0) / 1000;
    expect(["time_budget", "plateau", "search_exhausted"]).toContain(r.stopped_because);
    expect(r.seconds).toBeLessThanOrEqual(budget + Math.max(0.05 * budget, 2));
    // Node's own start is outside the run's clock; allow it a second.
    expect(wall).toBeLessThanOrEqual(budget + Math.max(0.05 * budget, 2) + 1);
  });

  it("fails with one typed JSON error naming the column", () => {
    const r = runCli([
      ...penguins.slice(0, 2),
      "--target",
      "species",
      "--json",
      "--memory",
      join(dir, "err.db"),
    ]);
    expect(r.code).not.toBe(0);
    const err = onlyJson(r.stdout).error as { code: string; column: string; suggestions: string[] };
    expect(err.code).toBe("COLUMN_NOT_FOUND");
    expect(err.column).toBe("species");
    expect(err.suggestions).toContain("Species");
  });

  it("fails with a typed error naming the budget when it ends before the first trial", () => {
    // 50 ms: reading and profiling penguins alone take longer.
    const r = runCli([...penguins, "--budget", "0.05", "--json", "--memory", join(dir, "short.db")]);
    expect(r.code).toBe(1);
    const err = onlyJson(r.stdout).error as { code: string; parameter: string; message: string };
    expect(err.code).toBe("NO_SUCCESSFUL_TRIAL");
    expect(err.parameter).toBe("budget");
    expect(err.message).toMatch(/^The 0\.05 s budget ended before the first trial could start/);
  });
});

describe("alchemist resume", () => {
  it("continues a SIGKILLed run from its last finished trial and ends with the uninterrupted leaderboard", async () => {
    const args = [...penguins, "--trials", "16", "--seed", "1"];
    const reference = run([...args, "--out", join(dir, "ref")], "ref.db");

    const memory = join(dir, "killed.db");
    // Kill without warning once a few trials are recorded.
    const { id, recorded } = await killedRun([...args, "--out", join(dir, "killed")], memory, 5);
    expect(recorded).toBeGreaterThanOrEqual(5);
    expect(recorded).toBeLessThan(16);

    const db = new Database(memory, { readonly: true });
    const { status } = db.prepare("SELECT status FROM runs").get() as { status: string };
    db.close();
    expect(status).toBe("running");
    const resumed = run(["resume", id.slice(0, 6)], "killed.db");
    expect(resumed.run_id).toBe(id);
    expect(resumed.trials.total).toBe(16);
    const board = (r: Result) => r.leaderboard.map((row) => [row.seq, row.estimator, row.score]);
    expect(board(resumed)).toEqual(board(reference));
    expect(resumed.cv_score).toBe(reference.cv_score);
  });
});
