/**
 * `alchemist run --portfolio`: a learned portfolio's pipelines run first in the baseline, then the
 * built-in entries it does not hold; `default` is the shipped portfolio; a wrong file is refused
 * before the run starts, naming the parameter. Through the built CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultPortfolio, type PortfolioFile, plainRecipe, type Recipe } from "../loop/warm-start/index.js";
import { onlyJson, runCli } from "./cli.js";
import { datasetPath } from "./datasets.js";
import { killedRun } from "./killed-run.js";
import { type WarmRunResult, warmRunner } from "./warm-start-cli.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-portfolio-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = warmRunner(dir);
const penguins = ["run", datasetPath("penguins", "train.csv"), "--target", "Species", "--seed", "2"];

const entry = (r: Recipe) => ({ recipe: r, gain: 1, mean_normalized: 1, datasets: 1 });

/** A portfolio file of these recipes, written to `name` under the test folder; returns its path. */
function writePortfolio(name: string, classification: Recipe[], regression: Recipe[] = []): string {
  const file: PortfolioFile = {
    version: 1,
    built_at: "2026-11-27T00:00:00.000Z",
    source: { runs: 1, datasets: [{ dataset: "x/train.csv", task: "binary", metric: "roc_auc", runs: 1 }] },
    portfolios: { classification: classification.map(entry), regression: regression.map(entry) },
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

describe("a run with a learned portfolio", () => {
  it("runs the portfolio's pipelines first, then the built-in entries, and says so", () => {
    // A regressor cannot serve penguins: left out there.
    const path = writePortfolio(
      "portfolio.json",
      [plainRecipe("gaussian_nb"), plainRecipe("knn_classifier", { n_neighbors: 7 })],
      [plainRecipe("ridge")],
    );
    const r = run([...penguins, "--trials", "3", "--portfolio", path], "a.db", "a1");
    const trials = [...r.leaderboard].sort((a, b) => a.seq - b.seq);
    expect(trials.map((t) => [t.estimator, t.origin])).toEqual([
      ["gaussian_nb", "learned portfolio"],
      ["knn_classifier", "learned portfolio"],
      ["logistic_regression", "portfolio"],
    ]);
    expect(r.notes).toContain(
      `Baseline: 2 pipelines of the portfolio ${path} first, then the built-in portfolio.`,
    );
  }, 60_000);

  it("resume replays the portfolio the run started with, though its file is gone", async () => {
    const path = writePortfolio("resumed.json", [
      plainRecipe("gaussian_nb"),
      plainRecipe("knn_classifier", { n_neighbors: 9 }),
      plainRecipe("decision_tree_classifier", { max_depth: 3 }),
    ]);
    const args = [...penguins, "--trials", "14", "--portfolio", path, "--no-warm-start"];
    const reference = run(args, "ref.db", "ref");
    const memory = join(dir, "killed.db");
    const { id, recorded } = await killedRun(
      [...args, "--workers", "1", "--out", join(dir, "killed")],
      memory,
      1,
    );
    expect(recorded).toBeGreaterThanOrEqual(1);
    expect(recorded).toBeLessThan(14);
    rmSync(path);
    // resume takes no --workers or --out: the run keeps its own.
    const r = runCli(["resume", id, "--json", "--memory", memory]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const resumed = onlyJson(r.stdout) as unknown as WarmRunResult;
    const board = (r: WarmRunResult) =>
      [...r.leaderboard].sort((a, b) => a.seq - b.seq).map((t) => [t.seq, t.estimator, t.origin, t.score]);
    expect(board(resumed)).toEqual(board(reference));
    expect(
      board(resumed)
        .slice(0, 3)
        .map((t) => t[2]),
    ).toEqual(Array(3).fill("learned portfolio"));
  }, 120_000);

  it("`default` is the shipped portfolio", () => {
    const shipped = defaultPortfolio().portfolios.classification[0]?.recipe.estimator;
    const r = run([...penguins, "--trials", "1", "--portfolio", "default", "--no-warm-start"], "b.db", "b1");
    expect(r.leaderboard.map((t) => [t.estimator, t.origin])).toEqual([[shipped, "learned portfolio"]]);
    expect(r.notes.some((n) => n.includes("of the shipped portfolio first"))).toBe(true);
  }, 60_000);

  it("refuses a file that is not a portfolio before the run starts, naming the parameter", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ version: 1, portfolios: {} }));
    const missing = runCli([...penguins, "--trials", "1", "--portfolio", join(dir, "none.json"), "--json"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout + missing.stderr).toMatch(/FILE_NOT_FOUND[\s\S]*portfolio/);
    const wrong = runCli([...penguins, "--trials", "1", "--portfolio", bad, "--json"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout + wrong.stderr).toContain(
      "is not a portfolio (write one with 'alchemist portfolio build')",
    );
  }, 60_000);
});
