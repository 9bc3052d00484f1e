/** Gauntlet cases on real shared datasets made dirty: junk values, missing targets, duplicates, a leak. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetPath } from "../datasets.js";
import type { GauntletCase } from "./contract.js";
import { addColumn, col, every, parseSimpleCsv, put, type Table, writeCsv } from "./tables.js";

function dataset(name: "penguins" | "credit_data", rows?: number): Table {
  const t = parseSimpleCsv(readFileSync(datasetPath(name, "train.csv"), "utf8"));
  return rows === undefined ? t : { header: t.header, rows: t.rows.slice(0, rows) };
}

export const SHARED_CASES: GauntletCase[] = [
  {
    name: "penguins-dirty",
    setup: (dir) => {
      const t = dataset("penguins");
      put(t, "Body Mass (g)", [3, 40, 90, 200], "unknown");
      put(t, "Beak Length (mm)", [8, 9], "NaN");
      put(t, "Flipper Length (mm)", [12, 120], "Infinity");
      put(t, "Island", every(7, 30, 1), (i) => ` ${String(t.rows[i]?.[col(t, "Island")])} `);
      put(t, "Species", [5, 66, 99, 133, 250], "");
      t.rows.push(...t.rows.slice(20, 30).map((r) => [...r]));
      const file = writeCsv(join(dir, "penguins dirty.csv"), t);
      return [file, "--target", "Species", "--test", datasetPath("penguins", "test.csv")];
    },
    // 5 rows lose their target; the junk in Body Mass is named.
    expected: { outcome: "finishes", task: "multiclass", flags: [/\b5\b.*rows|rows.*\b5\b/i, /Body Mass/] },
  },
  {
    name: "credit-dirty",
    setup: (dir) => {
      const t = dataset("credit_data", 800);
      put(t, "Income", every(50, 15, 2), "n/a");
      put(t, "Amount", [10, 500], "1e308");
      put(t, "Seniority", [33], "-Infinity");
      put(t, "Home", every(40, 20, 4), "?");
      put(t, "Status", every(120, 6, 7), "");
      return [writeCsv(join(dir, "credit-dirty.csv"), t), "--target", "Status"];
    },
    expected: { outcome: "finishes", task: "binary", flags: [/\b6\b.*rows|rows.*\b6\b/i, /Seniority/] },
  },
  {
    name: "credit-renamed-target-leak",
    setup: (dir) => {
      const t = dataset("credit_data", 800);
      const status = col(t, "Status");
      addColumn(t, "approved", (r) => (r[status] === "good" ? "Y" : "N"));
      return [writeCsv(join(dir, "credit-leak.csv"), t), "--target", "Status"];
    },
    expected: { outcome: "finishes", task: "binary", flags: [/approved/], leak: "approved" },
  },
];
