/** The columnar Frame: every column a typed array, missing values encoded in-band. */
import { AlchemistError } from "../core/errors.js";
import { closestNames } from "./did-you-mean.js";

export const COLUMN_KINDS = ["numeric", "categorical", "boolean", "datetime", "text"] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** Missing marker of a boolean column (0 = false, 1 = true). */
export const BOOL_MISSING = 255;
/** Missing marker of categorical and text codes. */
export const CODE_MISSING = -1;

/** Numbers; `NaN` is missing. ±Infinity are values (profiling counts them). */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly name: string;
  readonly values: Float64Array;
}

/** Dictionary-encoded labels: `codes[i]` indexes `levels`, `-1` is missing. */
export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  /** Declared order of the levels (ordinal data) when the caller gave one. */
  readonly ordered?: boolean;
}

/** 0 / 1, `BOOL_MISSING` (255) is missing. */
export interface BooleanColumn {
  readonly kind: "boolean";
  readonly name: string;
  readonly values: Uint8Array;
}

/** Milliseconds since the Unix epoch (UTC); `NaN` is missing. */
export interface DatetimeColumn {
  readonly kind: "datetime";
  readonly name: string;
  readonly values: Float64Array;
  /** The format the text was read with, e.g. `YYYY-MM-DD`. */
  readonly format?: string;
}

/** Free text, dictionary-encoded like categoricals so repeated strings are stored once. */
export interface TextColumn {
  readonly kind: "text";
  readonly name: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn | BooleanColumn | DatetimeColumn | TextColumn;

/**
 * A table as plain data (structured-clone friendly, so it crosses to worker threads as is).
 * Every column has exactly `nRows` entries.
 */
export interface Frame {
  readonly nRows: number;
  readonly columns: readonly Column[];
}

/** Builds a Frame after checking that names are unique and lengths agree. */
export function createFrame(columns: readonly Column[]): Frame {
  const seen = new Set<string>();
  let nRows = -1;
  for (const c of columns) {
    if (seen.has(c.name)) {
      throw new AlchemistError("INVALID_ARGUMENT", `Duplicate column name '${c.name}'.`, { column: c.name });
    }
    seen.add(c.name);
    const n = columnLength(c);
    if (nRows === -1) nRows = n;
    else if (n !== nRows) {
      throw new AlchemistError(
        "LENGTH_MISMATCH",
        `Column '${c.name}' has ${n} rows but the frame has ${nRows}.`,
        { column: c.name },
      );
    }
  }
  return { nRows: Math.max(nRows, 0), columns };
}

export function columnLength(c: Column): number {
  return c.kind === "categorical" || c.kind === "text" ? c.codes.length : c.values.length;
}

export function columnNames(frame: Frame): string[] {
  return frame.columns.map((c) => c.name);
}

/** Returns the column or throws COLUMN_NOT_FOUND with did-you-mean suggestions. */
export function getColumn(frame: Frame, name: string): Column {
  const col = frame.columns.find((c) => c.name === name);
  if (col) return col;
  const suggestions = closestNames(name, columnNames(frame));
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(" or ")}?` : "";
  throw new AlchemistError("COLUMN_NOT_FOUND", `No column named '${name}'.${hint}`, {
    column: name,
    suggestions,
  });
}

export function hasColumn(frame: Frame, name: string): boolean {
  return frame.columns.some((c) => c.name === name);
}

/** True when row `i` of the column is missing. */
export function isMissing(c: Column, i: number): boolean {
  switch (c.kind) {
    case "numeric":
    case "datetime":
      return Number.isNaN(c.values[i]);
    case "boolean":
      return c.values[i] === BOOL_MISSING;
    case "categorical":
    case "text":
      return c.codes[i] === CODE_MISSING;
  }
}

/** Count of missing entries. */
export function missingCount(c: Column): number {
  let n = 0;
  if (c.kind === "numeric" || c.kind === "datetime") {
    const v = c.values;
    for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i])) n++;
  } else if (c.kind === "boolean") {
    const v = c.values;
    for (let i = 0; i < v.length; i++) if (v[i] === BOOL_MISSING) n++;
  } else {
    const v = c.codes;
    for (let i = 0; i < v.length; i++) if (v[i] === CODE_MISSING) n++;
  }
  return n;
}

/** The value of row `i` as a JSON-friendly scalar (null when missing). */
export function cellValue(c: Column, i: number): string | number | boolean | null {
  switch (c.kind) {
    case "numeric":
    case "datetime": {
      const v = c.values[i] as number;
      if (Number.isNaN(v)) return null;
      return c.kind === "datetime" ? new Date(v).toISOString() : v;
    }
    case "boolean": {
      const v = c.values[i];
      return v === BOOL_MISSING ? null : v === 1;
    }
    case "categorical":
    case "text": {
      const code = c.codes[i] as number;
      return code < 0 ? null : (c.levels[code] ?? null);
    }
  }
}

/** A new column holding rows `idx` (in that order). Levels are kept, so codes stay comparable. */
export function takeColumn(c: Column, idx: ArrayLike<number>): Column {
  const n = idx.length;
  switch (c.kind) {
    case "numeric":
    case "datetime": {
      const out = new Float64Array(n);
      const src = c.values;
      for (let i = 0; i < n; i++) out[i] = src[idx[i] as number] as number;
      return { ...c, values: out };
    }
    case "boolean": {
      const out = new Uint8Array(n);
      const src = c.values;
      for (let i = 0; i < n; i++) out[i] = src[idx[i] as number] as number;
      return { ...c, values: out };
    }
    case "categorical":
    case "text": {
      const out = new Int32Array(n);
      const src = c.codes;
      for (let i = 0; i < n; i++) out[i] = src[idx[i] as number] as number;
      return { ...c, codes: out };
    }
  }
}

/** Rows `idx` of every column. */
export function takeRows(frame: Frame, idx: ArrayLike<number>): Frame {
  return { nRows: idx.length, columns: frame.columns.map((c) => takeColumn(c, idx)) };
}

/** Only the named columns, in the given order. */
export function selectColumns(frame: Frame, names: readonly string[]): Frame {
  return { nRows: frame.nRows, columns: names.map((n) => getColumn(frame, n)) };
}

/** Every column except the named ones (unknown names are an error, so typos surface). */
export function dropColumns(frame: Frame, names: readonly string[]): Frame {
  for (const n of names) getColumn(frame, n);
  const drop = new Set(names);
  return { nRows: frame.nRows, columns: frame.columns.filter((c) => !drop.has(c.name)) };
}

/** Row-oriented view of the first `limit` rows, for display and JSON output. */
export function toRecords(
  frame: Frame,
  limit = frame.nRows,
): Record<string, string | number | boolean | null>[] {
  const n = Math.min(limit, frame.nRows);
  const out: Record<string, string | number | boolean | null>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, string | number | boolean | null> = {};
    for (const c of frame.columns) row[c.name] = cellValue(c, i);
    out.push(row);
  }
  return out;
}
