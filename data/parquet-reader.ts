/**
 * Reads Parquet files with hyparquet (pure JavaScript, loaded on first use), column by column
 * straight into typed arrays: no array of row objects is ever built.
 */
import { closeSync, openSync, readSync } from "node:fs";
import * as zlib from "node:zlib";
import type { ColumnData, Compressors, FileMetaData, SchemaTree } from "hyparquet";
import { AlchemistError } from "../core/errors.js";
import { type Coercion, coercion, plural } from "./coercion.js";
import { fileSize } from "./file-lines.js";
import { BOOL_MISSING, type Column, type ColumnKind, createFrame } from "./frame.js";
import { type InferredColumn, inferStringColumn } from "./infer-strings.js";
import type { ReadOptions, ReadResult, SourceInfo } from "./read-result.js";
import {
  allMissingNote,
  applyNaLevels,
  applyNaNumbers,
  checkTypeOverrides,
  finishBoolean,
  finishDatetime,
  finishNumeric,
  jsonText,
  naSets,
  StringDictionary,
  uniqueNames,
} from "./typed-columns.js";

type Hyparquet = typeof import("hyparquet");

/** How a top-level Parquet column lands in the Frame. */
type Plan =
  | { kind: "numeric"; note?: string }
  | { kind: "time"; msPerUnit: number }
  | { kind: "boolean" }
  | { kind: "datetime" }
  | { kind: "string" }
  | { kind: "json"; what: string }
  | { kind: "null" };

const MAX_EXACT = 2n ** 53n;
const decoder = new TextDecoder();

/** Timestamps and dates straight to epoch ms (no Date per value); JSON kept as its text. */
const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Math.floor(Number(v) / 1e3),
  timestampFromNanoseconds: (v: bigint) => Math.floor(Number(v) / 1e6),
  dateFromDays: (days: number) => days * 86_400_000,
  jsonFromBytes: (bytes: Uint8Array) => bytes && decoder.decode(bytes),
};

/** Codecs beyond hyparquet's own (uncompressed, Snappy) that Node can decode. */
function compressors(): Compressors {
  const out: Compressors = {
    GZIP: (input) => zlib.gunzipSync(input),
    BROTLI: (input) => zlib.brotliDecompressSync(input),
  };
  // Node ≥ 22.15 ships zstd.
  const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Uint8Array }).zstdDecompressSync;
  if (zstd) out.ZSTD = (input) => zstd(input);
  return out;
}

function plan(node: SchemaTree): Plan {
  const e = node.element;
  const lt = e.logical_type;
  const ct = e.converted_type;
  if (node.children.length > 0 || e.repetition_type === "REPEATED") {
    const what =
      ct === "LIST" || lt?.type === "LIST"
        ? "lists"
        : ct === "MAP" || lt?.type === "MAP"
          ? "maps"
          : "nested records";
    return { kind: "json", what };
  }
  if (lt?.type === "NULL") return { kind: "null" };
  if (e.type === "BOOLEAN") return { kind: "boolean" };
  if (
    lt?.type === "DATE" ||
    lt?.type === "TIMESTAMP" ||
    ct === "DATE" ||
    ct === "TIMESTAMP_MILLIS" ||
    ct === "TIMESTAMP_MICROS" ||
    e.type === "INT96"
  ) {
    return { kind: "datetime" };
  }
  if (lt?.type === "TIME" || ct === "TIME_MILLIS" || ct === "TIME_MICROS") {
    const unit = lt?.type === "TIME" ? lt.unit : ct === "TIME_MICROS" ? "MICROS" : "MILLIS";
    return { kind: "time", msPerUnit: unit === "MILLIS" ? 1 : unit === "MICROS" ? 1e-3 : 1e-6 };
  }
  if (lt?.type === "STRING" || lt?.type === "ENUM" || lt?.type === "UUID" || ct === "UTF8" || ct === "ENUM")
    return { kind: "string" };
  if (lt?.type === "JSON" || ct === "JSON") return { kind: "json", what: "JSON values" };
  if (lt?.type === "GEOMETRY" || lt?.type === "GEOGRAPHY")
    return { kind: "json", what: "geometries (GeoJSON)" };
  if (ct === "DECIMAL" || lt?.type === "DECIMAL") {
    const precision = lt?.type === "DECIMAL" ? lt.precision : (e.precision ?? 0);
    const scale = lt?.type === "DECIMAL" ? lt.scale : (e.scale ?? 0);
    return precision > 15
      ? {
          kind: "numeric",
          note: `DECIMAL(${precision},${scale}) read as double-precision numbers; digits beyond about 15 significant may be rounded`,
        }
      : { kind: "numeric" };
  }
  if (
    lt?.type === "FLOAT16" ||
    e.type === "INT32" ||
    e.type === "INT64" ||
    e.type === "FLOAT" ||
    e.type === "DOUBLE"
  )
    return { kind: "numeric" };
  // hyparquet decodes unannotated byte arrays as UTF-8, which is what most writers mean by them.
  if (e.type === "BYTE_ARRAY") return { kind: "string" };
  return { kind: "json", what: `${e.type ?? "unknown"} values` };
}

/** One column's values as they arrive in chunks, written at their row positions. */
class ParquetSink {
  values: Float64Array | undefined;
  flags: Uint8Array | undefined;
  codes: Int32Array | undefined;
  private readonly dict = new StringDictionary();
  /** The dictionary's levels, less any NA tokens once those are applied. */
  levels: string[] = this.dict.levels;
  nans = 0;
  inexact = 0;
  odd = 0;

  constructor(
    readonly p: Plan,
    n: number,
  ) {
    if (p.kind === "boolean") this.flags = new Uint8Array(n).fill(BOOL_MISSING);
    else if (p.kind === "string" || p.kind === "json") this.codes = new Int32Array(n).fill(-1);
    else this.values = new Float64Array(n).fill(Number.NaN);
  }

  write(chunk: ColumnData): void {
    const data = chunk.columnData as ArrayLike<unknown>;
    const base = chunk.rowStart;
    const len = Math.min(data.length, chunk.rowEnd - base);
    const p = this.p;
    if (this.flags) {
      const out = this.flags;
      for (let j = 0; j < len; j++) {
        const v = data[j];
        if (v === true) out[base + j] = 1;
        else if (v === false) out[base + j] = 0;
      }
    } else if (this.codes) {
      const out = this.codes;
      for (let j = 0; j < len; j++) {
        const v = data[j];
        if (v === null || v === undefined) continue;
        out[base + j] = this.dict.code(typeof v === "string" ? v : jsonText(v));
      }
    } else if (this.values) {
      const out = this.values;
      const scale = p.kind === "time" ? p.msPerUnit : 1;
      for (let j = 0; j < len; j++) {
        const v = data[j];
        if (typeof v === "number") {
          if (Number.isNaN(v)) this.nans++;
          out[base + j] = v * scale;
        } else if (typeof v === "bigint") {
          if (v > MAX_EXACT || v < -MAX_EXACT) this.inexact++;
          out[base + j] = Number(v) * scale;
        } else if (v instanceof Date) out[base + j] = v.getTime();
        else if (v !== null && v !== undefined) this.odd++;
      }
    }
  }

  finish(name: string, n: number, override: ColumnKind | undefined): InferredColumn {
    const p = this.p;
    const notes: Coercion[] = [];
    let done: InferredColumn;
    if (this.flags) done = finishBoolean(name, this.flags, override);
    else if (this.codes) {
      if (p.kind === "json") {
        notes.push(coercion("type", `${name}: ${p.what} kept as JSON text`, { column: name }));
      }
      done = inferStringColumn({
        name,
        codes: this.codes,
        levels: this.levels,
        override: p.kind === "json" ? (override ?? "text") : override,
      });
    } else {
      const values = this.values as Float64Array;
      if (p.kind === "null") notes.push(allMissingNote(name, n, "Parquet NULL type"));
      if (p.kind === "numeric" && p.note)
        notes.push(coercion("value", `${name}: ${p.note}`, { column: name }));
      if (p.kind === "time")
        notes.push(
          coercion("type", `${name}: times of day read as milliseconds since midnight`, { column: name }),
        );
      if (this.inexact > 0) {
        notes.push(
          coercion(
            "value",
            `${name}: ${plural(this.inexact, "integer")} beyond 2^53 rounded to the nearest double`,
            {
              column: name,
              count: this.inexact,
            },
          ),
        );
      }
      if (this.nans > 0)
        notes.push(
          coercion("missing", `${name}: ${plural(this.nans, "NaN value")} → missing`, {
            column: name,
            count: this.nans,
          }),
        );
      if (this.odd > 0)
        notes.push(
          coercion("missing", `${name}: ${plural(this.odd, "unreadable value")} → missing`, {
            column: name,
            count: this.odd,
          }),
        );
      done =
        p.kind === "datetime"
          ? finishDatetime(name, values, override)
          : finishNumeric(name, values, override);
    }
    return { column: done.column, coercions: [...notes, ...done.coercions] };
  }
}

function checkMagic(path: string, size: number): void {
  const fd = openSync(path, "r");
  try {
    const headBytes = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    readSync(fd, headBytes, 0, 4, 0);
    readSync(fd, tail, 0, 4, Math.max(0, size - 4));
    const head = headBytes.toString("latin1");
    if (head === "PARE" || tail.toString("latin1") === "PARE") {
      throw new AlchemistError(
        "UNSUPPORTED_FORMAT",
        `${path} is an encrypted Parquet file; Alchemist cannot decrypt it.`,
        { path },
      );
    }
    if (size < 12 || head !== "PAR1" || tail.toString("latin1") !== "PAR1") {
      throw new AlchemistError(
        "UNSUPPORTED_FORMAT",
        `${path} is not a Parquet file (no PAR1 magic bytes at its start and end).`,
        { path },
      );
    }
  } finally {
    closeSync(fd);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function readColumn(
  hp: Hyparquet,
  file: Awaited<ReturnType<Hyparquet["asyncBufferFromFile"]>>,
  metadata: FileMetaData,
  rawName: string,
  sink: ParquetSink,
): Promise<void> {
  await hp.parquetRead({
    file,
    metadata,
    columns: [rawName],
    parsers: PARSERS,
    compressors: compressors(),
    onChunk: (chunk) => sink.write(chunk),
  });
}

/**
 * Reads a Parquet file: numbers (ints, floats, decimals; int64 beyond 2^53 rounded, recorded),
 * booleans, strings and enums (inferred like CSV text, with overrides), dates and timestamps (epoch
 * ms), times of day (ms since midnight), NULL (all missing); lists, maps, structs and JSON become text
 * holding their JSON. Throws UNSUPPORTED_FORMAT for a file that is not Parquet or uses a codec Node
 * cannot decode (LZ4, LZO; zstd before Node 22.15).
 */
export async function readParquet(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  const size = fileSize(path);
  if (size === 0) throw new AlchemistError("EMPTY_FILE", `${path} is empty (0 bytes).`, { path });
  checkMagic(path, size);
  const hp: Hyparquet = await import("hyparquet");
  const file = await hp.asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await hp.parquetMetadataAsync(file);
  } catch (e) {
    throw new AlchemistError(
      "UNSUPPORTED_FORMAT",
      `${path}: unreadable Parquet footer (${message(e)}).`,
      { path },
      { cause: e },
    );
  }
  const n = Number(metadata.num_rows);
  const nodes = hp.parquetSchema(metadata).children;
  const notes: Coercion[] = [];
  const names = uniqueNames(
    nodes.map((c) => c.element.name),
    notes,
  );
  if (nodes.length === 0) throw new AlchemistError("EMPTY_FILE", `${path} has no columns.`, { path });
  if (n === 0)
    throw new AlchemistError("NO_DATA_ROWS", `${path} has ${plural(nodes.length, "column")} but no rows.`, {
      path,
    });
  checkTypeOverrides(options.types, names);
  const types = options.types ?? {};
  const na = naSets(options.naValues);
  const columns: Column[] = [];
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j] as SchemaTree;
    const name = names[j] as string;
    const sink = new ParquetSink(plan(node), n);
    try {
      await readColumn(hp, file, metadata, node.element.name, sink);
    } catch (e) {
      const why = message(e);
      const codec = /unsupported compression codec: (\w+)/.exec(why);
      if (codec) {
        throw new AlchemistError(
          "UNSUPPORTED_FORMAT",
          `${path} is compressed with ${codec[1]}, which Alchemist cannot decompress here (it reads uncompressed, Snappy, gzip, Brotli${compressors().ZSTD ? ", zstd" : ""}). Re-save it with one of those.`,
          { path, column: name },
          { cause: e },
        );
      }
      if (/not supported/.test(why)) {
        notes.push(
          coercion("structure", `${name}: ${why.replace(/^parquet /, "")}; column dropped`, { column: name }),
        );
        continue;
      }
      throw new AlchemistError(
        "UNSUPPORTED_FORMAT",
        `${path}: cannot read column '${name}' (${why}).`,
        { path, column: name },
        { cause: e },
      );
    }
    if (sink.codes) sink.levels = applyNaLevels(name, sink.codes, sink.levels, na, notes);
    else if (sink.values && sink.p.kind === "numeric") applyNaNumbers(name, sink.values, na, notes);
    const done = sink.finish(name, n, types[name]);
    notes.push(...done.coercions);
    columns.push(done.column);
  }
  const source: SourceInfo = { path, format: "parquet", bytes: size };
  return { frame: createFrame(columns), coercions: notes, source };
}
