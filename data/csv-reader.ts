/**
 * A streaming CSV/TSV reader straight into typed columns: quotes with embedded delimiters and
 * newlines, doubled-quote escapes, BOM, CRLF/CR/LF, delimiter sniffing, UTF-8 with a Latin-1
 * (windows-1252) fallback. The file is read in chunks, so memory holds the columns, not the text.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { AlchemistError } from "../core/errors.js";
import { type Coercion, coercion, plural } from "./coercion.js";
import { CsvColumnBuilder } from "./csv-column-builder.js";
import { sniffDelimiter } from "./csv-sniff.js";
import { closestNames } from "./did-you-mean.js";
import { type Column, createFrame } from "./frame.js";
import type { ReadOptions, ReadResult, SourceInfo } from "./read-result.js";

export interface CsvOptions extends ReadOptions {
  /** One character; sniffed from the first lines when absent (`.tsv` files default to tab). */
  delimiter?: string;
  /** Bytes per read; the default suits files from a few KB to many GB. */
  chunkBytes?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DEFAULT_CHUNK = 1 << 23;

/** Field boundaries of the record being parsed; committed only when the record is complete. */
class RecordFields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  escaped = new Uint8Array(64);
  count = 0;
  add(start: number, end: number, escaped: number): void {
    if (this.count === this.starts.length) {
      const n = this.count * 2;
      const s = new Int32Array(n);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(n);
      e.set(this.ends);
      this.ends = e;
      const q = new Uint8Array(n);
      q.set(this.escaped);
      this.escaped = q;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.escaped[this.count] = escaped;
    this.count++;
  }
}

class CsvParser {
  private readonly fields = new RecordFields();
  private scratch = new Uint8Array(256);
  private builders: CsvColumnBuilder[] = [];
  header: string[] | undefined;
  private headerBytes: Uint8Array[] = [];
  rows = 0;
  line = 1;
  blankLines = 0;
  shortRows = 0;
  firstShortLine = 0;
  trailingEmpty = 0;
  utf8 = true;
  private readonly naTokens: Uint8Array[];

  constructor(
    private readonly delim: number,
    private readonly options: CsvOptions,
    private readonly notes: Coercion[],
  ) {
    this.naTokens = (options.naValues ?? []).filter((t) => t !== "").map((t) => new TextEncoder().encode(t));
  }

  /** Parses the complete records in `buf[pos, end)`; returns where the unfinished tail starts. */
  parse(buf: Uint8Array, pos: number, end: number, final: boolean): number {
    const delim = this.delim;
    const fields = this.fields;
    while (pos < end) {
      const recordStart = pos;
      let extraLines = 0;
      fields.count = 0;
      for (;;) {
        if (pos < end && buf[pos] === QUOTE) {
          let p = pos + 1;
          let escaped = 0;
          for (;;) {
            p = buf.indexOf(QUOTE, p);
            if (p === -1 || p >= end) {
              if (!final) return recordStart;
              throw new AlchemistError(
                "MALFORMED_CSV",
                `Unterminated quoted field starting on line ${this.line}.`,
                {
                  line: this.line,
                },
              );
            }
            if (p + 1 < end && buf[p + 1] === QUOTE) {
              escaped = 1;
              p += 2;
              continue;
            }
            if (p + 1 >= end && !final) return recordStart;
            break;
          }
          for (let k = pos + 1; k < p; k++) if (buf[k] === LF) extraLines++;
          const closing = p;
          p++;
          // Text after the closing quote (`"ab"cd`) is kept, as most readers do.
          while (p < end && buf[p] !== delim && buf[p] !== LF && buf[p] !== CR) p++;
          if (p >= end && !final) return recordStart;
          if (p > closing + 1) escaped = 2;
          fields.add(pos + 1, escaped === 2 ? p : closing, escaped);
          pos = p;
        } else {
          let p = pos;
          while (p < end) {
            const c = buf[p];
            if (c === delim || c === LF || c === CR) break;
            p++;
          }
          if (p >= end && !final) return recordStart;
          fields.add(pos, p, 0);
          pos = p;
        }
        if (pos < end && buf[pos] === delim) {
          pos++;
          if (pos >= end) {
            if (!final) return recordStart;
            fields.add(pos, pos, 0);
            break;
          }
          continue;
        }
        if (pos < end) {
          if (buf[pos] === CR) {
            pos++;
            if (pos < end && buf[pos] === LF) pos++;
            else if (pos >= end && !final) return recordStart;
          } else pos++;
        }
        break;
      }
      this.commit(buf);
      this.line += 1 + extraLines;
    }
    return pos;
  }

  /**
   * Copies a quoted field into `scratch`, undoing doubled quotes; mode 2 fields (text after the
   * closing quote) also lose that closing quote. Returns the length.
   */
  private unescape(buf: Uint8Array, start: number, end: number): number {
    if (this.scratch.length < end - start) this.scratch = new Uint8Array((end - start) * 2);
    const out = this.scratch;
    let n = 0;
    let inQuotes = true;
    for (let i = start; i < end; i++) {
      const c = buf[i] as number;
      if (c === QUOTE && inQuotes) {
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          out[n++] = QUOTE;
          i++;
          continue;
        }
        inQuotes = false;
        continue;
      }
      out[n++] = c;
    }
    return n;
  }

  private commit(buf: Uint8Array): void {
    const f = this.fields;
    const count = f.count;
    if (count === 1 && f.starts[0] === f.ends[0] && f.escaped[0] === 0) {
      this.blankLines++;
      return;
    }
    if (this.header === undefined) {
      this.headerBytes = [];
      for (let k = 0; k < count; k++) {
        const s = f.starts[k] as number;
        const e = f.ends[k] as number;
        if (f.escaped[k] === 0) this.headerBytes.push(buf.slice(s, e));
        else this.headerBytes.push(this.scratch.slice(0, this.unescape(buf, s, e)));
      }
      this.header = this.headerBytes.map((b) => new TextDecoder("utf-8").decode(b));
      if (!isUtf8(Buffer.concat(this.headerBytes))) this.utf8 = false;
      this.setupColumns();
      return;
    }
    const builders = this.builders;
    const nCols = builders.length;
    if (count > nCols) {
      for (let k = nCols; k < count; k++) {
        if (f.starts[k] !== f.ends[k]) {
          throw new AlchemistError(
            "RAGGED_ROW",
            `Line ${this.line} has ${count} fields but the header has ${nCols}.`,
            { line: this.line, row: this.rows + 1, expected: nCols, found: count },
          );
        }
      }
      this.trailingEmpty++;
    }
    const line = this.line;
    const upto = Math.min(count, nCols);
    const starts = f.starts;
    const ends = f.ends;
    const escaped = f.escaped;
    const checkNa = this.naTokens.length > 0;
    for (let k = 0; k < upto; k++) {
      const b = builders[k] as CsvColumnBuilder;
      const s = starts[k] as number;
      const e = ends[k] as number;
      if (s === e) b.pushEmpty(line);
      else if (escaped[k] !== 0) {
        const n = this.unescape(buf, s, e);
        if (checkNa && this.isNaToken(this.scratch, 0, n)) b.pushEmpty(line);
        else b.push(this.scratch, 0, n);
      } else if (checkNa && this.isNaToken(buf, s, e)) b.pushEmpty(line);
      else b.push(buf, s, e);
    }
    if (count < nCols) {
      if (this.shortRows++ === 0) this.firstShortLine = line;
      for (let k = count; k < nCols; k++) (builders[k] as CsvColumnBuilder).pushEmpty(line);
    }
    this.rows++;
  }

  private isNaToken(b: Uint8Array, s: number, e: number): boolean {
    const len = e - s;
    outer: for (const t of this.naTokens) {
      if (t.length !== len) continue;
      for (let i = 0; i < len; i++) if (t[i] !== b[s + i]) continue outer;
      return true;
    }
    return false;
  }

  /** Called once the header is known: names are cleaned and builders made. */
  private setupColumns(): void {
    const names = uniqueNames(this.header ?? [], this.notes);
    this.header = names;
    const types = this.options.types ?? {};
    for (const key of Object.keys(types)) {
      if (!names.includes(key)) {
        const suggestions = closestNames(key, names);
        throw new AlchemistError(
          "COLUMN_NOT_FOUND",
          `Type override for '${key}', but the file has no such column.${suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ""}`,
          { column: key, suggestions },
        );
      }
    }
    this.builders = names.map((n) => new CsvColumnBuilder(n, types[n]));
  }

  reserve(rows: number): void {
    for (const b of this.builders) b.reserve(rows);
  }

  finish(): Column[] {
    const decoder = new TextDecoder(this.utf8 ? "utf-8" : "windows-1252");
    if (!this.utf8) {
      this.header = uniqueNames(
        this.headerBytes.map((b) => decoder.decode(b)),
        [],
      );
    }
    const columns: Column[] = [];
    this.builders.forEach((b, k) => {
      const done = b.finish(decoder);
      const name = this.header?.[k] ?? done.column.name;
      columns.push(name === done.column.name ? done.column : { ...done.column, name });
      this.notes.push(...done.coercions);
      this.builders[k] = undefined as unknown as CsvColumnBuilder; // release memory column by column
    });
    return columns;
  }
}

function uniqueNames(raw: string[], notes: Coercion[]): string[] {
  const seen = new Set<string>();
  return raw.map((r, j) => {
    let name = r.trim();
    if (name === "") {
      name = `column_${j + 1}`;
      notes.push(
        coercion("rename", `Column ${j + 1} has an empty header; named '${name}'`, { column: name }),
      );
    }
    if (seen.has(name)) {
      let k = 1;
      while (seen.has(`${name}.${k}`)) k++;
      const renamed = `${name}.${k}`;
      notes.push(
        coercion("rename", `Duplicate column name '${name}' (column ${j + 1}); renamed '${renamed}'`, {
          column: renamed,
        }),
      );
      name = renamed;
    }
    seen.add(name);
    return name;
  });
}

function delimiterFor(
  options: CsvOptions,
  path: string | undefined,
  buf: Uint8Array,
  start: number,
  end: number,
): number {
  if (options.delimiter !== undefined) {
    if (options.delimiter.length !== 1) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `The delimiter must be one character, got '${options.delimiter}'.`,
        {
          parameter: "delimiter",
        },
      );
    }
    return options.delimiter.charCodeAt(0);
  }
  if (path?.toLowerCase().endsWith(".tsv")) return 9;
  return sniffDelimiter(buf, start, end);
}

type Utf16 = "utf-16le" | "utf-16be";

function bomOf(buf: Uint8Array): { skip: number; utf16?: Utf16 } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { skip: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { skip: 2, utf16: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { skip: 2, utf16: "utf-16be" };
  return { skip: 0 };
}

/** Reads CSV/TSV bytes already in memory (inline data, tests, decoded UTF-16). */
export function parseCsvBytes(bytes: Uint8Array, options: CsvOptions = {}, path?: string): ReadResult {
  const bom = bomOf(bytes);
  if (bom.utf16) {
    const text = new TextDecoder(bom.utf16).decode(bytes.subarray(bom.skip));
    const result = parseCsvBytes(new TextEncoder().encode(text), options, path);
    result.source.encoding = bom.utf16;
    result.coercions.unshift(
      coercion("encoding", `File is ${bom.utf16.toUpperCase()} (byte order mark); decoded`),
    );
    return result;
  }
  const state = new ChunkedCsv(options, path, bytes.length);
  state.feed(bytes, bom.skip, bytes.length, true);
  if (bom.skip) state.notes.unshift(coercion("structure", "UTF-8 byte order mark removed"));
  return state.result();
}

/** Reads a CSV/TSV file in chunks. */
export function readCsv(path: string, options: CsvOptions = {}): ReadResult {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const chunk = Math.max(1 << 12, options.chunkBytes ?? DEFAULT_CHUNK);
    let buf: Buffer = Buffer.allocUnsafe(Math.min(chunk, size + 4));
    let have = 0;
    let read = 0;
    let first = true;
    let state: ChunkedCsv | undefined;
    for (;;) {
      const n = readSync(fd, buf, have, buf.length - have, null);
      read += n;
      const end = have + n;
      const final = n === 0 || read >= size;
      let start = 0;
      if (first) {
        first = false;
        const bom = bomOf(buf);
        if (bom.utf16) return parseCsvBytes(readFileSync(path), options, path);
        start = bom.skip;
        state = new ChunkedCsv(options, path, size);
        if (bom.skip) state.notes.push(coercion("structure", "UTF-8 byte order mark removed"));
      }
      const s = state as ChunkedCsv;
      const consumed = s.feed(buf, start, end, final);
      if (final) return s.result();
      const left = end - consumed;
      if (left === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, consumed, end);
        buf = bigger;
      } else buf.copy(buf, 0, consumed, end);
      have = left;
    }
  } finally {
    closeSync(fd);
  }
}

/** Parser state across chunks: delimiter sniffed on the first, capacity estimated after it. */
class ChunkedCsv {
  readonly notes: Coercion[] = [];
  private parser: CsvParser | undefined;
  private estimated = false;
  private bytesSeen = 0;
  private delimiter = ",";

  constructor(
    private readonly options: CsvOptions,
    private readonly path: string | undefined,
    private readonly size: number,
  ) {}

  feed(buf: Uint8Array, start: number, end: number, final: boolean): number {
    if (!this.parser) {
      const delim = delimiterFor(this.options, this.path, buf, start, end);
      this.parser = new CsvParser(delim, this.options, this.notes);
      this.delimiter = String.fromCharCode(delim);
    }
    const p = this.parser;
    const consumed = p.parse(buf, start, end, final);
    if (p.utf8 && consumed > start && !isUtf8(buf.subarray(start, consumed))) p.utf8 = false;
    this.bytesSeen += consumed - start;
    if (!this.estimated && p.rows > 0 && !final) {
      this.estimated = true;
      p.reserve(Math.ceil((this.size / this.bytesSeen) * p.rows * 1.05) + 16);
    }
    return consumed;
  }

  result(): ReadResult {
    const p = this.parser;
    if (!p?.header || p.header.length === 0) {
      throw new AlchemistError(
        "EMPTY_FILE",
        `${this.path ?? "The data"} is empty: no header and no rows.`,
        pathDetail(this.path),
      );
    }
    if (p.rows === 0) {
      throw new AlchemistError(
        "NO_DATA_ROWS",
        `${this.path ?? "The data"} has a header (${p.header.length} columns) but no data rows.`,
        pathDetail(this.path),
      );
    }
    const columns = p.finish();
    if (!p.utf8)
      this.notes.unshift(coercion("encoding", "File is not valid UTF-8; decoded as Latin-1 (windows-1252)"));
    if (p.shortRows > 0) {
      this.notes.push(
        coercion(
          "structure",
          `${plural(p.shortRows, "row")} had fewer fields than the header (first on line ${p.firstShortLine}); missing fields → missing`,
          { count: p.shortRows, firstLine: p.firstShortLine },
        ),
      );
    }
    if (p.trailingEmpty > 0)
      this.notes.push(
        coercion("structure", `${plural(p.trailingEmpty, "row")} ended with extra empty fields; ignored`, {
          count: p.trailingEmpty,
        }),
      );
    if (p.blankLines > 0)
      this.notes.push(
        coercion("structure", `${plural(p.blankLines, "blank line")} skipped`, { count: p.blankLines }),
      );
    const source: SourceInfo = {
      format: this.delimiter === "\t" ? "tsv" : "csv",
      bytes: this.size,
      delimiter: this.delimiter,
      encoding: p.utf8 ? "utf-8" : "windows-1252",
    };
    if (this.path !== undefined) source.path = this.path;
    return { frame: createFrame(columns), coercions: this.notes, source };
  }
}

function pathDetail(path: string | undefined): { path?: string } {
  return path === undefined ? {} : { path };
}
