/**
 * Successive halving on rows inside the real loop (worker pool, SQLite memory): on 21,000 rows the
 * exploit phase screens a TPE candidate on a third of the rows, then promotes it to all rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { createGateway } from "../llm/index.js";
import { openMemory } from "../memory/index.js";
import { runAutoML } from "./run-loop.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-halving-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeRegression(path: string, n: number): void {
  const rng = createRng(7);
  // Five features: 105,000 cells keep the (slow to tune) MLP out of the portfolio.
  const lines = ["a,b,c,d,e,y"];
  for (let i = 0; i < n; i++) {
    const [a, b, c, d, e] = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next()];
    lines.push(`${a},${b},${c},${d},${e},${3 * a - 2 * b * b + c + d * e + 0.1 * rng.next()}`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

describe("successive halving", () => {
  it("screens exploit candidates on a third of the rows and promotes the best to all rows", async () => {
    const train = join(dir, "big.csv");
    writeRegression(train, 21_000);
    const memory = openMemory(join(dir, "memory.db"));
    try {
      const result = await runAutoML(
        { train, target: "y", trials: 9, workers: 2, out: join(dir, "out") },
        {
          memory,
          home: dir,
          gateway: createGateway({ model: "none" }),
          proposer: () => ({ propose: async () => ({ next: null, decisions: [] }) }),
        },
      );
      const trials = memory.runs.listTrials(result.run_id);
      const screened = trials.filter((t) => t.resource !== null && t.resource < 1);
      expect(screened.length).toBeGreaterThan(0);
      for (const t of screened) expect(t.resource).toBeCloseTo(1 / 3, 12);
      const promoted = trials.filter((t) => t.origin?.endsWith("promoted"));
      expect(promoted.length).toBeGreaterThan(0);
      for (const p of promoted) {
        expect(p.resource).toBe(1);
        const source = trials[p.seq - 2];
        expect(source?.resource).toBeCloseTo(1 / 3, 12);
        expect(p.spec).toEqual(source?.spec);
      }
      // Screened trials never reach the leaderboard.
      const screenedSeqs = new Set(screened.map((t) => t.seq));
      expect(result.leaderboard.some((r) => screenedSeqs.has(r.seq))).toBe(false);
    } finally {
      memory.close();
    }
  }, 120_000);
});
