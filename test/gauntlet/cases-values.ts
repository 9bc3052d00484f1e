/** Gauntlet cases about bad values: junk in features and targets, degenerate targets, leaks, odd columns. */
import { join } from "node:path";
import { createRng } from "../../core/rng.js";
import type { GauntletCase } from "./contract.js";
import {
  addColumn,
  binaryTable,
  type Cell,
  col,
  every,
  multiclassTable,
  put,
  regressionTable,
  round,
  writeCsv,
} from "./tables.js";

const target = (file: string, y = "y") => [file, "--target", y];

export const VALUE_CASES: GauntletCase[] = [
  {
    name: "strings-in-numeric-few",
    setup: (dir) => {
      const t = put(binaryTable(200), "x3", [5, 50, 150], (i) =>
        i === 5 ? "n/a" : i === 50 ? "??" : "oops",
      );
      return target(writeCsv(join(dir, "few.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/x3/] },
  },
  {
    name: "strings-in-numeric-many",
    setup: (dir) => {
      // 40% junk: no longer a number column; the run must say how it read it.
      const t = put(binaryTable(200), "x3", every(2, 80), (i) =>
        i % 3 === 0 ? "heavy" : i % 3 === 1 ? "light" : "?",
      );
      return target(writeCsv(join(dir, "many.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/x3/] },
  },
  {
    name: "nan-and-infinity-in-features",
    setup: (dir) => {
      const t = binaryTable(200);
      put(t, "x2", [3, 30], "NaN");
      put(t, "x2", [60, 90], "Infinity");
      put(t, "x2", [120, 150], "-Infinity");
      put(t, "x1", [7], "inf");
      return target(writeCsv(join(dir, "nonfinite.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/x2/] },
  },
  {
    name: "target-some-rows-missing",
    setup: (dir) => {
      const t = put(binaryTable(200), "y", every(20, 7, 3), null);
      put(t, "y", [11, 12], "NaN");
      return target(writeCsv(join(dir, "some-missing.csv"), t));
    },
    // "NaN" as a class label is a missing value written out, not a class: 9 rows dropped.
    expected: { outcome: "finishes", flags: [/\b9\b.*rows|rows.*\b9\b/i], task: "binary" },
  },
  {
    name: "target-nan-in-regression",
    setup: (dir) =>
      target(writeCsv(join(dir, "reg-nan.csv"), put(regressionTable(200), "y", every(25, 8, 1), "NaN"))),
    expected: { outcome: "finishes", flags: [/\b8\b.*rows|rows.*\b8\b/i], task: "regression" },
  },
  {
    name: "target-all-rows-missing",
    setup: (dir) => {
      const t = put(binaryTable(100), "y", every(1, 100), (i) => (i % 2 === 0 ? null : "NaN"));
      return target(writeCsv(join(dir, "all-missing.csv"), t));
    },
    expected: { outcome: "error", codes: ["INVALID_TARGET"], names: ["y"], exit: 1 },
  },
  {
    name: "infinity-in-regression-target",
    setup: (dir) => {
      const t = put(regressionTable(200), "y", [10, 100], "Infinity");
      put(t, "y", [150], "-Infinity");
      return target(writeCsv(join(dir, "reg-inf.csv"), t));
    },
    // An infinite target is a data bug upstream (a division by zero?): stop and name the row.
    expected: {
      outcome: "error",
      codes: ["INVALID_TARGET"],
      names: ["y", "infinit"],
      fields: ["row"],
      exit: 1,
    },
  },
  {
    name: "all-missing-column",
    setup: (dir) =>
      target(
        writeCsv(
          join(dir, "empty-col.csv"),
          addColumn(binaryTable(150), "blank", () => null),
        ),
      ),
    expected: { outcome: "finishes", flags: [/blank/] },
  },
  {
    name: "single-class-target",
    setup: (dir) =>
      target(writeCsv(join(dir, "one-class.csv"), put(binaryTable(120), "y", every(1, 120), "yes"))),
    expected: { outcome: "error", codes: ["INVALID_TARGET"], names: ["y"], exit: 1 },
  },
  {
    name: "class-with-one-row",
    setup: (dir) => target(writeCsv(join(dir, "lonely.csv"), put(multiclassTable(200), "y", [77], "d"))),
    expected: { outcome: "finishes", task: "multiclass" },
  },
  {
    name: "constant-regression-target",
    setup: (dir) =>
      target(writeCsv(join(dir, "constant.csv"), put(regressionTable(150), "y", every(1, 150), 4.25))),
    expected: { outcome: "error", codes: ["INVALID_TARGET"], names: ["y"], exit: 1 },
  },
  {
    name: "duplicate-column-names",
    setup: (dir) => {
      const t = binaryTable(150);
      t.header[col(t, "x3")] = "x1";
      return target(writeCsv(join(dir, "dup.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/x1/] },
  },
  {
    name: "two-rows",
    setup: (dir) => {
      const t = binaryTable(2);
      put(t, "y", [0], "yes");
      put(t, "y", [1], "no");
      return target(writeCsv(join(dir, "two.csv"), t));
    },
    expected: { outcome: "error", codes: ["NOT_ENOUGH_ROWS"], names: ["row"], exit: 1 },
  },
  {
    name: "one-row",
    setup: (dir) => target(writeCsv(join(dir, "one.csv"), binaryTable(1))),
    // One row is both too few rows and a single-valued target: either explanation will do.
    expected: { outcome: "error", codes: ["NOT_ENOUGH_ROWS", "INVALID_TARGET"], names: [], exit: 1 },
  },
  {
    name: "more-columns-than-rows",
    setup: (dir) => {
      const rng = createRng(9);
      const t = binaryTable(24);
      for (let k = 0; k < 60; k++) addColumn(t, `f${k}`, () => round(rng.normal()));
      return target(writeCsv(join(dir, "wide.csv"), t));
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "id-sorted-by-class-leaks",
    setup: (dir) => {
      const t = binaryTable(200);
      const y = col(t, "y");
      t.rows.sort((a, b) => String(a[y]).localeCompare(String(b[y])));
      t.header.unshift("row_id");
      t.rows.forEach((r, i) => {
        r.unshift(1000 + i);
      });
      return target(writeCsv(join(dir, "sorted-id.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/row_id/], leak: "row_id" },
  },
  {
    name: "column-equal-to-target",
    setup: (dir) => {
      const t = binaryTable(200);
      const y = col(t, "y");
      addColumn(t, "y_copy", (r) => r[y] as Cell);
      return target(writeCsv(join(dir, "copy.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/y_copy/], leak: "y_copy" },
  },
  {
    name: "mixed-date-formats",
    setup: (dir) => {
      const formats = [
        (d: Date) => d.toISOString().slice(0, 10),
        (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`,
        (d: Date) => d.toUTCString().slice(5, 16),
        (d: Date) => d.toISOString(),
      ];
      const t = addColumn(binaryTable(200), "signup", (_, i) =>
        (formats[i % formats.length] as (d: Date) => string)(
          new Date(Date.UTC(2020, 0, 1) + i * 86_400_000 * 3),
        ),
      );
      return target(writeCsv(join(dir, "dates.csv"), t));
    },
    expected: { outcome: "finishes", flags: [/signup/] },
  },
  {
    name: "values-1e308",
    setup: (dir) => {
      const t = put(regressionTable(200), "x1", [4, 44], "1e308");
      put(t, "x1", [88, 144], "-1e308");
      put(t, "x3", every(1, 200), (i) => (i % 2 === 0 ? 1e308 : -1e308));
      return target(writeCsv(join(dir, "huge.csv"), t));
    },
    expected: { outcome: "finishes", task: "regression" },
  },
  {
    name: "boolean-target",
    setup: (dir) => {
      const t = binaryTable(200);
      const y = col(t, "y");
      for (const r of t.rows) r[y] = r[y] === "yes";
      return target(writeCsv(join(dir, "bool.csv"), t));
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "numeric-coded-classes",
    setup: (dir) => {
      const t = multiclassTable(240);
      const y = col(t, "y");
      for (const r of t.rows) r[y] = r[y] === "a" ? 0 : r[y] === "b" ? 1 : 2;
      return target(writeCsv(join(dir, "coded.csv"), t));
    },
    expected: { outcome: "finishes", task: "multiclass" },
  },
  {
    name: "whitespace-padded-values",
    setup: (dir) => {
      const t = binaryTable(200);
      for (const [i, r] of t.rows.entries()) {
        r[0] = ` ${r[0]} `;
        r[3] = i % 2 ? ` ${r[3]}` : `${r[3]}  `;
        r[4] = i % 3 === 0 ? ` ${r[4]}` : i % 3 === 1 ? `${r[4]} ` : (r[4] as Cell);
      }
      return target(writeCsv(join(dir, "padded.csv"), t));
    },
    // " yes", "yes " and "yes" are one class; " 0.5 " is a number.
    expected: { outcome: "finishes", task: "binary" },
  },
];
