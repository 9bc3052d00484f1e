import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type ColumnSource, parquetWriteFile, type SchemaElement } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { AlchemistError } from "../core/errors.js";
import { cellValue, type Column, getColumn } from "./frame.js";
import { readParquet } from "./parquet-reader.js";
import type { ReadResult } from "./read-result.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-parquet-"));
let counter = 0;
function write(
  columnData: ColumnSource[],
  extra: { schema?: SchemaElement[]; rowGroupSize?: number } = {},
): string {
  const filename = join(dir, `t${counter++}.parquet`);
  parquetWriteFile({ filename, columnData, ...extra });
  return filename;
}
const cells = (c: Column) =>
  Array.from(
    { length: c.kind === "categorical" || c.kind === "text" ? c.codes.length : c.values.length },
    (_, i) => cellValue(c, i),
  );
const col = (r: ReadResult, name: string) => getColumn(r.frame, name);
const notes = (r: ReadResult, column: string) =>
  r.coercions.filter((c) => c.column === column).map((c) => c.message);

async function errorOf(fn: () => Promise<unknown>): Promise<AlchemistError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

const opt = (name: string, e: Omit<SchemaElement, "name" | "repetition_type">): SchemaElement => ({
  name,
  repetition_type: "OPTIONAL",
  ...e,
});

/** One column of every kind, each with a null in the middle row. */
function everyType(): string {
  const columnData: ColumnSource[] = [
    { name: "i32", data: [1, null, -3] },
    { name: "i64", data: [1n, null, 2n ** 60n + 1n] },
    { name: "u32", data: [1, null, 4_000_000_000] },
    { name: "f64", data: [1.5, null, Number.NaN] },
    { name: "f32", data: [0.5, null, 2] },
    { name: "f16", data: [1.5, null, -2] },
    { name: "dec", data: [1.23, null, -4.56] },
    { name: "bigdec", data: [1.5, null, 2.25] },
    { name: "str", data: ["red", null, "blue"] },
    { name: "yesno", data: ["yes", null, "no"] },
    { name: "when", data: ["2024-01-02", null, "2024-02-03"] },
    { name: "enum", data: ["A", null, "B"] },
    { name: "bool", data: [true, null, false] },
    { name: "ts_ms", data: [new Date(1_700_000_000_123), null, new Date(0)] },
    { name: "ts_us", data: [new Date(1_700_000_000_123), null, new Date(86_400_000)] },
    { name: "date", data: [new Date(Date.UTC(2024, 0, 2)), null, new Date(0)] },
    { name: "time", data: [3_600_000, null, 1] },
    { name: "json", data: [{ a: 1 }, null, [1, 2]] },
    { name: "list", data: [[1, 2], null, []] },
    { name: "struct", data: [{ x: 1, y: "a" }, null, { x: 2, y: "b" }] },
    { name: "none", data: [null, null, null] },
  ];
  const schema: SchemaElement[] = [
    { name: "root", num_children: columnData.length },
    opt("i32", { type: "INT32" }),
    opt("i64", { type: "INT64" }),
    opt("u32", { type: "INT32", converted_type: "UINT_32" }),
    opt("f64", { type: "DOUBLE" }),
    opt("f32", { type: "FLOAT" }),
    opt("f16", { type: "FIXED_LEN_BYTE_ARRAY", type_length: 2, logical_type: { type: "FLOAT16" } }),
    opt("dec", { type: "INT32", converted_type: "DECIMAL", scale: 2, precision: 6 }),
    opt("bigdec", { type: "INT64", converted_type: "DECIMAL", scale: 2, precision: 18 }),
    opt("str", { type: "BYTE_ARRAY", converted_type: "UTF8" }),
    opt("yesno", { type: "BYTE_ARRAY", converted_type: "UTF8" }),
    opt("when", { type: "BYTE_ARRAY", converted_type: "UTF8" }),
    opt("enum", { type: "BYTE_ARRAY", converted_type: "ENUM", logical_type: { type: "ENUM" } }),
    opt("bool", { type: "BOOLEAN" }),
    opt("ts_ms", { type: "INT64", converted_type: "TIMESTAMP_MILLIS" }),
    opt("ts_us", {
      type: "INT64",
      logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
    }),
    opt("date", { type: "INT32", converted_type: "DATE" }),
    opt("time", { type: "INT32", converted_type: "TIME_MILLIS" }),
    opt("json", { type: "BYTE_ARRAY", converted_type: "JSON" }),
    opt("list", { converted_type: "LIST", num_children: 1 }),
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    opt("element", { type: "INT32" }),
    opt("struct", { num_children: 2 }),
    opt("x", { type: "INT32" }),
    opt("y", { type: "BYTE_ARRAY", converted_type: "UTF8" }),
    opt("none", { type: "INT32" }),
  ];
  return write(columnData, { schema });
}

describe("Parquet types", () => {
  const path = everyType();

  it("maps every physical and logical type to a Frame kind, nulls to missing", async () => {
    const r = await readParquet(path);
    expect(r.frame.nRows).toBe(3);
    expect(Object.fromEntries(r.frame.columns.map((c) => [c.name, c.kind]))).toEqual({
      i32: "numeric",
      i64: "numeric",
      u32: "numeric",
      f64: "numeric",
      f32: "numeric",
      f16: "numeric",
      dec: "numeric",
      bigdec: "numeric",
      str: "categorical",
      yesno: "boolean",
      when: "datetime",
      enum: "categorical",
      bool: "boolean",
      ts_ms: "datetime",
      ts_us: "datetime",
      date: "datetime",
      time: "numeric",
      json: "text",
      list: "text",
      struct: "text",
      none: "numeric",
    });
    expect(cells(col(r, "i32"))).toEqual([1, null, -3]);
    expect(cells(col(r, "i64"))).toEqual([1, null, 2 ** 60]);
    expect(cells(col(r, "u32"))).toEqual([1, null, 4_000_000_000]);
    expect(cells(col(r, "f64"))).toEqual([1.5, null, null]);
    expect(cells(col(r, "f32"))).toEqual([0.5, null, 2]);
    expect(cells(col(r, "f16"))).toEqual([1.5, null, -2]);
    expect(cells(col(r, "dec"))).toEqual([1.23, null, -4.56]);
    expect(cells(col(r, "bigdec"))).toEqual([1.5, null, 2.25]);
    expect(cells(col(r, "str"))).toEqual(["red", null, "blue"]);
    expect(cells(col(r, "yesno"))).toEqual([true, null, false]);
    expect(cells(col(r, "when"))).toEqual(["2024-01-02T00:00:00.000Z", null, "2024-02-03T00:00:00.000Z"]);
    expect(cells(col(r, "enum"))).toEqual(["A", null, "B"]);
    expect(cells(col(r, "bool"))).toEqual([true, null, false]);
    expect(cells(col(r, "ts_ms"))).toEqual(["2023-11-14T22:13:20.123Z", null, "1970-01-01T00:00:00.000Z"]);
    expect(cells(col(r, "ts_us"))).toEqual(["2023-11-14T22:13:20.123Z", null, "1970-01-02T00:00:00.000Z"]);
    expect(cells(col(r, "date"))).toEqual(["2024-01-02T00:00:00.000Z", null, "1970-01-01T00:00:00.000Z"]);
    expect(cells(col(r, "time"))).toEqual([3_600_000, null, 1]);
    expect(cells(col(r, "json"))).toEqual(['{"a":1}', null, "[1,2]"]);
    expect(cells(col(r, "list"))).toEqual(["[1,2]", null, "[]"]);
    expect(cells(col(r, "struct"))).toEqual(['{"x":1,"y":"a"}', null, '{"x":2,"y":"b"}']);
    expect(cells(col(r, "none"))).toEqual([null, null, null]);
    expect(r.source).toEqual({ path, format: "parquet", bytes: readFileSync(path).length });
  });

  it("records every coercion in plain words", async () => {
    const r = await readParquet(path);
    expect(notes(r, "i64")).toContain("i64: 1 integer beyond 2^53 rounded to the nearest double");
    expect(notes(r, "f64")).toContain("f64: 1 NaN value → missing");
    expect(notes(r, "bigdec")[0]).toContain("DECIMAL(18,2) read as double-precision numbers");
    expect(notes(r, "time")).toContain("time: times of day read as milliseconds since midnight");
    expect(notes(r, "list")).toContain("list: lists kept as JSON text");
    expect(notes(r, "struct")).toContain("struct: nested records kept as JSON text");
    expect(notes(r, "json")).toContain("json: JSON values kept as JSON text");
    expect(notes(r, "yesno")).toContain("yesno: boolean (yes/no)");
    expect(notes(r, "dec")).toEqual([]);
  });

  it("applies overrides, NA tokens and names unknown override columns", async () => {
    const r = await readParquet(path, {
      types: { i32: "categorical", str: "text", bool: "numeric", ts_ms: "numeric", when: "categorical" },
      naValues: ["blue", "-3"],
    });
    expect(col(r, "i32").kind).toBe("categorical");
    expect(cells(col(r, "i32"))).toEqual(["1", null, null]);
    expect(cells(col(r, "str"))).toEqual(["red", null, null]);
    expect(col(r, "str").kind).toBe("text");
    expect(cells(col(r, "bool"))).toEqual([1, null, 0]);
    expect(cells(col(r, "ts_ms"))).toEqual([1_700_000_000_123, null, 0]);
    expect(cells(col(r, "when"))).toEqual(["2024-01-02", null, "2024-02-03"]);
    expect(notes(r, "str")).toContain("str: 1 NA token → missing");
    const e = await errorOf(() => readParquet(path, { types: { STR: "text" } }));
    expect(e.code).toBe("COLUMN_NOT_FOUND");
    expect(e.details.suggestions).toContain("str");
    expect((await errorOf(() => readParquet(path, { types: { bool: "datetime" } }))).code).toBe(
      "INVALID_COLUMN_TYPE",
    );
  });
});

describe("Parquet layout", () => {
  it("places chunks of several row groups at their rows, and reads gzip pages", async () => {
    const n = 95;
    const ids = Array.from({ length: n }, (_, i) => i);
    const labels = ids.map((i) => (i % 4 === 0 ? null : `L${i % 3}`));
    const filename = join(dir, "groups.parquet");
    parquetWriteFile({
      filename,
      columnData: [
        { name: "id", data: ids, type: "INT32" },
        { name: "label", data: labels, type: "STRING" },
      ],
      rowGroupSize: 10,
      codec: "GZIP",
      compressors: { GZIP: (b: Uint8Array) => gzipSync(b) },
    });
    const r = await readParquet(filename);
    expect(r.frame.nRows).toBe(n);
    expect(cells(col(r, "id"))).toEqual(ids);
    expect(cells(col(r, "label"))).toEqual(labels);
  });
});

describe("bad Parquet input", () => {
  it("reports empty, foreign, truncated and missing files", async () => {
    const empty = join(dir, "empty.parquet");
    writeFileSync(empty, "");
    expect((await errorOf(() => readParquet(empty))).code).toBe("EMPTY_FILE");
    const csv = join(dir, "notparquet.parquet");
    writeFileSync(csv, "a,b\n1,2\n");
    expect((await errorOf(() => readParquet(csv))).code).toBe("UNSUPPORTED_FORMAT");
    const good = readFileSync(write([{ name: "a", data: [1, 2, 3], type: "INT32" }]));
    const cut = join(dir, "cut.parquet");
    writeFileSync(cut, Buffer.concat([good.subarray(0, 8), good.subarray(good.length - 8)]));
    expect((await errorOf(() => readParquet(cut))).code).toBe("UNSUPPORTED_FORMAT");
    expect((await errorOf(() => readParquet(join(dir, "nope.parquet")))).code).toBe("FILE_NOT_FOUND");
  });

  it("reports a file with columns but no rows", async () => {
    const path = write([{ name: "a", data: [], type: "INT32" }]);
    const e = await errorOf(() => readParquet(path));
    expect(e.code).toBe("NO_DATA_ROWS");
  });
});
