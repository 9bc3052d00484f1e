/**
 * Reads Arrow IPC files and streams (`.arrow`, Feather v2, `.ipc`) with apache-arrow, loaded on
 * first use. Fixed-width columns are copied chunk by chunk from their buffers; dictionary-encoded
 * strings become categoricals straight from their dictionary.
 */
import { readFileSync } from "node:fs";
import * as zlib from "node:zlib";
import type { Data, Dictionary, Table, Vector } from "apache-arrow";
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
  type NaSets,
  naSets,
  StringDictionary,
  uniqueNames,
} from "./typed-columns.js";

type Arrow = typeof import("apache-arrow");

const MAX_EXACT = 2n ** 53n;
/** Milliseconds per unit, indexed by Arrow's TimeUnit (SECOND, MILLISECOND, MICROSECOND, NANOSECOND). */
const MS_PER_UNIT = [1000, 1, 1e-3, 1e-6];

/** Validity of row `i` of a chunk, or undefined when the chunk has no nulls. */
function validity(d: Data): ((i: number) => boolean) | undefined {
  const bitmap = d.nullBitmap as Uint8Array | undefined;
  if (d.nullCount === 0 || !bitmap || bitmap.length === 0) return undefined;
  const off = d.offset;
  return (i) => ((bitmap[(off + i) >> 3] as number) & (1 << ((off + i) & 7))) !== 0;
}

/** A signed little-endian integer of 32-bit words, scaled by 10^-scale, correctly rounded. */
function decimalValue(words: Uint32Array, scale: number): number {
  let v = 0n;
  for (let k = words.length - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[k] as number);
  v = BigInt.asIntN(words.length * 32, v);
  return Number(`${v}e${-scale}`);
}

interface Converted {
  done: InferredColumn;
  notes: Coercion[];
}

class ArrowColumnReader {
  private readonly notes: Coercion[] = [];

  constructor(
    private readonly A: Arrow,
    private readonly name: string,
    private readonly vec: Vector,
    private readonly n: number,
    private readonly na: NaSets,
  ) {}

  read(override: ColumnKind | undefined): Converted {
    const { A, name } = this;
    const T = A.Type;
    const type = this.vec.type;
    let done: InferredColumn;
    switch (type.typeId) {
      case T.Null:
        if (override === undefined) this.notes.push(allMissingNote(name, this.n, "Arrow Null type"));
        done = finishNumeric(name, new Float64Array(this.n).fill(Number.NaN), override);
        break;
      case T.Int:
      case T.Float:
      case T.Decimal:
        done = finishNumeric(name, this.numbers(), override);
        break;
      case T.Bool:
        done = finishBoolean(name, this.booleans(), override);
        break;
      case T.Date:
      case T.Timestamp:
        done = finishDatetime(name, this.scaled(1), override);
        break;
      case T.Time:
        this.notes.push(
          coercion("type", `${name}: times of day read as milliseconds since midnight`, { column: name }),
        );
        done = finishNumeric(name, this.scaled(MS_PER_UNIT[type.unit] as number), override);
        break;
      case T.Duration:
        this.notes.push(coercion("type", `${name}: durations read as milliseconds`, { column: name }));
        done = finishNumeric(name, this.scaled(MS_PER_UNIT[type.unit] as number), override);
        break;
      case T.Utf8:
      case T.LargeUtf8:
      case T.Utf8View:
        done = this.strings(override, false);
        break;
      case T.Dictionary:
        done = this.isStringType((type as Dictionary).dictionary.typeId)
          ? this.dictionary(override)
          : this.strings(override, true);
        break;
      default:
        this.notes.push(
          coercion("type", `${name}: ${String(type)} values kept as JSON text`, { column: name }),
        );
        done = this.strings(override ?? "text", true);
    }
    return { done, notes: this.notes };
  }

  private isStringType(typeId: number): boolean {
    const T = this.A.Type;
    return typeId === T.Utf8 || typeId === T.LargeUtf8 || typeId === T.Utf8View;
  }

  /** Ints, floats and decimals, from the chunks' buffers where they are plain numbers. */
  private numbers(): Float64Array {
    const T = this.A.Type;
    const out = new Float64Array(this.n).fill(Number.NaN);
    let row = 0;
    let inexact = 0;
    let nans = 0;
    for (const d of this.vec.data) {
      const ok = validity(d);
      const values = d.values as ArrayLike<number | bigint>;
      const typeId = d.type.typeId;
      if (typeId === T.Decimal) {
        const stride = d.type.bitWidth / 32;
        const words = d.values as Uint32Array;
        for (let i = 0; i < d.length; i++) {
          if (!ok || ok(i))
            out[row + i] = decimalValue(words.subarray(i * stride, (i + 1) * stride), d.type.scale);
        }
      } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
        for (let i = 0; i < d.length; i++) {
          if (ok && !ok(i)) continue;
          const v = values[i] as bigint;
          if (v > MAX_EXACT || v < -MAX_EXACT) inexact++;
          out[row + i] = Number(v);
        }
      } else if (typeId === T.Float && d.type.precision === this.A.Precision.HALF) {
        const chunk = this.A.makeVector(d);
        for (let i = 0; i < d.length; i++) {
          const v = chunk.get(i) as number | null;
          if (v !== null) out[row + i] = v;
        }
      } else {
        for (let i = 0; i < d.length; i++) if (!ok || ok(i)) out[row + i] = values[i] as number;
      }
      row += d.length;
    }
    for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i])) nans++;
    const nulls = this.vec.nullCount;
    const name = this.name;
    if (inexact > 0) {
      this.notes.push(
        coercion(
          "value",
          `${name}: ${plural(inexact, "integer")} beyond 2^53 rounded to the nearest double`,
          { column: name, count: inexact },
        ),
      );
    }
    if (nans > nulls) {
      this.notes.push(
        coercion("missing", `${name}: ${plural(nans - nulls, "NaN value")} → missing`, {
          column: name,
          count: nans - nulls,
        }),
      );
    }
    applyNaNumbers(name, out, this.na, this.notes);
    return out;
  }

  private booleans(): Uint8Array {
    const out = new Uint8Array(this.n).fill(BOOL_MISSING);
    let row = 0;
    for (const d of this.vec.data) {
      const ok = validity(d);
      const bits = d.values as Uint8Array;
      const off = d.offset;
      for (let i = 0; i < d.length; i++) {
        if (ok && !ok(i)) continue;
        out[row + i] = ((bits[(off + i) >> 3] as number) >> ((off + i) & 7)) & 1;
      }
      row += d.length;
    }
    return out;
  }

  /** Values read one by one (dates and timestamps arrive as epoch ms), times `factor`. */
  private scaled(factor: number): Float64Array {
    const out = new Float64Array(this.n).fill(Number.NaN);
    let i = 0;
    for (const v of this.vec) {
      if (typeof v === "number") out[i] = v * factor;
      else if (typeof v === "bigint") out[i] = Number(v) * factor;
      else if (v instanceof Date) out[i] = v.getTime();
      i++;
    }
    return out;
  }

  /** Strings (or anything else as JSON text), interned, then inferred like CSV text. */
  private strings(override: ColumnKind | undefined, anyValue: boolean): InferredColumn {
    const dict = new StringDictionary();
    const codes = new Int32Array(this.n).fill(-1);
    let i = 0;
    for (const v of this.vec) {
      if (v !== null && v !== undefined)
        codes[i] = dict.code(typeof v === "string" || !anyValue ? String(v) : jsonText(v));
      i++;
    }
    const levels = applyNaLevels(this.name, codes, dict.levels, this.na, this.notes);
    return inferStringColumn({ name: this.name, codes, levels, override });
  }

  /** Dictionary<Utf8>: codes from the indices, levels from the dictionary (merged across batches). */
  private dictionary(override: ColumnKind | undefined): InferredColumn {
    const dict = new StringDictionary();
    const codes = new Int32Array(this.n).fill(-1);
    const remaps = new Map<unknown, Int32Array>();
    let ordered = false;
    let row = 0;
    for (const d of this.vec.data) {
      const ok = validity(d);
      const source = d.dictionary as Vector | undefined;
      ordered ||= (d.type as Dictionary).isOrdered;
      let remap = remaps.get(source);
      if (!remap) {
        remap = new Int32Array(source?.length ?? 0);
        let k = 0;
        for (const level of source ?? [])
          remap[k++] = level === null || level === undefined ? -1 : dict.code(String(level));
        remaps.set(source, remap);
      }
      const indices = d.values as ArrayLike<number | bigint>;
      for (let i = 0; i < d.length; i++) {
        if (ok && !ok(i)) continue;
        codes[row + i] = remap[Number(indices[i])] ?? -1;
      }
      row += d.length;
    }
    const levels = applyNaLevels(this.name, codes, dict.levels, this.na, this.notes);
    if (override !== undefined) return inferStringColumn({ name: this.name, codes, levels, override });
    const column: Column = ordered
      ? { kind: "categorical", name: this.name, codes, levels, ordered: true }
      : { kind: "categorical", name: this.name, codes, levels };
    return { column, coercions: [] };
  }
}

function parseIpc(A: Arrow, bytes: Uint8Array, path: string): Table {
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(6, bytes.length)).toString("latin1");
  if (magic.startsWith("FEA1")) {
    throw new AlchemistError(
      "UNSUPPORTED_FORMAT",
      `${path} is a Feather v1 file; Alchemist reads Feather v2 (Arrow IPC). Re-save it with a current pyarrow or pandas.`,
      { path },
    );
  }
  // Node ≥ 22.15 decodes zstd, the codec pyarrow offers besides LZ4; register it once.
  const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Uint8Array }).zstdDecompressSync;
  if (zstd && !A.compressionRegistry.get(A.CompressionType.ZSTD)) {
    A.compressionRegistry.set(A.CompressionType.ZSTD, { decode: (b: Uint8Array) => zstd(b) });
  }
  const ipc =
    magic === "ARROW1" || (bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff);
  let table: Table;
  try {
    table = A.tableFromIPC(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (/compressed but codec not found/.test(why)) {
      throw new AlchemistError(
        "UNSUPPORTED_FORMAT",
        `${path} is compressed (LZ4${zstd ? "" : " or zstd"}), which Alchemist cannot decompress here. Re-save it uncompressed, e.g. pyarrow.feather.write_feather(df, path, compression="uncompressed"), or as Parquet.`,
        { path },
        { cause: e },
      );
    }
    throw new AlchemistError(
      "UNSUPPORTED_FORMAT",
      `${path} is not a readable Arrow IPC file or stream (${why}).`,
      { path },
      { cause: e },
    );
  }
  if (table.schema.fields.length === 0) {
    throw ipc
      ? new AlchemistError("EMPTY_FILE", `${path} is an Arrow file with no columns.`, { path })
      : new AlchemistError("UNSUPPORTED_FORMAT", `${path} is not an Arrow IPC file or stream.`, { path });
  }
  return table;
}

/**
 * Reads an Arrow IPC file or stream: Int/Float/Decimal → numeric (int64 beyond 2^53 rounded, recorded),
 * Bool → boolean, Date/Timestamp → datetime (epoch ms, any unit), Utf8 → strings inferred like CSV
 * text, Dictionary<Utf8> → categorical from its dictionary (ordered when declared), Null → all missing,
 * Time/Duration → numeric ms; anything else (lists, structs, binary…) → text holding its JSON.
 */
export async function readArrow(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  const size = fileSize(path);
  if (size === 0) throw new AlchemistError("EMPTY_FILE", `${path} is empty (0 bytes).`, { path });
  const A: Arrow = await import("apache-arrow");
  const table = parseIpc(A, readFileSync(path), path);
  const fields = table.schema.fields;
  const n = table.numRows;
  if (n === 0)
    throw new AlchemistError("NO_DATA_ROWS", `${path} has ${plural(fields.length, "column")} but no rows.`, {
      path,
    });
  const notes: Coercion[] = [];
  const names = uniqueNames(
    fields.map((f) => f.name),
    notes,
  );
  checkTypeOverrides(options.types, names);
  const types = options.types ?? {};
  const na = naSets(options.naValues);
  const columns: Column[] = [];
  for (let j = 0; j < fields.length; j++) {
    const name = names[j] as string;
    const vec = table.getChildAt(j) as Vector;
    const { done, notes: own } = new ArrowColumnReader(A, name, vec, n, na).read(types[name]);
    notes.push(...own, ...done.coercions);
    columns.push(done.column);
  }
  const source: SourceInfo = { path, format: "arrow", bytes: size };
  return { frame: createFrame(columns), coercions: notes, source };
}
