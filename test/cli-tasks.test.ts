/**
 * Forecasting, clustering and anomaly detection through the real built CLI (`alchemist run --task …`):
 * the report, the leaderboard, `--predictions` in the documented columns, scores that beat simple
 * baselines on shared data, and typed errors naming the flag or column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { onlyJson, runCli } from "./cli.js";
import { datasetMeta, datasetPath } from "./datasets.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-cli-tasks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const memory = join(dir, "memory.db");

interface TaskJson {
  task: string;
  metric: string;
  cv_score: number;
  test_score: number | null;
  leaderboard: { rank: number; estimator: string; score: number }[];
  best_pipeline: { members: { spec: { estimator: { name: string } } }[] };
  artifacts: Record<string, string>;
}

function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(","));
}

describe("alchemist run --task forecast", () => {
  it("forecasts airpassengers' test block better than the seasonal naive forecast", () => {
    const meta = datasetMeta("airpassengers") as unknown as {
      horizon: number;
      time_column: string;
      target: string;
    };
    const out = join(dir, "forecast");
    const predictions = join(dir, "forecast.csv");
    const r = runCli([
      "run",
      datasetPath("airpassengers", "train.csv"),
      "--task",
      "forecast",
      "--target",
      meta.target,
      "--time",
      meta.time_column,
      "--horizon",
      String(meta.horizon),
      "--test",
      datasetPath("airpassengers", "test.csv"),
      "--budget",
      "8",
      "--json",
      "--memory",
      memory,
      "--out",
      out,
      "--predictions",
      predictions,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const run = onlyJson(r.stdout) as unknown as TaskJson;
    expect(run.task).toBe("forecast");
    expect(run.metric).toBe("mase");
    // Seasonal naive, computed here from the files: the forecast must beat it on the sealed block.
    const train = csvRows(datasetPath("airpassengers", "train.csv"))
      .slice(1)
      .map((l) => Number(l[1]));
    const test = csvRows(datasetPath("airpassengers", "test.csv"))
      .slice(1)
      .map((l) => Number(l[1]));
    const scale =
      train.slice(12).reduce((s, v, i) => s + Math.abs(v - (train[i] as number)), 0) / (train.length - 12);
    const naive =
      test.reduce((s, v, i) => s + Math.abs(v - (train[train.length - 12 + (i % 12)] as number)), 0) /
      test.length /
      scale;
    expect(run.test_score).not.toBeNull();
    expect(run.test_score as number).toBeLessThan(naive);
    const rows = csvRows(predictions);
    expect(rows[0]).toEqual([meta.time_column, "prediction"]);
    expect(rows.length - 1).toBe(meta.horizon);
    for (const row of rows.slice(1)) expect(Number.isFinite(Number(row[1]))).toBe(true);
    expect(run.leaderboard.length).toBeGreaterThan(3);
    const report = readFileSync(run.artifacts.report_md as string, "utf8");
    expect(report).toContain("Season length: 12");
  }, 60_000);

  it("names the missing flag", () => {
    const r = runCli([
      "run",
      datasetPath("airpassengers", "train.csv"),
      "--task",
      "forecast",
      "--json",
      "--memory",
      memory,
    ]);
    expect(r.code).toBe(2);
    expect(onlyJson(r.stdout)).toMatchObject({ error: { code: "INVALID_ARGUMENT", parameter: "target" } });
  });
});

describe("alchemist run --task clustering", () => {
  it("clusters iris without its label and scores the test rows by ARI", () => {
    const predictions = join(dir, "clusters.csv");
    const r = runCli([
      "run",
      datasetPath("iris_clusters", "train.csv"),
      "--task",
      "clustering",
      "--eval-label",
      "species",
      "--test",
      datasetPath("iris_clusters", "test.csv"),
      "--budget",
      "8",
      "--json",
      "--memory",
      memory,
      "--out",
      join(dir, "clusters"),
      "--predictions",
      predictions,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const run = onlyJson(r.stdout) as unknown as TaskJson;
    expect(run.metric).toBe("ari");
    // Far above chance (0) on iris, whose species overlap only in part.
    expect(run.test_score as number).toBeGreaterThan(0.4);
    const rows = csvRows(predictions);
    expect(rows[0]).toEqual(["prediction"]);
    expect(rows.length - 1).toBe(csvRows(datasetPath("iris_clusters", "test.csv")).length - 1);
  }, 60_000);

  it("names a misspelt label column with a suggestion", () => {
    const r = runCli([
      "run",
      datasetPath("iris_clusters", "train.csv"),
      "--task",
      "clustering",
      "--eval-label",
      "specis",
      "--json",
      "--memory",
      memory,
    ]);
    expect(r.code).toBe(1);
    expect(onlyJson(r.stdout)).toMatchObject({
      error: { code: "COLUMN_NOT_FOUND", column: "specis", suggestions: ["species"] },
    });
  });
});

describe("alchemist run --task anomaly", () => {
  it("finds planted outliers without labels and writes prediction and score per row", () => {
    const rng = createRng(5);
    const lines = ["a,b,c,label"];
    for (let i = 0; i < 1500; i++) {
      const outlier = i % 50 === 0;
      const s = outlier ? 6 : 1;
      lines.push(`${rng.normal() * s},${rng.normal() * s},${rng.normal()},${outlier ? "outlier" : "normal"}`);
    }
    const train = join(dir, "anomaly.csv");
    writeFileSync(train, `${lines.join("\n")}\n`);
    const predictions = join(dir, "anomaly-pred.csv");
    const r = runCli([
      "run",
      train,
      "--task",
      "anomaly",
      "--eval-label",
      "label",
      "--test",
      train,
      "--budget",
      "10",
      "--json",
      "--memory",
      memory,
      "--out",
      join(dir, "anomaly"),
      "--predictions",
      predictions,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const run = onlyJson(r.stdout) as unknown as TaskJson;
    expect(run.metric).toBe("roc_auc");
    expect(run.test_score as number).toBeGreaterThan(0.9);
    const rows = csvRows(predictions);
    expect(rows[0]).toEqual(["prediction", "score"]);
    expect(rows.length - 1).toBe(1500);
    const flagged = rows.slice(1).filter((row) => row[0] === "1").length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(300);
  }, 60_000);
});
