/**
 * Warm starts through the built CLI: with an empty memory a run equals `--no-warm-start` (same seed
 * and trial budget ⇒ the same leaderboard). test/warm-start-memory.test.ts covers a memory with runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onlyJson, runCli } from "./cli.js";
import { datasetPath } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-warm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  run_id: string;
  leaderboard: { seq: number; estimator: string; score: number; origin: string }[];
  warm_start: { from: { run_id: string; dataset: string; distance: number }[]; seeded: number } | null;
  artifacts: Record<string, string>;
  notes: string[];
}

function run(args: string[], memory: string, out: string): Result {
  const r = runCli([
    ...args,
    "--json",
    "--workers",
    "1",
    "--memory",
    join(dir, memory),
    "--out",
    join(dir, out),
  ]);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stdout}${r.stderr}`);
  return onlyJson(r.stdout) as unknown as Result;
}

const penguins = [
  "run",
  datasetPath("penguins", "train.csv"),
  "--target",
  "Species",
  "--trials",
  "5",
  "--seed",
  "3",
];
const board = (r: Result) => r.leaderboard.map((l) => [l.seq, l.estimator, l.score, l.origin]);

describe("warm start", () => {
  it("with an empty memory, a run equals --no-warm-start (same seed and trial budget)", () => {
    const warm = run(penguins, "a.db", "a1");
    const cold = run([...penguins, "--no-warm-start"], "b.db", "b1");
    expect(warm.warm_start).toBeNull();
    expect(cold.warm_start).toBeNull();
    expect(board(warm)).toEqual(board(cold));
  }, 60_000);
});
