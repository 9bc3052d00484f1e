/** Gauntlet cases about how the run is asked for: target names, sealed test tables, predictions and flags. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { GauntletCase } from "./contract.js";
import { addColumn, binaryTable, col, put, type Table, writeCsv } from "./tables.js";

const target = (file: string, y = "y") => [file, "--target", y];

/** A train/test pair from one table: the last `nTest` rows are the test file (`edit` may change it). */
function trainTest(
  dir: string,
  name: string,
  t: Table,
  nTest: number,
  edit?: (test: Table) => Table,
): string[] {
  const test: Table = { header: [...t.header], rows: t.rows.slice(-nTest).map((r) => [...r]) };
  const train: Table = { header: t.header, rows: t.rows.slice(0, -nTest) };
  const trainFile = writeCsv(join(dir, `${name}-train.csv`), train);
  const testFile = writeCsv(join(dir, `${name}-test.csv`), edit ? edit(test) : test);
  return [...target(trainFile), "--test", testFile];
}

function dropColumn(t: Table, name: string): Table {
  const k = col(t, name);
  return { header: t.header.filter((_, j) => j !== k), rows: t.rows.map((r) => r.filter((_, j) => j !== k)) };
}

export const USAGE_CASES: GauntletCase[] = [
  {
    name: "misspelt-target",
    setup: (dir) => {
      const t = binaryTable(100);
      t.header[col(t, "y")] = "label";
      return target(writeCsv(join(dir, "typo.csv"), t), "lable");
    },
    // The suggestion 'label' is not a substring of 'lable', so naming it proves the did-you-mean.
    expected: { outcome: "error", codes: ["COLUMN_NOT_FOUND"], names: ["lable", "label"], exit: 1 },
  },
  {
    name: "target-does-not-exist",
    setup: (dir) => target(writeCsv(join(dir, "nope.csv"), binaryTable(100)), "zzz_nothing"),
    expected: { outcome: "error", codes: ["COLUMN_NOT_FOUND"], names: ["zzz_nothing"], exit: 1 },
  },
  {
    name: "test-missing-a-feature",
    setup: (dir) => trainTest(dir, "miss", binaryTable(220), 40, (t) => dropColumn(t, "x2")),
    expected: {
      outcome: "error",
      codes: ["COLUMN_NOT_FOUND", "FEATURE_MISMATCH"],
      names: ["x2"],
      fields: ["column"],
      exit: 1,
    },
  },
  {
    name: "test-unseen-class-label",
    setup: (dir) => trainTest(dir, "unseen", binaryTable(220), 40, (t) => put(t, "y", [17], "maybe")),
    expected: {
      outcome: "error",
      codes: ["INVALID_TARGET"],
      names: ["maybe", "y"],
      fields: ["row"],
      exit: 1,
    },
  },
  {
    name: "test-unseen-feature-level",
    setup: (dir) =>
      trainTest(dir, "level", binaryTable(220), 40, (t) => put(t, "color", [1, 2, 3], "ultraviolet")),
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "test-extra-columns",
    setup: (dir) =>
      trainTest(dir, "extra", binaryTable(220), 40, (t) => addColumn(t, "surprise", (_, i) => `s${i % 3}`)),
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "yes-no-labels-kept-in-predictions",
    setup: (dir) => [
      ...trainTest(dir, "labels", binaryTable(220), 40),
      "--predictions",
      join(dir, "pred.csv"),
    ],
    expected: {
      outcome: "finishes",
      task: "binary",
      // The user's labels, not the reader's booleans: "yes"/"no" in, "yes"/"no" out.
      check: (_, dir) => {
        const lines = readFileSync(join(dir, "pred.csv"), "utf8").trim().split("\n");
        expect(lines[0]).toBe("prediction,proba_no,proba_yes");
        expect(lines.length).toBe(41);
        for (const line of lines.slice(1)) expect(["yes", "no"]).toContain(line.split(",")[0]);
      },
    },
  },
  {
    name: "report-records-the-run-time",
    setup: (dir) => target(writeCsv(join(dir, "timed.csv"), binaryTable(150))),
    expected: {
      outcome: "finishes",
      check: (run) => {
        // The report is the record of the run: its time is the run's, not a placeholder.
        const artifacts = run.artifacts as Record<string, string>;
        const report = JSON.parse(readFileSync(artifacts.report_json as string, "utf8")) as {
          seconds: number;
        };
        expect(run.seconds as number).toBeGreaterThan(0);
        expect(report.seconds, "report.json seconds").toBeGreaterThan(0);
        expect(readFileSync(artifacts.report_md as string, "utf8")).not.toMatch(/; 0\.0 s in all/);
      },
    },
  },
  {
    name: "metric-wrong-for-task",
    setup: (dir) => [...target(writeCsv(join(dir, "metric.csv"), binaryTable(120))), "--metric", "rmse"],
    expected: { outcome: "error", codes: ["INVALID_ARGUMENT"], names: ["metric", "rmse"], exit: 2 },
  },
  {
    name: "trials-zero",
    setup: (dir) => [...target(writeCsv(join(dir, "trials.csv"), binaryTable(120))), "--trials", "0"],
    expected: { outcome: "error", codes: ["INVALID_ARGUMENT"], names: ["trials"], exit: 2 },
  },
  {
    name: "budget-negative",
    setup: (dir) => [...target(writeCsv(join(dir, "budget.csv"), binaryTable(120))), "--budget", "-1"],
    expected: { outcome: "error", codes: ["INVALID_ARGUMENT"], names: ["budget"], exit: 2 },
  },
  {
    name: "budget-negative-equals-form",
    setup: (dir) => [...target(writeCsv(join(dir, "budget-eq.csv"), binaryTable(120))), "--budget=-1"],
    expected: { outcome: "error", codes: ["INVALID_ARGUMENT"], names: ["budget"], exit: 2 },
  },
];
