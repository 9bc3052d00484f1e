/**
 * Accumulates one JSON column from parsed values: a tag per row (number, string, boolean, nested,
 * missing) with numbers and string codes beside it, decided into one kind when the file is read,
 * by the same rules as the CSV builder (numeric while few values are text, else strings).
 */
import { type Coercion, coercion, plural } from "./coercion.js";
import { BOOL_MISSING, type ColumnKind } from "./frame.js";
import { grow, trim } from "./growable.js";
import { type InferredColumn, inferStringColumn } from "./infer-strings.js";
import { parseNumberText } from "./parse-number.js";
import {
  allMissingNote,
  finishBoolean,
  finishNumeric,
  type NaSets,
  StringDictionary,
} from "./typed-columns.js";

/** Non-numeric share of present values up to which a column of numbers stays numeric (as in CSV). */
const NUMERIC_TOLERANCE = 0.05;

// Tag 0 is a row that never got the key (absent).
const NULL = 1;
const EMPTY = 2;
const NA = 3;
const NUMBER = 4;
const STRING = 5;
const BOOL = 6;
const NESTED = 7;

export class JsonColumnBuilder {
  private tags = new Uint8Array(0);
  /** Numbers, and booleans as 0/1. */
  private nums = new Float64Array(0);
  /** Codes of strings and of nested values' JSON text. */
  private codes = new Int32Array(0);
  private readonly dict = new StringDictionary();
  private readonly counts = new Int32Array(8);
  private firstMissingLine = 0;

  constructor(
    /** The key as written in the file (the final name may be cleaned). */
    readonly key: string,
    private readonly na: NaSets,
  ) {}

  /** Row `i` holds `value`; `line` is its 1-based file line when known (JSON Lines). */
  push(i: number, value: unknown, line = 0): void {
    if (i >= this.tags.length) this.tags = grow(this.tags, i + 1, Uint8Array);
    let tag: number;
    switch (typeof value) {
      case "number":
        if (this.na.numbers.has(value)) tag = NA;
        else {
          tag = NUMBER;
          this.setNumber(i, value);
        }
        break;
      case "string":
        if (value === "") tag = EMPTY;
        else if (this.na.strings.has(value)) tag = NA;
        else {
          tag = STRING;
          this.setCode(i, this.dict.code(value));
        }
        break;
      case "boolean":
        tag = BOOL;
        this.setNumber(i, value ? 1 : 0);
        break;
      default:
        if (value === null || value === undefined) tag = NULL;
        else {
          tag = NESTED;
          this.setCode(i, this.dict.code(JSON.stringify(value)));
        }
    }
    this.tags[i] = tag;
    this.counts[tag] = (this.counts[tag] as number) + 1;
    if (tag <= NA && line > 0 && this.firstMissingLine === 0) this.firstMissingLine = line;
  }

  private setNumber(i: number, v: number): void {
    if (i >= this.nums.length) this.nums = grow(this.nums, i + 1, Float64Array);
    this.nums[i] = v;
  }

  private setCode(i: number, c: number): void {
    if (i >= this.codes.length) this.codes = grow(this.codes, i + 1, Int32Array);
    this.codes[i] = c;
  }

  /** The column over `n` rows (rows never pushed lacked the key), named `name`. */
  finish(n: number, name: string, override: ColumnKind | undefined): InferredColumn {
    this.tags = grow(this.tags, n, Uint8Array);
    const count = (tag: number) => this.counts[tag] as number;
    const present = count(NUMBER) + count(STRING) + count(BOOL) + count(NESTED);
    const missing = n - present;
    const notes: Coercion[] = [];
    if (present === 0) {
      if (override === undefined) notes.push(allMissingNote(name, n, "null, absent or NA"));
    } else if (missing > 0) notes.push(this.missingNote(name, n - this.pushedCount(), missing));

    let result: InferredColumn;
    if (count(NESTED) > 0) {
      notes.push(
        coercion(
          "type",
          `${name}: ${plural(count(NESTED), "nested value")} (objects/arrays) kept as JSON text`,
          {
            column: name,
            count: count(NESTED),
          },
        ),
      );
      result = this.asStrings(n, name, override ?? "text");
    } else if (count(BOOL) > 0 && count(BOOL) === present) {
      const values = new Uint8Array(n).fill(BOOL_MISSING);
      for (let i = 0; i < n; i++) if (this.tags[i] === BOOL) values[i] = this.nums[i] as number;
      result = finishBoolean(name, values, override);
    } else if (count(BOOL) > 0) {
      result = this.asStrings(n, name, override);
      notes.push(
        coercion("type", `${name}: mixes true/false with other values; read as ${result.column.kind}`, {
          column: name,
          count: count(BOOL),
        }),
      );
    } else {
      result = this.numbersOrStrings(n, name, override, notes);
    }
    this.release();
    return { column: result.column, coercions: [...notes, ...result.coercions] };
  }

  private pushedCount(): number {
    let s = 0;
    for (let t = NULL; t < this.counts.length; t++) s += this.counts[t] as number;
    return s;
  }

  private missingNote(name: string, absent: number, missing: number): Coercion {
    const parts: string[] = [];
    if (this.counts[NULL]) parts.push(plural(this.counts[NULL] as number, "null"));
    if (absent > 0) parts.push(`${plural(absent, "record")} without the key`);
    if (this.counts[EMPTY]) parts.push(plural(this.counts[EMPTY] as number, "empty string"));
    if (this.counts[NA]) parts.push(plural(this.counts[NA] as number, "NA token"));
    const extra: { column: string; count: number; firstLine?: number } = { column: name, count: missing };
    if (this.firstMissingLine > 0 && absent === 0) extra.firstLine = this.firstMissingLine;
    return coercion("missing", `${name}: ${parts.join(", ")} → missing`, extra);
  }

  /** Numbers and numeric strings → numeric when few strings are not numbers; otherwise text. */
  private numbersOrStrings(
    n: number,
    name: string,
    override: ColumnKind | undefined,
    notes: Coercion[],
  ): InferredColumn {
    const levels = this.dict.levels;
    const parsed = levels.map((l) => parseNumberText(l));
    const levelRows = new Int32Array(levels.length);
    for (let i = 0; i < n; i++) {
      if (this.tags[i] === STRING) {
        const c = this.codes[i] as number;
        levelRows[c] = (levelRows[c] as number) + 1;
      }
    }
    let numericStrings = 0;
    for (let k = 0; k < levels.length; k++)
      if (!Number.isNaN(parsed[k])) numericStrings += levelRows[k] as number;
    const numbers = this.counts[NUMBER] as number;
    const text = (this.counts[STRING] as number) - numericStrings;
    const numeric =
      override === "numeric" ||
      (override === undefined &&
        numbers + numericStrings > 0 &&
        text <= NUMERIC_TOLERANCE * (numbers + numericStrings + text)) ||
      (override === undefined && numbers + numericStrings + text === 0);
    if (!numeric && numbers > 0 && numericStrings + text === 0) {
      // Only numbers, read as another kind on request: the same rules as Parquet and Arrow numbers.
      const values = new Float64Array(n).fill(Number.NaN);
      for (let i = 0; i < n; i++) if (this.tags[i] === NUMBER) values[i] = this.nums[i] as number;
      return finishNumeric(name, values, override);
    }
    if (!numeric) {
      const result = this.asStrings(n, name, override);
      if (numbers > 0) {
        notes.push(
          coercion(
            "type",
            `${name}: mixes numbers and text (${plural(numbers, "number")} among ${plural(text + numericStrings, "text value")}); read as ${result.column.kind}, numbers kept as text`,
            { column: name, count: numbers },
          ),
        );
      }
      return result;
    }
    const values = new Float64Array(n).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      const tag = this.tags[i];
      if (tag === NUMBER) values[i] = this.nums[i] as number;
      else if (tag === STRING) values[i] = parsed[this.codes[i] as number] as number;
    }
    if (numericStrings > 0) {
      const example = levels.find((_, k) => !Number.isNaN(parsed[k]) && (levelRows[k] as number) > 0);
      notes.push(
        coercion(
          "type",
          `${name}: ${plural(numericStrings, "number")} written as strings (e.g. '${example}') read as numbers`,
          {
            column: name,
            count: numericStrings,
          },
        ),
      );
    }
    if (text > 0) {
      const bad = levels
        .map((l, k) => ({ l, rows: levelRows[k] as number, ok: !Number.isNaN(parsed[k]) }))
        .filter((e) => !e.ok && e.rows > 0)
        .sort((a, b) => b.rows - a.rows)
        .slice(0, 3)
        .map((e) => `'${e.l}' ×${e.rows}`);
      notes.push(
        coercion("missing", `${name}: ${plural(text, "non-numeric value")} (${bad.join(", ")}) → missing`, {
          column: name,
          count: text,
        }),
      );
    }
    return finishNumeric(name, values);
  }

  /** Every present value as text (numbers in their shortest form, booleans as true/false), then inferred. */
  private asStrings(n: number, name: string, override: ColumnKind | undefined): InferredColumn {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const tag = this.tags[i];
      if (tag === STRING || tag === NESTED) codes[i] = this.codes[i] as number;
      else if (tag === NUMBER) codes[i] = this.dict.code(String(this.nums[i]));
      else if (tag === BOOL) codes[i] = this.dict.code(this.nums[i] === 1 ? "true" : "false");
      else codes[i] = -1;
    }
    return inferStringColumn({ name, codes, levels: this.dict.levels, override });
  }

  private release(): void {
    this.tags = trim(this.tags, 0);
    this.nums = new Float64Array(0);
    this.codes = new Int32Array(0);
  }
}
