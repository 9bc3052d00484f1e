/**
 * similar_runs over MCP (the SDK's stdio client, `alchemist mcp` as a subprocess of the built CLI),
 * with a real penguins run in memory: the same table is found at distance 0 and its winners would
 * lead; another classification table learns from it at a distance; a regression table has nothing
 * to learn from; `alchemist similar` answers the same; and the lookup writes nothing to memory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, describe, expect, it } from "vitest";
import { TWIN_DISTANCE } from "../loop/warm-start/index.js";
import { CLI, onlyJson, runCli } from "./cli.js";
import { DATASETS_DIR, type DatasetName, datasetMeta, datasetPath, REPO_ROOT } from "./datasets.js";
import { warmRunner } from "./warm-start-cli.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-similar-runs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Similar {
  task: string;
  fingerprint: string;
  memory: { runs: number; datasets: number };
  neighbours: {
    dataset: string;
    distance: number;
    same_table: boolean;
    runs: string[];
    best: { recipe: { estimator: string }; score: number }[];
  }[];
  seeds: { estimator: string; origin: string; lead: boolean }[];
  tuner_params: { estimator: string }[];
  note: string;
}

describe("similar_runs (MCP over stdio)", () => {
  it("finds the same table and similar ones in memory, says when there is nothing, and writes nothing", async () => {
    const past = warmRunner(dir)(
      ["run", datasetPath("penguins", "train.csv"), "--target", "Species", "--trials", "10", "--seed", "3"],
      "memory.db",
      "penguins",
    );
    const db = join(dir, "memory.db");
    let sameOverMcp: Similar | undefined;
    const client = new Client({ name: "alchemist-test", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, "mcp", "--root", DATASETS_DIR, "--memory", db, "--workers", "1"],
        cwd: REPO_ROOT,
        env: { ...process.env, ALCHEMIST_HOME: dir } as Record<string, string>,
        stderr: "pipe",
      }),
    );
    const similar = async (name: DatasetName) => {
      const r = await client.callTool({
        name: "similar_runs",
        arguments: { data: { train: datasetPath(name, "train.csv"), target: datasetMeta(name).target } },
      });
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      return r.structuredContent as unknown as Similar;
    };
    try {
      const same = await similar("penguins");
      sameOverMcp = same;
      expect(same.memory).toEqual({ runs: 1, datasets: 1 });
      const twin = same.neighbours[0];
      expect(twin?.same_table).toBe(true);
      expect(twin?.distance).toBeLessThanOrEqual(TWIN_DISTANCE);
      expect(twin?.runs).toEqual([past.run_id]);
      // Its best pipeline is the run's best trial, and it would lead the baseline.
      const best = [...past.leaderboard].sort((a, b) => b.score - a.score)[0];
      expect(twin?.best[0]?.score).toBeCloseTo(best?.score as number, 10);
      expect(same.seeds.length).toBeGreaterThan(0);
      expect(same.seeds[0]).toMatchObject({
        lead: true,
        origin: "warm start: penguins/train.csv (same data)",
      });
      expect(same.note).toMatch(/^A warm-started run would learn from 1 past run — penguins\/train\.csv/);

      const other = await similar("breast_cancer");
      expect(other.task).toBe("binary");
      expect(other.neighbours.map((n) => [n.dataset, n.same_table])).toEqual([["penguins/train.csv", false]]);
      expect(other.neighbours[0]?.distance).toBeGreaterThan(TWIN_DISTANCE);
      expect(other.seeds.every((s) => !s.lead && s.origin === "warm start: penguins/train.csv")).toBe(true);

      const regression = await similar("diabetes");
      expect(regression.memory).toEqual({ runs: 0, datasets: 0 });
      expect(regression.neighbours).toEqual([]);
      expect(regression.seeds).toEqual([]);
      expect(regression.note).toBe("Memory holds no finished regression run: a run would start cold.");

      const outside = await client.callTool({
        name: "similar_runs",
        arguments: { data: { train: "/etc/hosts" } },
      });
      expect(outside.isError).toBe(true);
      expect(JSON.stringify(outside.content)).toContain("PATH_NOT_ALLOWED");
      expect(JSON.stringify(outside.content)).toContain("data.train");
      // A lookup scores nothing: a sealed test table is refused, not silently ignored.
      const withTest = await client.callTool({
        name: "similar_runs",
        arguments: {
          data: { train: datasetPath("penguins", "train.csv"), test: datasetPath("penguins", "test.csv") },
        },
      });
      expect(withTest.isError).toBe(true);
      expect(JSON.stringify(withTest.content)).toContain("test");
    } finally {
      await client.close();
    }
    // `alchemist similar` answers the same, as JSON or as text; a bad option is named.
    const cli = (...more: string[]) =>
      runCli([
        "similar",
        datasetPath("penguins", "train.csv"),
        "--target",
        "Species",
        "--memory",
        db,
        ...more,
      ]);
    const json = cli("--json");
    expect(json.code, json.stderr).toBe(0);
    expect(onlyJson(json.stdout)).toEqual(sameOverMcp);
    const text = cli();
    expect(text.stdout).toContain("penguins/train.csv  distance 0.000 (same table)");
    expect(text.stdout).toContain("A warm-started run would learn from 1 past run");
    const bad = cli("--task", "astrology", "--json");
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/INVALID_ARGUMENT[\s\S]*task/);
    // Read-only: no run was created and no meta-features were stored for the tables looked up.
    const memory = new Database(db, { readonly: true });
    try {
      expect(memory.prepare("SELECT count(*) AS n FROM runs").get()).toEqual({ n: 1 });
      expect(memory.prepare("SELECT count(*) AS n FROM meta_features").get()).toEqual({ n: 1 });
    } finally {
      memory.close();
    }
  }, 120_000);
});
