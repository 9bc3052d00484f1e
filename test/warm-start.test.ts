/**
 * Warm starts through the built CLI: with an empty memory a run equals `--no-warm-start` (same seed
 * and trial budget ⇒ the same leaderboard). test/warm-start-memory.test.ts covers a memory with runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { datasetPath } from "./datasets.js";
import { type WarmRunResult, warmRunner } from "./warm-start-cli.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-warm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = warmRunner(dir);

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
const board = (r: WarmRunResult) => r.leaderboard.map((l) => [l.seq, l.estimator, l.score, l.origin]);

describe("warm start", () => {
  it("with an empty memory, a run equals --no-warm-start (same seed and trial budget)", () => {
    const warm = run(penguins, "a.db", "a1");
    const cold = run([...penguins, "--no-warm-start"], "b.db", "b1");
    expect(warm.warm_start).toBeNull();
    expect(cold.warm_start).toBeNull();
    expect(board(warm)).toEqual(board(cold));
  }, 60_000);
});
