/**
 * Warm starts through the built CLI, with a past run in memory: the next run names it, adds its
 * pipelines to the built-in portfolio (never ahead of it) and says so in the report; `--no-warm-start` ignores it; `alchemist portfolio
 * build` learns from the runs. On the same table again, what won there runs first.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onlyJson, runCli } from "./cli.js";
import { datasetPath } from "./datasets.js";
import { type WarmRunResult, warmRunner } from "./warm-start-cli.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-warm-memory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = warmRunner(dir);

// Past the 8 built-in entries, so its best pipelines include tuned ones (defaults are not seeded).
const penguins = [
  "run",
  datasetPath("penguins", "train.csv"),
  "--target",
  "Species",
  "--trials",
  "10",
  "--seed",
  "3",
];
const cancer = ["run", datasetPath("breast_cancer", "train.csv"), "--target", "diagnosis", "--trials", "7"];

describe("warm start from memory", () => {
  it("learns from the past run, reports it, and builds a portfolio from memory", () => {
    const past = run([...penguins, "--no-warm-start"], "a.db", "a1");
    // Memory a.db now holds the penguins run: breast_cancer (a classification too) learns from it.
    const next = run(cancer, "a.db", "a2");
    expect(next.warm_start?.from.map((f) => f.run_id)).toEqual([past.run_id]);
    expect(next.warm_start?.from[0]?.dataset).toBe("penguins/train.csv");
    expect(next.warm_start?.seeded).toBeGreaterThan(0);
    const seeded = next.leaderboard.filter((l) => l.origin.startsWith("warm start: penguins"));
    expect(seeded.length).toBeGreaterThan(0);
    // Seeds add to the built-in portfolio, never ahead of it: trial 1 is its first entry, as cold.
    expect(next.leaderboard.find((l) => l.seq === 1)?.origin).toBe("portfolio");

    expect(next.notes.some((n) => n.startsWith("Warm start: learned from 1 past run"))).toBe(true);
    expect(next.notes.some((n) => n.includes("added to the baseline portfolio"))).toBe(true);
    expect(readFileSync(next.artifacts.report_md as string, "utf8")).toContain("Warm start");

    // --no-warm-start ignores that memory.
    const ignored = run([...cancer, "--no-warm-start"], "a.db", "a3");
    expect(ignored.warm_start).toBeNull();
    expect(ignored.leaderboard.every((l) => !l.origin.includes("warm start"))).toBe(true);
    // The warm run's first trial is the cold run's first trial.
    const first = (r: WarmRunResult) => r.leaderboard.find((l) => l.seq === 1);
    expect([first(next)?.estimator, first(next)?.score]).toEqual([
      first(ignored)?.estimator,
      first(ignored)?.score,
    ]);

    const built = runCli(["portfolio", "build", "--memory", join(dir, "a.db"), "--json", "--size", "3"]);
    expect(built.code).toBe(0);
    const portfolio = onlyJson(built.stdout) as {
      source: { runs: number; datasets: { dataset: string }[] };
      portfolios: { classification: { recipe: { estimator: string } }[]; regression: unknown[] };
    };
    expect(portfolio.source.runs).toBe(3);
    expect(portfolio.source.datasets.map((d) => d.dataset).sort()).toEqual([
      "breast_cancer/train.csv",
      "penguins/train.csv",
    ]);
    expect(portfolio.portfolios.classification.length).toBeGreaterThan(0);
    expect(portfolio.portfolios.classification.length).toBeLessThanOrEqual(3);
    expect(portfolio.portfolios.regression).toEqual([]);
  }, 120_000);

  it("on the same table again, starts from what won there", () => {
    const past = run([...penguins, "--no-warm-start"], "t.db", "t1");
    const again = run(penguins, "t.db", "t2");
    expect(again.warm_start?.from[0]).toMatchObject({ run_id: past.run_id, distance: 0 });
    const first = again.leaderboard.find((l) => l.seq === 1);
    expect(first?.origin).toBe("warm start: penguins/train.csv (same data)");
    // Its first trial is one of the past run's winners (their scores tie at the top).
    const best = past.leaderboard[0]?.score;
    const winners = past.leaderboard.filter((l) => l.score === best).map((l) => l.estimator);
    expect(winners).toContain(first?.estimator);
    expect(first?.score).toBe(best);
    expect(again.notes.some((n) => n.includes("learned on this same table, run first"))).toBe(true);
  }, 60_000);
});
