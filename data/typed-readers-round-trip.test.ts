/** The same table written as Parquet, Arrow, JSON and JSON Lines reads back as the Frame the CSV gave. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "apache-arrow";
import { type ColumnSource, parquetWriteFile } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { datasetPath, datasetsAvailable } from "../test/datasets.js";
import { readArrow } from "./arrow-reader.js";
import { readCsv } from "./csv-reader.js";
import { cellValue, type Column, type Frame, toRecords } from "./frame.js";
import { readJson } from "./json-reader.js";
import { readParquet } from "./parquet-reader.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-round-trip-"));

const cells = (c: Column, n: number) => Array.from({ length: n }, (_, i) => cellValue(c, i));
const numbers = (c: Column) =>
  c.kind === "numeric" ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : [];

function expectSameFrame(got: Frame, want: Frame): void {
  expect(got.nRows).toBe(want.nRows);
  expect(got.columns.map((c) => [c.name, c.kind])).toEqual(want.columns.map((c) => [c.name, c.kind]));
  want.columns.forEach((w, j) => {
    const g = got.columns[j] as Column;
    if (w.kind === "numeric") {
      // Exact values and NaN at the same rows.
      expect(g.kind === "numeric" && Array.from(g.values, Number.isNaN)).toEqual(
        Array.from(w.values, Number.isNaN),
      );
      expect(numbers(g)).toEqual(numbers(w));
    } else {
      expect(cells(g, got.nRows)).toEqual(cells(w, want.nRows));
    }
  });
}

describe.skipIf(!datasetsAvailable())("round trip of penguins through every typed format", () => {
  const csv = readCsv(datasetPath("penguins", "train.csv")).frame;
  const n = csv.nRows;

  it("starts from numeric and categorical columns with missing values", () => {
    expect(csv.columns.map((c) => c.kind)).toEqual([
      "categorical",
      "categorical",
      "numeric",
      "numeric",
      "numeric",
      "numeric",
      "categorical",
    ]);
    expect(csv.columns.some((c) => c.kind === "categorical" && cells(c, n).includes(null))).toBe(true);
  });

  it("Parquet", async () => {
    const columnData: ColumnSource[] = csv.columns.map((c) =>
      c.kind === "numeric"
        ? { name: c.name, data: numbers(c), type: "DOUBLE" }
        : { name: c.name, data: cells(c, n), type: "STRING" },
    );
    const filename = join(dir, "penguins.parquet");
    parquetWriteFile({ filename, columnData, rowGroupSize: 100 });
    expectSameFrame((await readParquet(filename)).frame, csv);
  });

  it("Arrow IPC file (dictionary strings) and stream (plain strings)", async () => {
    for (const [format, dictionary] of [
      ["file", true],
      ["stream", false],
    ] as const) {
      const vectors = Object.fromEntries(
        csv.columns.map((c) => [
          c.name,
          c.kind === "numeric"
            ? A.vectorFromArray(numbers(c), new A.Float64())
            : A.vectorFromArray(
                cells(c, n),
                dictionary ? new A.Dictionary(new A.Utf8(), new A.Int32()) : new A.Utf8(),
              ),
        ]),
      );
      const path = join(dir, `penguins.${format}.arrow`);
      writeFileSync(path, A.tableToIPC(new A.Table(vectors), format));
      expectSameFrame((await readArrow(path)).frame, csv);
    }
  });

  it("JSON array and JSON Lines", () => {
    const records = toRecords(csv);
    const array = join(dir, "penguins.json");
    writeFileSync(array, JSON.stringify(records, null, 1));
    expectSameFrame(readJson(array).frame, csv);
    const lines = join(dir, "penguins.jsonl");
    writeFileSync(lines, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const r = readJson(lines, { chunkBytes: 4096 });
    expect(r.source.format).toBe("jsonl");
    expectSameFrame(r.frame, csv);
  });
});
