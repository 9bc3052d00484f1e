/** Gauntlet cases about the input itself: encodings, formats, sizes, odd column kinds and file names. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { createRng } from "../../core/rng.js";
import type { GauntletCase } from "./contract.js";
import {
  addColumn,
  binaryTable,
  type Cell,
  col,
  multiclassTable,
  regressionTable,
  round,
  type Table,
  toCsv,
  writeCsv,
} from "./tables.js";

const target = (file: string, y = "y") => [file, "--target", y];

const WORDS = [
  "great",
  "awful",
  "slow",
  "fast",
  "cheap",
  "pricey",
  "broken",
  "love",
  "meh",
  "fine",
  "refund",
];

export const INPUT_CASES: GauntletCase[] = [
  {
    name: "bom-crlf-semicolon",
    setup: (dir) => {
      // The target is the first column, so a BOM left in its name would hide it.
      const t = binaryTable(200);
      const order = [4, 0, 1, 2, 3];
      const moved: Table = {
        header: order.map((k) => t.header[k] as string),
        rows: t.rows.map((r) => order.map((k) => r[k] as Cell)),
      };
      for (const r of moved.rows) r[1] = String(r[1]).replace(".", ",");
      const file = join(dir, "bom.csv");
      writeFileSync(file, toCsv(moved, { delimiter: ";", eol: "\r\n", bom: true }));
      return target(file);
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "latin1-bytes",
    setup: (dir) => {
      const cities = ["Zürich", "Málaga", "Besançon", "Göteborg", "Ærøskøbing"];
      const t = addColumn(binaryTable(200), "ville", (_, i) => cities[i % cities.length] as string);
      t.header[col(t, "y")] = "classé";
      const file = join(dir, "latin1.csv");
      writeFileSync(file, Buffer.from(toCsv(t), "latin1"));
      return target(file, "classé");
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "categorical-10000-levels",
    setup: (dir) => {
      const t = addColumn(binaryTable(10_200), "customer", (_, i) => `cust-${(i * 7919) % 10_007}`);
      return target(writeCsv(join(dir, "levels.csv"), t));
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "header-only",
    setup: (dir) => {
      writeFileSync(join(dir, "header-only.csv"), "x1,x2,color,y\n");
      return target(join(dir, "header-only.csv"));
    },
    expected: { outcome: "error", codes: ["NO_DATA_ROWS"], names: ["header-only.csv"], exit: 1 },
  },
  {
    name: "empty-file",
    setup: (dir) => {
      writeFileSync(join(dir, "empty.csv"), "");
      return target(join(dir, "empty.csv"));
    },
    expected: { outcome: "error", codes: ["EMPTY_FILE"], names: ["empty.csv"], exit: 1 },
  },
  {
    name: "quoted-fields-with-newlines",
    setup: (dir) => {
      const t = addColumn(binaryTable(150), "comment", (_, i) =>
        i % 4 === 0 ? `line one, "quoted"\nline two\r\nline three ${i}` : `plain ${i % 9}`,
      );
      return target(writeCsv(join(dir, "quoted.csv"), t));
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "free-text-column",
    setup: (dir) => {
      const rng = createRng(5);
      const t = binaryTable(200);
      const y = col(t, "y");
      addColumn(t, "review", (r) => {
        const n = 5 + rng.int(12);
        const words = Array.from({ length: n }, () => WORDS[rng.int(WORDS.length)] as string);
        if (r[y] === "yes") words.push("love");
        return `${words.join(" ")}.`;
      });
      return target(writeCsv(join(dir, "text.csv"), t));
    },
    expected: { outcome: "finishes", task: "binary" },
  },
  {
    name: "datetime-only-feature",
    setup: (dir) => {
      const rng = createRng(6);
      // One row every other day, shuffled: a regression on a date, which the user did not ask to forecast.
      const rows: Cell[][] = Array.from({ length: 200 }, (_, i) => {
        const d = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000 * 2);
        return [
          d.toISOString().slice(0, 10),
          round(10 + (d.getUTCDay() === 0 ? 5 : 0) + 0.01 * i + rng.normal()),
        ];
      });
      rng.shuffle(rows);
      return target(writeCsv(join(dir, "dates-only.csv"), { header: ["day", "sales"], rows }), "sales");
    },
    expected: { outcome: "finishes", task: "regression" },
  },
  {
    name: "datetime-only-feature-irregular",
    setup: (dir) => {
      // Random days with repeats: no series to forecast, so the date is only a feature.
      const rng = createRng(7);
      const rows: Cell[][] = Array.from({ length: 200 }, () => {
        const d = new Date(Date.UTC(2021, 0, 1) + rng.int(300) * 86_400_000);
        return [d.toISOString().slice(0, 10), round(10 + (d.getUTCDay() === 0 ? 5 : 0) + rng.normal())];
      });
      return target(writeCsv(join(dir, "dates-random.csv"), { header: ["day", "sales"], rows }), "sales");
    },
    expected: { outcome: "finishes", task: "regression" },
  },
  {
    name: "json-input",
    setup: (dir) => {
      const t = multiclassTable(200);
      const objects = t.rows.map((r, i) =>
        Object.fromEntries(t.header.map((h, k) => [h, i % 17 === 0 && h === "x2" ? null : r[k]])),
      );
      writeFileSync(join(dir, "table.json"), JSON.stringify(objects));
      return target(join(dir, "table.json"));
    },
    expected: { outcome: "finishes", task: "multiclass" },
  },
  {
    name: "parquet-input",
    setup: (dir) => {
      const t = regressionTable(200);
      const file = join(dir, "table.parquet");
      parquetWriteFile({
        filename: file,
        columnData: t.header.map((name, k) => ({
          name,
          data: t.rows.map((r, i) => (name === "x3" && i % 13 === 0 ? null : r[k])) as (
            | string
            | number
            | null
          )[],
        })),
      });
      return target(file);
    },
    expected: { outcome: "finishes", task: "regression" },
  },
  {
    name: "tab-separated",
    setup: (dir) => {
      const file = join(dir, "table.tsv");
      writeFileSync(file, toCsv(multiclassTable(200), { delimiter: "\t" }));
      return target(file);
    },
    expected: { outcome: "finishes", task: "multiclass" },
  },
  {
    name: "file-name-with-spaces",
    setup: (dir) => {
      mkdirSync(join(dir, "my data folder"), { recursive: true });
      return target(writeCsv(join(dir, "my data folder", "train set (v2).csv"), binaryTable(150)));
    },
    expected: { outcome: "finishes", task: "binary" },
  },
];
