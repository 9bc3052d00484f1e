/**
 * Decides what a column of strings really is (boolean, datetime, categorical or free text) from
 * its distinct values, so the work is per level, not per row. Shared by every reader.
 */
import { AlchemistError } from "../core/errors.js";
import { type Coercion, coercion, plural } from "./coercion.js";
import {
  DATE_FORMATS,
  DAY_FIRST_FORMAT,
  type DateFormat,
  MONTH_FIRST_FORMAT,
  textHasTime,
} from "./datetime-parse.js";
import { BOOL_MISSING, type Column, type ColumnKind } from "./frame.js";
import { parseNumberText } from "./parse-number.js";

const TRUE_WORDS = new Set(["true", "yes", "t", "y"]);
const FALSE_WORDS = new Set(["false", "no", "f", "n"]);
const BOOL_PAIRS: readonly [string, string][] = [
  ["true", "false"],
  ["yes", "no"],
  ["t", "f"],
  ["y", "n"],
];
/** Values that often mean "missing" but are kept, since only empty fields are missing by default. */
const MISSING_LIKE = /^(\.|-|--|\?|na|n\/a|nan|null|none|nil|missing|#n\/a|undefined)$/i;

/** Share of non-missing rows that must parse as dates for a column to become datetime. */
const DATE_SHARE = 0.95;

export interface StringColumnInput {
  name: string;
  /** Code per row into `levels`, -1 = missing. */
  codes: Int32Array;
  levels: string[];
  /** A type the caller asked for; inference only runs when absent. */
  override?: ColumnKind | undefined;
}

export interface InferredColumn {
  column: Column;
  coercions: Coercion[];
}

function levelCounts(codes: Int32Array, nLevels: number): Int32Array {
  const counts = new Int32Array(nLevels);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c >= 0) counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

/** Finalises a dictionary-encoded string column into its best kind, recording each decision. */
export function inferStringColumn(input: StringColumnInput): InferredColumn {
  const { name, codes, levels, override } = input;
  const counts = levelCounts(codes, levels.length);
  let nonMissing = 0;
  for (let k = 0; k < counts.length; k++) nonMissing += counts[k] as number;

  if (override === "numeric") return toNumeric(name, codes, levels, counts);
  if (override === "boolean") {
    const b = toBoolean(name, codes, levels, true);
    if (b) return b;
  }
  if (override === "datetime") {
    const d = toDatetime(name, codes, levels, counts, nonMissing, true);
    if (d) return d;
  }
  if (override === "categorical" || override === "text") {
    return {
      column: { kind: override, name, codes, levels },
      coercions: [missingLikeNote(name, levels, counts)].flat(),
    };
  }
  if (nonMissing > 0) {
    const b = toBoolean(name, codes, levels, false);
    if (b) return b;
    const d = toDatetime(name, codes, levels, counts, nonMissing, false);
    if (d) return d;
  }
  const kind = looksLikeText(levels, counts, nonMissing) ? "text" : "categorical";
  const notes = missingLikeNote(name, levels, counts);
  if (kind === "text")
    notes.push(
      coercion("type", `${name}: free text (${plural(levels.length, "distinct value")})`, { column: name }),
    );
  return { column: { kind, name, codes, levels }, coercions: notes };
}

function missingLikeNote(name: string, levels: string[], counts: Int32Array): Coercion[] {
  const notes: Coercion[] = [];
  for (let k = 0; k < levels.length; k++) {
    const level = levels[k] as string;
    if (MISSING_LIKE.test(level.trim())) {
      const n = counts[k] as number;
      notes.push(
        coercion("level", `${name}: '${level}' kept as its own level, ${plural(n, "row")}`, {
          column: name,
          count: n,
        }),
      );
    }
  }
  return notes;
}

function looksLikeText(levels: string[], counts: Int32Array, nonMissing: number): boolean {
  if (levels.length < 20 || levels.length < 0.2 * nonMissing) return false;
  // Mean words per row, estimated on up to 2,000 levels (weighted by their counts).
  let words = 0;
  let rows = 0;
  const step = Math.max(1, Math.floor(levels.length / 2000));
  for (let k = 0; k < levels.length; k += step) {
    const n = counts[k] as number;
    if (n === 0) continue;
    words += n * wordCount(levels[k] as string);
    rows += n;
  }
  return rows > 0 && words / rows >= 3;
}

function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function toBoolean(
  name: string,
  codes: Int32Array,
  levels: string[],
  forced: boolean,
): InferredColumn | undefined {
  // Spelling variants aside ("Yes", "YES"), a boolean column has very few distinct values.
  if (!forced && levels.length > 8) return undefined;
  const lower = levels.map((l) => l.trim().toLowerCase());
  const present = new Set(lower);
  const pair = BOOL_PAIRS.find(([t, f]) => [...present].every((v) => v === t || v === f));
  if (!pair && !forced) return undefined;
  const map = new Uint8Array(levels.length);
  let unknown = 0;
  for (let k = 0; k < lower.length; k++) {
    const v = lower[k] as string;
    if (TRUE_WORDS.has(v) || v === "1") map[k] = 1;
    else if (FALSE_WORDS.has(v) || v === "0") map[k] = 0;
    else {
      map[k] = BOOL_MISSING;
      unknown++;
    }
  }
  if (forced && unknown === levels.length && levels.length > 0) {
    throw new AlchemistError(
      "INVALID_COLUMN_TYPE",
      `Column '${name}' has no true/false values; it cannot be boolean.`,
      {
        column: name,
      },
    );
  }
  const values = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    values[i] = c < 0 ? BOOL_MISSING : (map[c] as number);
  }
  const notes = [coercion("type", `${name}: boolean (${levels.join("/")})`, { column: name })];
  if (unknown > 0)
    notes.push(
      coercion("missing", `${name}: ${plural(unknown, "value")} not true/false → missing`, { column: name }),
    );
  return { column: { kind: "boolean", name, values }, coercions: notes };
}

function toDatetime(
  name: string,
  codes: Int32Array,
  levels: string[],
  counts: Int32Array,
  nonMissing: number,
  forced: boolean,
): InferredColumn | undefined {
  // A cheap look at the first levels rules out most non-date columns before the full pass.
  if (!forced && levels.length > 64) {
    let hits = 0;
    for (let k = 0; k < 64; k++) {
      const t = (levels[k] as string).trim();
      if (DATE_FORMATS.some((f) => !Number.isNaN(f.parse(t)))) hits++;
    }
    if (hits < 32) return undefined;
  }
  const trimmed = levels.map((l) => l.trim());
  // Rows each format parses (weighted by level counts), to pick the dominant one.
  const covered = DATE_FORMATS.map((f) => {
    let rows = 0;
    for (let k = 0; k < trimmed.length; k++)
      if (!Number.isNaN(f.parse(trimmed[k] as string))) rows += counts[k] as number;
    return rows;
  });
  let best = 0;
  for (let f = 1; f < covered.length; f++) if ((covered[f] as number) > (covered[best] as number)) best = f;
  const bestRows = covered[best] as number;
  if (bestRows === 0 && !forced) return undefined;
  if (bestRows < 0.5 * nonMissing && !forced) return undefined;
  const primary = DATE_FORMATS[best] as DateFormat;
  const values = new Float64Array(levels.length);
  let otherFormatRows = 0;
  let failedRows = 0;
  const failedExamples: string[] = [];
  for (let k = 0; k < trimmed.length; k++) {
    const text = trimmed[k] as string;
    let t = primary.parse(text);
    if (Number.isNaN(t)) {
      for (const f of DATE_FORMATS) {
        t = f.parse(text);
        if (!Number.isNaN(t)) break;
      }
      if (!Number.isNaN(t)) otherFormatRows += counts[k] as number;
      else {
        failedRows += counts[k] as number;
        if (failedExamples.length < 3) failedExamples.push(`'${text}'`);
      }
    }
    values[k] = t;
  }
  if (!forced && failedRows + otherFormatRows > (1 - DATE_SHARE) * nonMissing && failedRows > 0)
    return undefined;
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    out[i] = c < 0 ? Number.NaN : (values[c] as number);
  }
  const withTime = trimmed.some((t) => textHasTime(t));
  const label = withTime ? `${primary.label} HH:mm[:ss]` : primary.label;
  const notes = [coercion("format", `${name}: dates, format ${label}`, { column: name })];
  if (primary === MONTH_FIRST_FORMAT && covered[DATE_FORMATS.indexOf(DAY_FIRST_FORMAT)] === bestRows) {
    notes.push(
      coercion("format", `${name}: day and month are ambiguous; read as month first (MM/DD/YYYY)`, {
        column: name,
      }),
    );
  }
  if (otherFormatRows > 0) {
    notes.push(
      coercion("format", `${name}: ${plural(otherFormatRows, "value")} in other date formats, parsed`, {
        column: name,
        count: otherFormatRows,
      }),
    );
  }
  if (failedRows > 0) {
    notes.push(
      coercion(
        "missing",
        `${name}: ${plural(failedRows, "value")} not dates (${failedExamples.join(", ")}) → missing`,
        {
          column: name,
          count: failedRows,
        },
      ),
    );
  }
  return { column: { kind: "datetime", name, values: out, format: label }, coercions: notes };
}

function toNumeric(name: string, codes: Int32Array, levels: string[], counts: Int32Array): InferredColumn {
  const parsed = levels.map((l) => parseNumberText(l));
  const values = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    values[i] = c < 0 ? Number.NaN : (parsed[c] as number);
  }
  const notes: Coercion[] = [];
  const bad: string[] = [];
  let badRows = 0;
  parsed.forEach((v, k) => {
    if (Number.isNaN(v) && (counts[k] as number) > 0) {
      badRows += counts[k] as number;
      if (bad.length < 3) bad.push(`'${levels[k]}'`);
    }
  });
  if (badRows > 0) {
    notes.push(
      coercion("missing", `${name}: ${plural(badRows, "non-numeric value")} (${bad.join(", ")}) → missing`, {
        column: name,
        count: badRows,
      }),
    );
  }
  return { column: { kind: "numeric", name, values }, coercions: notes };
}
