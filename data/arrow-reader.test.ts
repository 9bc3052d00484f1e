import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "apache-arrow";
import { describe, expect, it } from "vitest";
import { AlchemistError } from "../core/errors.js";
import { readArrow } from "./arrow-reader.js";
import { cellValue, type Column, getColumn } from "./frame.js";
import type { ReadResult } from "./read-result.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-arrow-"));
let counter = 0;
function write(bytes: Uint8Array, ext = "arrow"): string {
  const path = join(dir, `t${counter++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
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

/** Decimal128(precision 10, scale 2) of 1.23, null, -4.56 from its little-endian 32-bit words. */
function decimals(): A.Vector {
  const words = new Uint32Array([123, 0, 0, 0, 0, 0, 0, 0, 0xfffffe38, 0xffffffff, 0xffffffff, 0xffffffff]);
  return A.makeVector(
    A.makeData({
      type: new A.Decimal(2, 10, 128),
      length: 3,
      nullCount: 1,
      data: words,
      nullBitmap: new Uint8Array([0b101]),
    }),
  );
}

/** One column of every kind, each with a null in the middle row. */
function everyType(): A.Table {
  return new A.Table({
    i8: A.vectorFromArray([1, null, -3], new A.Int8()),
    u32: A.vectorFromArray([1, null, 4_000_000_000], new A.Uint32()),
    i64: A.vectorFromArray([1n, null, 2n ** 60n + 1n], new A.Int64()),
    f16: A.vectorFromArray([1.5, null, -2], new A.Float16()),
    f32: A.vectorFromArray([0.5, null, 2], new A.Float32()),
    f64: A.vectorFromArray([1.5, null, Number.NaN], new A.Float64()),
    dec: decimals(),
    str: A.vectorFromArray(["red", null, "blue"], new A.Utf8()),
    large: A.vectorFromArray(["yes", null, "no"], new A.LargeUtf8()),
    when: A.vectorFromArray(["2024-01-02", null, "2024-02-03"], new A.Utf8()),
    dict: A.vectorFromArray(["low", null, "high"], new A.Dictionary(new A.Utf8(), new A.Int32(), 0, true)),
    bool: A.vectorFromArray([true, null, false], new A.Bool()),
    day: A.vectorFromArray([new Date(Date.UTC(2024, 0, 2)), null, new Date(0)], new A.DateDay()),
    ms: A.vectorFromArray([new Date(1_700_000_000_123), null, new Date(0)], new A.DateMillisecond()),
    ts_s: A.vectorFromArray([1_700_000_000_000, null, 0], new A.TimestampSecond()),
    ts_ns: A.vectorFromArray([1_700_000_000_123, null, 86_400_000], new A.TimestampNanosecond()),
    time: A.vectorFromArray([3_600_000, null, 1], new A.TimeMillisecond()),
    none: A.vectorFromArray([null, null, null], new A.Null()),
    list: A.vectorFromArray([[1, 2], null, []], new A.List(new A.Field("item", new A.Int32(), true))),
    struct: A.vectorFromArray(
      [{ x: 1 }, null, { x: 2 }],
      new A.Struct([new A.Field("x", new A.Int32(), true)]),
    ),
  });
}

const EXPECTED: Record<string, { kind: string; cells: unknown[] }> = {
  i8: { kind: "numeric", cells: [1, null, -3] },
  u32: { kind: "numeric", cells: [1, null, 4_000_000_000] },
  i64: { kind: "numeric", cells: [1, null, 2 ** 60] },
  f16: { kind: "numeric", cells: [1.5, null, -2] },
  f32: { kind: "numeric", cells: [0.5, null, 2] },
  f64: { kind: "numeric", cells: [1.5, null, null] },
  dec: { kind: "numeric", cells: [1.23, null, -4.56] },
  str: { kind: "categorical", cells: ["red", null, "blue"] },
  large: { kind: "boolean", cells: [true, null, false] },
  when: { kind: "datetime", cells: ["2024-01-02T00:00:00.000Z", null, "2024-02-03T00:00:00.000Z"] },
  dict: { kind: "categorical", cells: ["low", null, "high"] },
  bool: { kind: "boolean", cells: [true, null, false] },
  day: { kind: "datetime", cells: ["2024-01-02T00:00:00.000Z", null, "1970-01-01T00:00:00.000Z"] },
  ms: { kind: "datetime", cells: ["2023-11-14T22:13:20.123Z", null, "1970-01-01T00:00:00.000Z"] },
  ts_s: { kind: "datetime", cells: ["2023-11-14T22:13:20.000Z", null, "1970-01-01T00:00:00.000Z"] },
  ts_ns: { kind: "datetime", cells: ["2023-11-14T22:13:20.123Z", null, "1970-01-02T00:00:00.000Z"] },
  time: { kind: "numeric", cells: [3_600_000, null, 1] },
  none: { kind: "numeric", cells: [null, null, null] },
  list: { kind: "text", cells: ["[1,2]", null, "[]"] },
  struct: { kind: "text", cells: ['{"x":1}', null, '{"x":2}'] },
};

describe("Arrow types", () => {
  for (const format of ["file", "stream"] as const) {
    it(`maps every type to a Frame kind, nulls to missing (IPC ${format})`, async () => {
      const path = write(A.tableToIPC(everyType(), format), format === "file" ? "arrow" : "ipc");
      const r = await readArrow(path);
      expect(r.frame.nRows).toBe(3);
      for (const [name, want] of Object.entries(EXPECTED)) {
        expect({ name, kind: col(r, name).kind, cells: cells(col(r, name)) }).toEqual({ name, ...want });
      }
      expect(r.source).toEqual({ path, format: "arrow", bytes: readFileSync(path).length });
    });
  }

  it("keeps a dictionary's levels and declared order, and records each coercion", async () => {
    const r = await readArrow(write(A.tableToIPC(everyType())));
    const dict = col(r, "dict");
    expect(dict.kind === "categorical" && dict.levels).toEqual(["low", "high"]);
    expect(dict.kind === "categorical" && dict.ordered).toBe(true);
    expect(notes(r, "i64")).toContain("i64: 1 integer beyond 2^53 rounded to the nearest double");
    expect(notes(r, "f64")).toContain("f64: 1 NaN value → missing");
    expect(notes(r, "none")[0]).toContain("all 3 values missing (Arrow Null type)");
    expect(notes(r, "time")).toContain("time: times of day read as milliseconds since midnight");
    expect(notes(r, "list")[0]).toContain("kept as JSON text");
    expect(notes(r, "large")).toContain("large: boolean (yes/no)");
  });

  it("joins record batches and sliced chunks at the right rows", async () => {
    const t = everyType();
    const joined = t.concat(t.slice(1, 3), t);
    expect(joined.batches.length).toBeGreaterThan(1);
    const r = await readArrow(write(A.tableToIPC(joined)));
    expect(r.frame.nRows).toBe(8);
    for (const [name, want] of Object.entries(EXPECTED)) {
      expect(cells(col(r, name))).toEqual([...want.cells, ...want.cells.slice(1), ...want.cells]);
    }
  });

  it("applies overrides and NA tokens, and names unknown override columns", async () => {
    const path = write(A.tableToIPC(everyType()));
    const r = await readArrow(path, {
      types: { i8: "categorical", dict: "text", bool: "numeric", day: "categorical", u32: "boolean" },
      naValues: ["red", "-3"],
    });
    expect(cells(col(r, "i8"))).toEqual(["1", null, null]);
    expect(col(r, "dict").kind).toBe("text");
    expect(cells(col(r, "bool"))).toEqual([1, null, 0]);
    expect(cells(col(r, "day"))).toEqual(["2024-01-02", null, "1970-01-01"]);
    expect(cells(col(r, "str"))).toEqual([null, null, "blue"]);
    expect(col(r, "u32").kind).toBe("boolean");
    expect(cells(col(r, "u32"))).toEqual([true, null, null]);
    expect(notes(r, "u32")).toContain("u32: 1 value not true/false → missing");
    const e = await errorOf(() => readArrow(path, { types: { Dict: "text" } }));
    expect(e.code).toBe("COLUMN_NOT_FOUND");
    expect(e.details.suggestions).toContain("dict");
    expect((await errorOf(() => readArrow(path, { types: { day: "boolean" } }))).code).toBe(
      "INVALID_COLUMN_TYPE",
    );
  });
});

describe("bad Arrow input", () => {
  it("reports empty, foreign, Feather v1, zero-row and missing files", async () => {
    expect((await errorOf(() => readArrow(write(new Uint8Array(0))))).code).toBe("EMPTY_FILE");
    expect((await errorOf(() => readArrow(write(new TextEncoder().encode("a,b\n1,2\n"))))).code).toBe(
      "UNSUPPORTED_FORMAT",
    );
    const v1 = await errorOf(() =>
      readArrow(write(new TextEncoder().encode("FEA1 old feather body FEA1"), "feather")),
    );
    expect(v1.code).toBe("UNSUPPORTED_FORMAT");
    expect(v1.message).toContain("Feather v1");
    const noRows = A.tableFromArrays({ a: new Float64Array(0) });
    expect(await errorOf(() => readArrow(write(A.tableToIPC(noRows))))).toMatchObject({
      code: "NO_DATA_ROWS",
    });
    expect((await errorOf(() => readArrow(join(dir, "absent.arrow")))).code).toBe("FILE_NOT_FOUND");
  });

  it("explains a compressed file it cannot decompress", async () => {
    // A stand-in LZ4 codec to write the file, removed before reading.
    const header = [4, 34, 77, 24, 0x40, 0x40, 0];
    A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, {
      encode: (b: Uint8Array) => {
        const out = new Uint8Array(b.length + header.length);
        out.set(header);
        out.set(b, header.length);
        return out;
      },
    });
    let bytes: Uint8Array;
    try {
      const writer = new A.RecordBatchFileWriter({ compressionType: A.CompressionType.LZ4_FRAME });
      bytes = writer.writeAll(A.tableFromArrays({ a: new Float64Array([1, 2]) })).toUint8Array(true);
    } finally {
      A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, {});
    }
    const e = await errorOf(() => readArrow(write(bytes, "feather")));
    expect(e.code).toBe("UNSUPPORTED_FORMAT");
    expect(e.message).toContain("compressed");
  });
});
