import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlchemistError } from "../core/errors.js";
import { datasetMeta, datasetPath } from "../test/datasets.js";
import { parseCsvBytes, readCsv } from "./csv-reader.js";
import { cellValue, type Column, getColumn } from "./frame.js";

const enc = new TextEncoder();
const csv = (text: string, options = {}) => parseCsvBytes(enc.encode(text), options);
const values = (c: Column) =>
  Array.from({ length: c.kind === "numeric" ? c.values.length : 0 }, (_, i) => cellValue(c, i));
const cells = (c: Column, n: number) => Array.from({ length: n }, (_, i) => cellValue(c, i));

function errorOf(fn: () => unknown): AlchemistError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AlchemistError) return e;
    throw e;
  }
  throw new Error("expected an AlchemistError");
}

describe("CSV structure", () => {
  it("reads quotes, embedded delimiters, newlines and doubled quotes", () => {
    const r = csv('name,note,x\n"Smith, J","said ""hi""\nthen left",1\nLee,plain,2\n');
    expect(r.frame.nRows).toBe(2);
    expect(cells(getColumn(r.frame, "name"), 2)).toEqual(["Smith, J", "Lee"]);
    expect(cells(getColumn(r.frame, "note"), 2)).toEqual(['said "hi"\nthen left', "plain"]);
    expect(values(getColumn(r.frame, "x"))).toEqual([1, 2]);
  });

  it("handles BOM, CRLF, lone CR and a missing final newline", () => {
    const r = csv("\uFEFFa,b\r\n1,x\r\n2,y\r3,z");
    expect(r.frame.columns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(values(getColumn(r.frame, "a"))).toEqual([1, 2, 3]);
    expect(r.coercions.some((c) => c.message.includes("byte order mark"))).toBe(true);
  });

  it("sniffs semicolons, tabs and pipes", () => {
    expect(csv("a;b\n1,5;2\n3;4\n").source.delimiter).toBe(";");
    expect(csv("a\tb\n1\t2\n").source.delimiter).toBe("\t");
    expect(csv("a|b|c\n1|2|3\n").source.delimiter).toBe("|");
    const r = csv("a;b\n1,5;x\n", { delimiter: ";" });
    expect(cells(getColumn(r.frame, "a"), 1)).toEqual(["1,5"]);
  });

  it("keeps the same result across chunk boundaries", () => {
    const lines = ["id,text,v"];
    for (let i = 0; i < 3000; i++) lines.push(`${i},"line ${i}, with ""quotes""\nand a newline",${i * 0.5}`);
    const text = `${lines.join("\r\n")}\r\n`;
    const dir = mkdtempSync(join(tmpdir(), "alchemist-csv-"));
    const path = join(dir, "big.csv");
    writeFileSync(path, text);
    const small = readCsv(path, { chunkBytes: 4096 });
    const whole = csv(text);
    expect(small.frame.nRows).toBe(3000);
    for (const name of ["id", "text", "v"]) {
      expect(cells(getColumn(small.frame, name), 3000)).toEqual(cells(getColumn(whole.frame, name), 3000));
    }
    expect(cellValue(getColumn(small.frame, "text"), 2999)).toBe('line 2999, with "quotes"\nand a newline');
  });

  it("pads short rows with missing values and says so", () => {
    const r = csv("a,b,c\n1,2,3\n4,5\n6,7,8\n");
    expect(cells(getColumn(r.frame, "c"), 3)).toEqual([3, null, 8]);
    const note = r.coercions.find((c) => c.message.includes("fewer fields"));
    expect(note?.firstLine).toBe(3);
  });

  it("renames empty and duplicate headers", () => {
    const r = csv("a,,a,a\n1,2,3,4\n");
    expect(r.frame.columns.map((c) => c.name)).toEqual(["a", "column_2", "a.1", "a.2"]);
    expect(r.coercions.filter((c) => c.kind === "rename")).toHaveLength(3);
  });

  it("skips blank lines", () => {
    const r = csv("a,b\n1,2\n\n3,4\n\n");
    expect(r.frame.nRows).toBe(2);
  });
});

describe("CSV bad input", () => {
  it("empty file and whitespace", () => {
    expect(errorOf(() => csv("")).code).toBe("EMPTY_FILE");
    expect(errorOf(() => csv("\n\n")).code).toBe("EMPTY_FILE");
  });

  it("header only", () => {
    const e = errorOf(() => csv("a,b,c\n"));
    expect(e.code).toBe("NO_DATA_ROWS");
    expect(e.message).toContain("3 columns");
  });

  it("a row with too many fields names its line", () => {
    const e = errorOf(() => csv("a,b\n1,2\n3,4,5\n"));
    expect(e.code).toBe("RAGGED_ROW");
    expect(e.details.line).toBe(3);
    expect(e.message).toContain("Line 3");
  });

  it("an unterminated quote names its line", () => {
    const e = errorOf(() => csv('a,b\n1,2\n3,"oops\n'));
    expect(e.code).toBe("MALFORMED_CSV");
    expect(e.details.line).toBe(3);
  });

  it("a one-row file reads", () => {
    const r = csv("a,b\n1,x\n");
    expect(r.frame.nRows).toBe(1);
  });

  it("non-UTF-8 bytes are decoded as Latin-1 and recorded", () => {
    const bytes = new Uint8Array([
      ...enc.encode("city,n\n"),
      0x4d,
      0xfc,
      0x6e,
      0x63,
      0x68,
      0x65,
      0x6e,
      ...enc.encode(",1\n"),
    ]);
    const r = parseCsvBytes(bytes);
    expect(cells(getColumn(r.frame, "city"), 1)).toEqual(["München"]);
    expect(r.source.encoding).toBe("windows-1252");
    expect(r.coercions[0]?.kind).toBe("encoding");
  });

  it("UTF-16 with a BOM is decoded", () => {
    const text = "a,b\n1,é\n";
    const body = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) body[i * 2] = text.charCodeAt(i);
    const r = parseCsvBytes(new Uint8Array([0xff, 0xfe, ...body]));
    expect(cells(getColumn(r.frame, "b"), 1)).toEqual(["é"]);
    expect(r.source.encoding).toBe("utf-16le");
  });

  it("an all-missing column is kept and recorded", () => {
    const r = csv("a,b\n1,\n2,\n");
    const b = getColumn(r.frame, "b");
    expect(b.kind).toBe("numeric");
    expect(cells(b, 2)).toEqual([null, null]);
    expect(r.coercions.some((c) => c.column === "b" && c.message.includes("all"))).toBe(true);
  });

  it("an override naming an unknown column suggests the closest", () => {
    const e = errorOf(() => csv("price,qty\n1,2\n", { types: { prise: "categorical" } }));
    expect(e.code).toBe("COLUMN_NOT_FOUND");
    expect(e.details.suggestions).toEqual(["price"]);
  });
});

describe("type inference", () => {
  it("records empty fields and non-numeric tokens in numeric columns", () => {
    const rows = ["id,hp"];
    for (let i = 0; i < 100; i++) rows.push(`${i},${i === 5 ? "?" : i % 20 === 0 ? "" : String(100 + i)}`);
    const r = csv(`${rows.join("\n")}\n`);
    const hp = getColumn(r.frame, "hp");
    expect(hp.kind).toBe("numeric");
    const messages = r.coercions.map((c) => c.message);
    expect(messages).toContain("hp: 5 empty fields → missing");
    expect(messages.some((m) => m.startsWith("hp: 1 non-numeric value ('?' ×1) → missing"))).toBe(true);
  });

  it("turns mostly-text columns into categoricals, keeping numbers as text", () => {
    const rows = ["zip"];
    for (let i = 0; i < 2000; i++) rows.push(i < 10 ? String(i) : `Z${i % 7}`);
    const r = csv(`${rows.join("\n")}\n`);
    const zip = getColumn(r.frame, "zip");
    expect(zip.kind).toBe("categorical");
    expect(cellValue(zip, 3)).toBe("3");
    expect(cellValue(zip, 11)).toBe("Z4");
    expect(r.coercions.some((c) => c.message.startsWith("zip: mixes numbers and text"))).toBe(true);
  });

  it("detects dates, booleans, free text, and keeps '.' as a level", () => {
    const rows = ["when,flag,sex,review"];
    for (let i = 0; i < 40; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      rows.push(
        `2021-03-${day},${i % 2 ? "Yes" : "No"},${i === 7 ? "." : i % 2 ? "MALE" : "FEMALE"},"review number ${i} says the thing was fine"`,
      );
    }
    const r = csv(`${rows.join("\n")}\n`);
    const when = getColumn(r.frame, "when");
    expect(when.kind).toBe("datetime");
    expect(cellValue(when, 0)).toBe("2021-03-01T00:00:00.000Z");
    expect(getColumn(r.frame, "flag").kind).toBe("boolean");
    expect(getColumn(r.frame, "review").kind).toBe("text");
    const messages = r.coercions.map((c) => c.message);
    expect(messages).toContain("when: dates, format YYYY-MM-DD");
    expect(messages).toContain("sex: '.' kept as its own level, 1 row");
  });

  it("reads day-first dates when a day exceeds 12, month-first otherwise", () => {
    const dayFirst = csv("d\n13/01/2020\n02/03/2020\n");
    expect(cellValue(getColumn(dayFirst.frame, "d"), 1)).toBe("2020-03-02T00:00:00.000Z");
    const ambiguous = csv("d\n01/02/2020\n03/04/2020\n");
    expect(cellValue(getColumn(ambiguous.frame, "d"), 0)).toBe("2020-01-02T00:00:00.000Z");
    expect(ambiguous.coercions.some((c) => c.message.includes("ambiguous"))).toBe(true);
  });

  it("honours type overrides and NA tokens", () => {
    const r = csv("code,v\n001,NA\n002,3\n", { types: { code: "categorical" }, naValues: ["NA"] });
    expect(cells(getColumn(r.frame, "code"), 2)).toEqual(["001", "002"]);
    expect(cells(getColumn(r.frame, "v"), 2)).toEqual([null, 3]);
  });

  it("parses numbers exactly like JavaScript", () => {
    const texts = [
      "0.1",
      "-3.25e-7",
      "123456789012345678",
      "1e308",
      "4.9e-324",
      "  42 ",
      ".5",
      "5.",
      "+7",
      "-0",
    ];
    const r = csv(`x\n${texts.join("\n")}\n`);
    const x = getColumn(r.frame, "x");
    if (x.kind !== "numeric") throw new Error("numeric expected");
    expect(Array.from(x.values)).toEqual(texts.map((t) => Number(t)));
    const inf = csv("x\ninf\n-Infinity\n1\n");
    expect(values(getColumn(inf.frame, "x"))).toEqual([Infinity, -Infinity, 1]);
  });
});

describe("shared datasets", () => {
  it("reads penguins with its quirks recorded", () => {
    const r = readCsv(datasetPath("penguins", "train.csv"));
    const meta = datasetMeta("penguins");
    expect(r.frame.nRows).toBe(258);
    for (const [name, kind] of Object.entries(meta.feature_types)) {
      expect(getColumn(r.frame, name).kind).toBe(kind);
    }
    const messages = r.coercions.map((c) => c.message);
    expect(messages).toContain("Sex: '.' kept as its own level, 1 row");
    expect(messages).toContain("Beak Length (mm): 2 empty fields → missing");
  });

  it("reads airpassengers' month as dates", () => {
    const r = readCsv(datasetPath("airpassengers", "train.csv"));
    expect(getColumn(r.frame, "month").kind).toBe("datetime");
    expect(r.coercions.map((c) => c.message)).toContain("month: dates, format YYYY-MM-DD");
  });
});
