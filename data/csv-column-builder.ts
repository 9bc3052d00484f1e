/**
 * Accumulates one CSV column straight from bytes. A column starts numeric and stays numeric while
 * its fields parse as numbers; a few non-numeric tokens become recorded missing values, more turn
 * it into a dictionary-encoded string column. Strings are interned from bytes (one JS string per
 * distinct value, made at the end).
 */
import { ByteInterner } from "./byte-interner.js";
import { type Coercion, coercion, plural } from "./coercion.js";
import type { ColumnKind } from "./frame.js";
import { grow, IntList, trim } from "./growable.js";
import { type InferredColumn, inferStringColumn } from "./infer-strings.js";
import { parseNumberBytes } from "./parse-number.js";

/** Non-numeric share of non-empty fields up to which a numeric column keeps its type. */
const NUMERIC_TOLERANCE = 0.05;
/** Rows after which a numeric column with too many non-numeric tokens converts early. */
const EARLY_DECISION_ROWS = 1000;

export class CsvColumnBuilder {
  readonly name: string;
  private readonly override: ColumnKind | undefined;
  private numeric: boolean;
  private values = new Float64Array(0);
  private codes = new Int32Array(0);
  private readonly strings = new ByteInterner();
  /** Numeric mode: rows whose token was not a number, and the token's code in `strings`. */
  private readonly badRows = new IntList();
  private readonly badCodes = new IntList();
  private length = 0;
  private empty = 0;
  private firstEmptyLine = 0;
  private infinities = 0;
  /** Numbers already read when a numeric column turned into strings. */
  private numbersBeforeText = 0;

  constructor(name: string, override: ColumnKind | undefined) {
    this.name = name;
    this.override = override;
    this.numeric = override === undefined || override === "numeric";
  }

  /** Makes room for `rows` entries in total (called with the reader's estimate). */
  reserve(rows: number): void {
    if (this.numeric) this.values = grow(this.values, rows, Float64Array);
    else this.codes = grow(this.codes, rows, Int32Array);
  }

  pushEmpty(line: number): void {
    if (this.empty++ === 0) this.firstEmptyLine = line;
    const i = this.length++;
    if (this.numeric) {
      if (i >= this.values.length) this.values = grow(this.values, i + 1, Float64Array);
      this.values[i] = Number.NaN;
    } else {
      if (i >= this.codes.length) this.codes = grow(this.codes, i + 1, Int32Array);
      this.codes[i] = -1;
    }
  }

  push(buf: Uint8Array, start: number, end: number): void {
    const i = this.length++;
    if (this.numeric) {
      if (i >= this.values.length) this.values = grow(this.values, i + 1, Float64Array);
      const v = parseNumberBytes(buf, start, end);
      this.values[i] = v;
      if (Number.isNaN(v)) {
        this.badRows.push(i);
        this.badCodes.push(this.strings.intern(buf, start, end));
        if (
          this.override === undefined &&
          this.length >= EARLY_DECISION_ROWS &&
          this.badRows.length > NUMERIC_TOLERANCE * (this.length - this.empty)
        ) {
          this.toStrings();
        }
      } else if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) this.infinities++;
    } else {
      if (i >= this.codes.length) this.codes = grow(this.codes, i + 1, Int32Array);
      this.codes[i] = this.strings.intern(buf, start, end);
    }
  }

  /**
   * Numeric → strings. Earlier numbers are re-rendered with `String(v)`, which is exact for the
   * value but may differ from the file's spelling ("1.50" → "1.5"); the coercion says so.
   */
  private toStrings(): void {
    const n = this.length;
    const codes = new Int32Array(Math.max(this.values.length, n));
    const encoder = new TextEncoder();
    const numberCodes = new Map<number, number>();
    let bad = 0;
    const nextBadRow = () => (bad < this.badRows.length ? this.badRows.get(bad) : -1);
    let badRow = nextBadRow();
    for (let i = 0; i < n; i++) {
      if (i === badRow) {
        codes[i] = this.badCodes.get(bad++);
        badRow = nextBadRow();
        continue;
      }
      const v = this.values[i] as number;
      if (Number.isNaN(v)) {
        codes[i] = -1;
        continue;
      }
      this.numbersBeforeText++;
      let code = numberCodes.get(v);
      if (code === undefined) {
        const bytes = encoder.encode(String(v));
        code = this.strings.intern(bytes, 0, bytes.length);
        numberCodes.set(v, code);
      }
      codes[i] = code;
    }
    this.codes = codes;
    this.values = new Float64Array(0);
    this.numeric = false;
  }

  /** Builds the final column with everything decided about it. */
  finish(decoder: { decode(input: Uint8Array): string }): InferredColumn {
    const name = this.name;
    const n = this.length;
    if (
      this.numeric &&
      this.override === undefined &&
      this.badRows.length > NUMERIC_TOLERANCE * (n - this.empty)
    ) {
      this.toStrings();
    }
    const notes: Coercion[] = [];
    if (this.empty > 0 && this.empty < n) {
      notes.push(
        coercion("missing", `${name}: ${plural(this.empty, "empty field")} → missing`, {
          column: name,
          count: this.empty,
          firstLine: this.firstEmptyLine,
        }),
      );
    }
    if (this.numeric) {
      const values = trim(this.values, n);
      this.values = new Float64Array(0);
      if (this.empty === n) {
        notes.push(
          coercion(
            "missing",
            `${name}: all ${plural(n, "field")} empty; kept as an all-missing numeric column`,
            { column: name, count: n },
          ),
        );
      }
      if (this.badRows.length > 0) notes.push(this.badTokenNote(decoder));
      if (this.infinities > 0) {
        notes.push(
          coercion("value", `${name}: ${plural(this.infinities, "infinite value")} kept as ±Infinity`, {
            column: name,
            count: this.infinities,
          }),
        );
      }
      return { column: { kind: "numeric", name, values }, coercions: notes };
    }
    const inferred = inferStringColumn({
      name,
      codes: trim(this.codes, n),
      levels: this.strings.decodeAll(decoder),
      override: this.override,
    });
    this.codes = new Int32Array(0);
    if (this.numbersBeforeText > 0) {
      notes.push(
        coercion(
          "type",
          `${name}: mixes numbers and text (${plural(this.numbersBeforeText, "number")} among ${plural(this.badRows.length, "text value")}); read as ${inferred.column.kind}, numbers kept as text`,
          { column: name, count: this.numbersBeforeText },
        ),
      );
    }
    return { column: inferred.column, coercions: [...notes, ...inferred.coercions] };
  }

  private badTokenNote(decoder: { decode(input: Uint8Array): string }): Coercion {
    const tally = new Map<number, number>();
    for (let k = 0; k < this.badCodes.length; k++) {
      const c = this.badCodes.get(k);
      tally.set(c, (tally.get(c) ?? 0) + 1);
    }
    const top = [...tally.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const examples = top.map(([c, k]) => `'${decoder.decode(this.strings.bytes(c))}' ×${k}`).join(", ");
    const n = this.badRows.length;
    return coercion("missing", `${this.name}: ${plural(n, "non-numeric value")} (${examples}) → missing`, {
      column: this.name,
      count: n,
    });
  }
}
