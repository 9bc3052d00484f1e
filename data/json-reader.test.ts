import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlchemistError } from "../core/errors.js";
import { cellValue, type Column, getColumn } from "./frame.js";
import { parseJsonText, readJson } from "./json-reader.js";
import type { ReadResult } from "./read-result.js";

const dir = mkdtempSync(join(tmpdir(), "alchemist-json-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const cells = (c: Column) =>
  Array.from(
    {
      length:
        c.kind === "numeric" || c.kind === "boolean" || c.kind === "datetime"
          ? c.values.length
          : c.codes.length,
    },
    (_, i) => cellValue(c, i),
  );
const col = (r: ReadResult, name: string) => getColumn(r.frame, name);
const kinds = (r: ReadResult) => r.frame.columns.map((c) => `${c.name}:${c.kind}`);
const notes = (r: ReadResult, column?: string) =>
  r.coercions.filter((c) => column === undefined || c.column === column).map((c) => c.message);

function errorOf(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

describe("JSON arrays of objects", () => {
  it("reads every value type, with columns the union of keys in first-seen order", () => {
    const r = parseJsonText(
      JSON.stringify([
        { n: 1.5, s: "red", b: true, d: "2024-01-02" },
        { n: 2, s: "blue", b: false, d: "2024-01-03", late: "x" },
        { n: null, s: null, b: null, d: null },
      ]),
    );
    expect(kinds(r)).toEqual(["n:numeric", "s:categorical", "b:boolean", "d:datetime", "late:categorical"]);
    expect(r.frame.nRows).toBe(3);
    expect(cells(col(r, "n"))).toEqual([1.5, 2, null]);
    expect(cells(col(r, "s"))).toEqual(["red", "blue", null]);
    expect(cells(col(r, "b"))).toEqual([true, false, null]);
    expect(cells(col(r, "d"))).toEqual(["2024-01-02T00:00:00.000Z", "2024-01-03T00:00:00.000Z", null]);
    expect(cells(col(r, "late"))).toEqual([null, "x", null]);
    expect(notes(r, "late")).toContain("late: 2 records without the key → missing");
    expect(notes(r, "n")).toContain("n: 1 null → missing");
    expect(r.source).toMatchObject({ format: "json", encoding: "utf-8" });
  });

  it("reads numbers mixed with numeric strings as numbers, and says so", () => {
    const r = parseJsonText('[{"x": 1}, {"x": "2.5"}, {"x": 3}]');
    expect(col(r, "x").kind).toBe("numeric");
    expect(cells(col(r, "x"))).toEqual([1, 2.5, 3]);
    expect(notes(r, "x")).toContain("x: 1 number written as strings (e.g. '2.5') read as numbers");
  });

  it("turns a few text values among numbers into missing values, listing examples", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: i }));
    rows.push({ x: "n/a" as unknown as number });
    const r = parseJsonText(JSON.stringify(rows));
    expect(col(r, "x").kind).toBe("numeric");
    expect(cells(col(r, "x")).at(-1)).toBeNull();
    expect(notes(r, "x")).toContain("x: 1 non-numeric value ('n/a' ×1) → missing");
  });

  it("keeps many text values as strings, numbers kept as text", () => {
    const r = parseJsonText('[{"x": 1}, {"x": "small"}, {"x": "large"}, {"x": "small"}]');
    expect(col(r, "x").kind).toBe("categorical");
    expect(cells(col(r, "x"))).toEqual(["1", "small", "large", "small"]);
    expect(
      notes(r, "x").some((m) => m.includes("mixes numbers and text") && m.includes("numbers kept as text")),
    ).toBe(true);
  });

  it("keeps nested objects and arrays as their JSON text", () => {
    const r = parseJsonText('[{"o": {"a": [1, 2]}}, {"o": [true, null]}, {"o": 4}, {}]');
    expect(col(r, "o").kind).toBe("text");
    expect(cells(col(r, "o"))).toEqual(['{"a":[1,2]}', "[true,null]", "4", null]);
    expect(notes(r, "o")).toContain("o: 2 nested values (objects/arrays) kept as JSON text");
  });

  it("infers booleans and dates from strings, like CSV text", () => {
    const r = parseJsonText(
      '[{"ok": "yes", "t": "2024-03-01 10:00"}, {"ok": "no", "t": "2024-03-02 11:30"}]',
    );
    expect(col(r, "ok").kind).toBe("boolean");
    expect(cells(col(r, "ok"))).toEqual([true, false]);
    expect(col(r, "t").kind).toBe("datetime");
    expect(cells(col(r, "t"))).toEqual(["2024-03-01T10:00:00.000Z", "2024-03-02T11:30:00.000Z"]);
  });

  it("reads empty strings and naValues tokens (text or numeric) as missing", () => {
    const r = parseJsonText(
      '[{"a": "x", "v": 1}, {"a": "", "v": -999}, {"a": "NA", "v": "NA"}, {"a": "y", "v": 4}]',
      {
        naValues: ["NA", "-999"],
      },
    );
    expect(cells(col(r, "a"))).toEqual(["x", null, null, "y"]);
    expect(cells(col(r, "v"))).toEqual([1, null, null, 4]);
    expect(notes(r, "a")).toContain("a: 1 empty string, 1 NA token → missing");
    expect(notes(r, "v")).toContain("v: 2 NA tokens → missing");
  });

  it("keeps an all-null column as all-missing numeric, and renames empty or clashing keys", () => {
    const r = parseJsonText('[{"": 1, " a": 2, "a": 3, "z": null}]');
    expect(kinds(r)).toEqual(["column_1:numeric", "a:numeric", "a.1:numeric", "z:numeric"]);
    expect(notes(r, "z")[0]).toContain("all 1 value missing");
    expect(r.coercions.filter((c) => c.kind === "rename")).toHaveLength(2);
  });

  it("reads rows from a {data: [...]} wrapper and strips a BOM", () => {
    const r = parseJsonText('\uFEFF{\n  "meta": 1,\n  "data": [{"a": 1}, {"a": 2}]\n}');
    expect(cells(col(r, "a"))).toEqual([1, 2]);
    expect(r.coercions.map((c) => c.message)).toContain(
      "Rows read from the 'data' array of the top-level object",
    );
    expect(r.coercions.map((c) => c.message)).toContain("UTF-8 byte order mark removed");
    const oneLine = parseJsonText('{"data": [{"a": 1}, {"a": 2}]}');
    expect(oneLine.source.format).toBe("json");
    expect(oneLine.frame.nRows).toBe(2);
  });
});

describe("type overrides", () => {
  const text =
    '[{"id": 1, "flag": 1, "code": "007", "when": 1700000000}, {"id": 2, "flag": 0, "code": "012", "when": 1700086400}]';

  it("applies overrides to typed values", () => {
    const r = parseJsonText(text, {
      types: { id: "categorical", flag: "boolean", code: "categorical", when: "datetime" },
    });
    expect(kinds(r)).toEqual(["id:categorical", "flag:boolean", "code:categorical", "when:datetime"]);
    expect(cells(col(r, "id"))).toEqual(["1", "2"]);
    expect(cells(col(r, "flag"))).toEqual([true, false]);
    expect(cells(col(r, "code"))).toEqual(["007", "012"]);
    expect(cells(col(r, "when"))).toEqual(["2023-11-14T22:13:20.000Z", "2023-11-15T22:13:20.000Z"]);
    expect(notes(r, "when")).toContain("when: numbers read as Unix time in seconds (type override)");
  });

  it("reads numeric-looking strings as numbers unless told otherwise", () => {
    expect(col(parseJsonText(text), "code").kind).toBe("numeric");
    const r = parseJsonText('[{"v": "1"}, {"v": "oops"}]', { types: { v: "numeric" } });
    expect(cells(col(r, "v"))).toEqual([1, null]);
  });

  it("names an unknown override column with suggestions", () => {
    const e = errorOf(() => parseJsonText(text, { types: { Code: "numeric" } }));
    expect(e.code).toBe("COLUMN_NOT_FOUND");
    expect(e.details.suggestions).toContain("code");
    expect(e.message).toContain("Did you mean 'code'?");
  });

  it("refuses an override that cannot apply", () => {
    expect(errorOf(() => parseJsonText('[{"b": true}]', { types: { b: "datetime" } })).code).toBe(
      "INVALID_COLUMN_TYPE",
    );
  });
});

describe("JSON Lines", () => {
  const records = Array.from({ length: 500 }, (_, i) => ({
    id: i,
    label: i % 3 === 0 ? "a" : "b",
    note: `row ${i} ${"x".repeat(i % 7 === 0 ? 9000 : 10)}`,
    ...(i % 5 === 0 ? {} : { v: i / 4 }),
  }));

  it("streams a file in small chunks (lines longer than a chunk included) and agrees with the array", () => {
    const lines = `${records.map((r) => JSON.stringify(r)).join("\r\n")}\r\n\r\n`;
    const streamed = readJson(file("rows.jsonl", lines), { chunkBytes: 4096 });
    const whole = parseJsonText(JSON.stringify(records));
    expect(streamed.source.format).toBe("jsonl");
    expect(streamed.frame.nRows).toBe(500);
    expect(kinds(streamed)).toEqual(kinds(whole));
    for (const c of whole.frame.columns) expect(cells(col(streamed, c.name))).toEqual(cells(c));
    expect(notes(streamed)).toContain("1 blank line skipped");
    const missing = streamed.coercions.find((c) => c.column === "v" && c.kind === "missing");
    expect(missing?.count).toBe(100);
  });

  it("detects JSON Lines in a .json file whose first line is a whole object", () => {
    const r = readJson(file("detect.json", '{"a": 1}\n{"a": 2, "b": null}\n{"a": 3, "b": "x"}\n'));
    expect(r.source.format).toBe("jsonl");
    expect(cells(col(r, "a"))).toEqual([1, 2, 3]);
    expect(notes(r)).toContain("Read as JSON Lines (one object per line)");
    expect(notes(r, "b")[0]).toContain("b: 1 null, 1 record without the key → missing");
  });

  it("strips a BOM from a JSON Lines file, and reads a .jsonl holding an array as one document", () => {
    const bom = readJson(file("bom.jsonl", '\uFEFF{"a": 1}\n{"a": 2}\n'));
    expect(cells(col(bom, "a"))).toEqual([1, 2]);
    expect(notes(bom)).toContain("UTF-8 byte order mark removed");
    const misnamed = readJson(file("array.jsonl", '[\n  {"a": 1},\n  {"a": 2}\n]\n'));
    expect(misnamed.source.format).toBe("json");
    expect(cells(col(misnamed, "a"))).toEqual([1, 2]);
  });

  it("reads a pretty-printed array file whole", () => {
    const r = readJson(file("pretty.json", JSON.stringify(records.slice(0, 20), null, 2)));
    expect(r.source.format).toBe("json");
    expect(r.frame.nRows).toBe(20);
  });

  it("names the line of a bad record, in a file and in text", () => {
    const bad = '{"a": 1}\n{"a": 2}\n{"a": 3,, }\n{"a": 4}\n';
    const e = errorOf(() => readJson(file("bad.jsonl", bad), { chunkBytes: 4096 }));
    expect(e.code).toBe("MALFORMED_JSON");
    expect(e.details.line).toBe(3);
    expect(e.message).toContain("line 3");
    expect(errorOf(() => parseJsonText(bad)).details.line).toBe(3);
  });

  it("refuses a line that is not an object", () => {
    const e = errorOf(() => parseJsonText('{"a": 1}\n[1, 2]\n', { lines: true }));
    expect(e.code).toBe("MALFORMED_JSON");
    expect(e.details.line).toBe(2);
    expect(e.message).toContain("not an object");
  });
});

describe("bad JSON input", () => {
  it("names the line of a syntax error in an array", () => {
    const e = errorOf(() => readJson(file("syntax.json", '[\n  {"a": 1},\n  {"a": 2,}\n]')));
    expect(e.code).toBe("MALFORMED_JSON");
    expect(e.details.line).toBe(3);
    expect(e.details.path).toContain("syntax.json");
  });

  it("names the index of a non-object element", () => {
    const e = errorOf(() => parseJsonText('[{"a": 1}, {"a": 2}, "three"]'));
    expect(e.code).toBe("MALFORMED_JSON");
    expect(e.details.index).toBe(2);
    expect(e.message).toContain("element 2");
  });

  it("refuses a top-level value that is not a table", () => {
    expect(errorOf(() => parseJsonText("42")).code).toBe("MALFORMED_JSON");
    expect(errorOf(() => parseJsonText('{\n "a": 1,\n "b": 2\n}')).code).toBe("MALFORMED_JSON");
  });

  it("reports empty files, empty arrays and missing files", () => {
    expect(errorOf(() => readJson(file("empty.json", ""))).code).toBe("EMPTY_FILE");
    expect(errorOf(() => readJson(file("blank.json", "  \n\t\n"))).code).toBe("EMPTY_FILE");
    expect(errorOf(() => parseJsonText("")).code).toBe("EMPTY_FILE");
    expect(errorOf(() => readJson(file("none.json", "[]"))).code).toBe("NO_DATA_ROWS");
    expect(errorOf(() => parseJsonText("[{}, {}]")).code).toBe("NO_DATA_ROWS");
    expect(errorOf(() => readJson(join(dir, "missing.json"))).code).toBe("FILE_NOT_FOUND");
  });
});
