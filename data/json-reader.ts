/**
 * Reads JSON tables: an array of objects (parsed whole; `{"data": [...]}` too) or JSON Lines
 * (streamed line by line, so memory holds the columns, not the text). Columns are the union of the
 * records' keys in first-seen order; an absent key or `null` is missing.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { extname } from "node:path";
import { AlchemistError } from "../core/errors.js";
import { type Coercion, coercion, plural } from "./coercion.js";
import { type Column, createFrame } from "./frame.js";
import { fileLines, fileSize, type Line, textLines } from "./file-lines.js";
import { JsonColumnBuilder } from "./json-column-builder.js";
import type { ReadOptions, ReadResult, SourceInfo } from "./read-result.js";
import { checkTypeOverrides, type NaSets, naSets, uniqueNames } from "./typed-columns.js";

export interface JsonOptions extends ReadOptions {
  /**
   * `true`: JSON Lines; `false`: one JSON document. Absent: JSON Lines for `.jsonl`/`.ndjson`, or
   * when the text starts with `{` and its first line is a whole object; a single JSON document otherwise.
   */
  lines?: boolean;
  /** Bytes per read when streaming JSON Lines from a file. */
  chunkBytes?: number;
}

type Mode = "lines" | "detect" | "document";
type JsonRecord = Record<string, unknown>;

const DEFAULT_CHUNK = 1 << 22;

/** Rows as they arrive; columns are created the first time a key is seen. */
class JsonTable {
  private readonly builders: JsonColumnBuilder[] = [];
  private readonly byKey = new Map<string, JsonColumnBuilder>();
  private readonly na: NaSets;
  rows = 0;

  constructor(private readonly options: ReadOptions) {
    this.na = naSets(options.naValues);
  }

  add(record: JsonRecord, line = 0): void {
    const i = this.rows++;
    for (const key of Object.keys(record)) {
      let b = this.byKey.get(key);
      if (b === undefined) {
        b = new JsonColumnBuilder(key, this.na);
        this.byKey.set(key, b);
        this.builders.push(b);
      }
      b.push(i, record[key], line);
    }
  }

  finish(notes: Coercion[], path: string | undefined): Column[] {
    if (this.builders.length === 0) {
      throw new AlchemistError(
        "NO_DATA_ROWS",
        `${where(path)} has ${plural(this.rows, "record")} but no keys: no columns.`,
        pathDetail(path),
      );
    }
    const names = uniqueNames(
      this.builders.map((b) => b.key),
      notes,
    );
    checkTypeOverrides(this.options.types, names);
    const types = this.options.types ?? {};
    return this.builders.map((b, j) => {
      const name = names[j] as string;
      const done = b.finish(this.rows, name, types[name]);
      notes.push(...done.coercions);
      return done.column;
    });
  }
}

function where(path: string | undefined): string {
  return path ?? "The JSON data";
}

function pathDetail(path: string | undefined): { path?: string } {
  return path === undefined ? {} : { path };
}

function isRecord(v: unknown): v is JsonRecord {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v);
  return `a ${typeof v} (${text.length > 40 ? `${text.slice(0, 40)}…` : text})`;
}

/** Turns a `JSON.parse` error into MALFORMED_JSON naming the line (and character) at fault. */
function syntaxError(e: unknown, text: string, firstLine: number, path: string | undefined): AlchemistError {
  const raw = e instanceof Error ? e.message : String(e);
  const at = /at position (\d+)/.exec(raw);
  const pos = at ? Math.min(Number(at[1]), text.length) : text.length;
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < pos; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const character = pos - lineStart + 1;
  const reason = raw.replace(/\s*in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
  return new AlchemistError(
    "MALFORMED_JSON",
    `${path ?? "JSON"}: invalid JSON on line ${line}, character ${character}: ${reason}.`,
    { ...pathDetail(path), line, character },
    { cause: e },
  );
}

/** Rows of a wrapper object: its `data` array, or the array under its only key. */
function wrappedRows(doc: JsonRecord): { key: string; rows: unknown[] } | undefined {
  const data = doc.data;
  if (Array.isArray(data)) return { key: "data", rows: data };
  const keys = Object.keys(doc);
  const only = keys.length === 1 ? doc[keys[0] as string] : undefined;
  return Array.isArray(only) ? { key: keys[0] as string, rows: only } : undefined;
}

function tableFromDocument(
  doc: unknown,
  options: ReadOptions,
  path: string | undefined,
  notes: Coercion[],
): JsonTable {
  let rows: unknown[];
  if (Array.isArray(doc)) rows = doc;
  else {
    const inner = isRecord(doc) ? wrappedRows(doc) : undefined;
    if (!inner) {
      throw new AlchemistError(
        "MALFORMED_JSON",
        `${where(path)} holds ${describe(doc)}; expected an array of objects (or JSON Lines: one object per line).`,
        pathDetail(path),
      );
    }
    notes.push(coercion("structure", `Rows read from the '${inner.key}' array of the top-level object`));
    rows = inner.rows;
  }
  if (rows.length === 0)
    throw new AlchemistError("NO_DATA_ROWS", `${where(path)} is an empty array: no rows.`, pathDetail(path));
  const table = new JsonTable(options);
  for (let i = 0; i < rows.length; i++) {
    const el = rows[i];
    if (!isRecord(el)) {
      throw new AlchemistError(
        "MALFORMED_JSON",
        `${where(path)}: element ${i} of the array is ${describe(el)}, not an object; each row must be an object of column: value.`,
        { ...pathDetail(path), index: i, row: i + 1 },
      );
    }
    table.add(el);
    rows[i] = undefined; // the record is in the columns now; let it go
  }
  return table;
}

interface LinesResult {
  table: JsonTable;
  format: "json" | "jsonl";
}

/**
 * JSON Lines: one object per non-blank line. In detect mode, `undefined` when the first line is not a
 * whole object (the caller then parses the text as one document), and a lone wrapper object
 * (`{"data": [...]}`) on one line is read as a document.
 */
function readLines(
  lines: Iterable<Line>,
  options: ReadOptions,
  path: string | undefined,
  detect: boolean,
  notes: Coercion[],
): LinesResult | undefined {
  const table = new JsonTable(options);
  let held: { record: JsonRecord; line: number } | undefined;
  let seen = 0;
  let blank = 0;
  for (const [text, line] of lines) {
    if (text.charCodeAt(0) !== 123 && text.trim() === "") {
      blank++;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      if (detect && seen === 0) return undefined;
      throw syntaxError(e, text, line, path);
    }
    if (!isRecord(value)) {
      if (detect && seen === 0) return undefined;
      throw new AlchemistError(
        "MALFORMED_JSON",
        `${where(path)}: line ${line} holds ${describe(value)}, not an object; JSON Lines need one object per line.`,
        { ...pathDetail(path), line },
      );
    }
    seen++;
    if (detect && seen === 1) {
      held = { record: value, line };
      continue;
    }
    if (held) {
      table.add(held.record, held.line);
      held = undefined;
    }
    table.add(value, line);
  }
  if (held) {
    const inner = seen === 1 ? wrappedRows(held.record) : undefined;
    if (inner) return { table: tableFromDocument(held.record, options, path, notes), format: "json" };
    table.add(held.record, held.line);
  }
  if (table.rows === 0)
    throw new AlchemistError("NO_DATA_ROWS", `${where(path)} has no records.`, pathDetail(path));
  if (detect) notes.push(coercion("structure", "Read as JSON Lines (one object per line)"));
  if (blank > 0)
    notes.push(coercion("structure", `${plural(blank, "blank line")} skipped`, { count: blank }));
  return { table, format: "jsonl" };
}

function modeFor(options: JsonOptions, path: string | undefined, first: string): Mode {
  if (options.lines !== undefined) return options.lines ? "lines" : "document";
  const ext = path === undefined ? "" : extname(path).toLowerCase();
  // A JSON Lines name on an array (`[` first) is a misnamed document, not a bad first record.
  if (ext === ".jsonl" || ext === ".ndjson") return first === "[" ? "document" : "lines";
  return first === "{" ? "detect" : "document";
}

const JSON_SPACE = /[^ \t\r\n\uFEFF]/;

function result(
  table: JsonTable,
  format: "json" | "jsonl",
  notes: Coercion[],
  path: string | undefined,
  bytes: number,
): ReadResult {
  const columns = table.finish(notes, path);
  const source: SourceInfo = { format, bytes, encoding: "utf-8" };
  if (path !== undefined) source.path = path;
  return { frame: createFrame(columns), coercions: notes, source };
}

/** Reads JSON (array of objects) or JSON Lines text already in memory; `path` only names it in messages. */
export function parseJsonText(text: string, options: JsonOptions = {}, path?: string): ReadResult {
  const bytes = Buffer.byteLength(text);
  const notes: Coercion[] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    body = body.slice(1);
    notes.push(coercion("structure", "UTF-8 byte order mark removed"));
  }
  const firstAt = body.search(JSON_SPACE);
  if (firstAt === -1) throw new AlchemistError("EMPTY_FILE", `${where(path)} is empty.`, pathDetail(path));
  const mode = modeFor(options, path, body[firstAt] as string);
  if (mode !== "document") {
    const r = readLines(textLines(body), options, path, mode === "detect", notes);
    if (r) return result(r.table, r.format, notes, path, bytes);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    throw syntaxError(e, body, 1, path);
  }
  return result(tableFromDocument(doc, options, path, notes), "json", notes, path, bytes);
}

/** The first non-space character of a file, and whether it starts with a UTF-8 BOM. */
function head(path: string): { first: string | undefined; bom: boolean } {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    let bom = false;
    for (let pos = 0, chunk = 0; ; chunk++) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return { first: undefined, bom };
      const text = buf.toString("utf8", 0, n);
      if (chunk === 0 && text.charCodeAt(0) === 0xfeff) bom = true;
      const at = text.search(JSON_SPACE);
      if (at !== -1) return { first: text[at], bom };
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a JSON or JSON Lines file. JSON Lines are streamed line by line; a JSON array is parsed whole.
 * Throws EMPTY_FILE, NO_DATA_ROWS (`[]`), MALFORMED_JSON (naming the line, or the array index of a
 * non-object element) and COLUMN_NOT_FOUND for an override naming no column.
 */
export function readJson(path: string, options: JsonOptions = {}): ReadResult {
  const size = fileSize(path);
  const { first, bom } = size === 0 ? { first: undefined, bom: false } : head(path);
  if (first === undefined) throw new AlchemistError("EMPTY_FILE", `${path} is empty.`, { path });
  const notes: Coercion[] = bom ? [coercion("structure", "UTF-8 byte order mark removed")] : [];
  const mode = modeFor(options, path, first);
  if (mode !== "document") {
    const chunk = Math.max(1 << 12, options.chunkBytes ?? DEFAULT_CHUNK);
    const r = readLines(fileLines(path, chunk), options, path, mode === "detect", notes);
    if (r) return result(r.table, r.format, notes, path, size);
  }
  let text = readFileSync(path, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw syntaxError(e, text, 1, path);
  }
  text = ""; // the parsed records are all that is needed from here on
  return result(tableFromDocument(doc, options, path, notes), "json", notes, path, size);
}
