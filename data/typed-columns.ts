/**
 * Final columns for readers whose values arrive already typed (JSON, Parquet, Arrow): one place that
 * applies `types` overrides, interns strings, cleans column names and renders nested values as JSON.
 */
import { AlchemistError } from "../core/errors.js";
import { type Coercion, coercion, plural } from "./coercion.js";
import { closestNames } from "./did-you-mean.js";
import { BOOL_MISSING, COLUMN_KINDS, type ColumnKind } from "./frame.js";
import { type InferredColumn, inferStringColumn } from "./infer-strings.js";
import { parseNumberText } from "./parse-number.js";

/** Interns strings into dense codes, in first-seen order. */
export class StringDictionary {
  readonly levels: string[] = [];
  private readonly index = new Map<string, number>();

  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.levels.length;
      this.levels.push(s);
      this.index.set(s, c);
    }
    return c;
  }
}

/** Throws COLUMN_NOT_FOUND (with suggestions) for an override naming no column, INVALID_ARGUMENT for an unknown kind. */
export function checkTypeOverrides(
  types: Record<string, ColumnKind> | undefined,
  names: readonly string[],
): void {
  for (const [key, kind] of Object.entries(types ?? {})) {
    if (!names.includes(key)) {
      const suggestions = closestNames(key, names);
      throw new AlchemistError(
        "COLUMN_NOT_FOUND",
        `Type override for '${key}', but the file has no such column.${suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ""}`,
        { column: key, suggestions },
      );
    }
    if (!(COLUMN_KINDS as readonly string[]).includes(kind)) {
      throw new AlchemistError(
        "INVALID_ARGUMENT",
        `Type override for '${key}' is '${String(kind)}'; allowed: ${COLUMN_KINDS.join(", ")}.`,
        { column: key, parameter: "types", allowed: COLUMN_KINDS },
      );
    }
  }
}

/** Empty names become `column_N`, duplicates get `.1`, `.2`…, each change recorded (as the CSV reader does). */
export function uniqueNames(raw: readonly string[], notes: Coercion[]): string[] {
  const seen = new Set<string>();
  return raw.map((r, j) => {
    let name = r.trim();
    if (name === "") {
      name = `column_${j + 1}`;
      notes.push(coercion("rename", `Column ${j + 1} has an empty name; named '${name}'`, { column: name }));
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

/** JSON text of a nested value; bigints and typed arrays (which `JSON.stringify` refuses or mangles) as numbers. */
export function jsonText(value: unknown): string {
  if (typeof value === "string") return value;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<unknown>);
    return v;
  });
  return text ?? String(value);
}

/** The note for a column with no value at all. */
export function allMissingNote(name: string, n: number, why: string): Coercion {
  return coercion("missing", `${name}: all ${plural(n, "value")} missing (${why})`, {
    column: name,
    count: n,
  });
}

function infinityNote(name: string, values: Float64Array): Coercion[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) n++;
  }
  return n > 0
    ? [
        coercion("value", `${name}: ${plural(n, "infinite value")} kept as ±Infinity`, {
          column: name,
          count: n,
        }),
      ]
    : [];
}

function overrideNote(name: string, from: string, override: ColumnKind): Coercion {
  return coercion("type", `${name}: ${from} read as ${override} (type override)`, { column: name });
}

function withNote(note: Coercion, inferred: InferredColumn): InferredColumn {
  return { column: inferred.column, coercions: [note, ...inferred.coercions] };
}

function notApplicable(name: string, holds: string, override: ColumnKind): AlchemistError {
  return new AlchemistError(
    "INVALID_COLUMN_TYPE",
    `Column '${name}' holds ${holds}; it cannot be ${override}.`,
    {
      column: name,
    },
  );
}

/** Numbers (NaN = missing) as their own kind or the override's; numbers become their shortest text. */
export function finishNumeric(name: string, values: Float64Array, override?: ColumnKind): InferredColumn {
  if (override === undefined || override === "numeric") {
    return { column: { kind: "numeric", name, values }, coercions: infinityNote(name, values) };
  }
  if (override === "datetime") return epochToDatetime(name, values);
  const dict = new StringDictionary();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    codes[i] = Number.isNaN(v) ? -1 : dict.code(String(v));
  }
  return withNote(
    overrideNote(name, "numbers", override),
    inferStringColumn({ name, codes, levels: dict.levels, override }),
  );
}

/** Numbers as Unix time: seconds when every value is below 1e11 (before 1973 in milliseconds), else milliseconds. */
function epochToDatetime(name: string, values: Float64Array): InferredColumn {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i] as number);
    if (Number.isFinite(a) && a > maxAbs) maxAbs = a;
  }
  const seconds = maxAbs < 1e11;
  const out = new Float64Array(values.length);
  let bad = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      if (!Number.isNaN(v)) bad++;
      out[i] = Number.NaN;
    } else out[i] = seconds ? v * 1000 : v;
  }
  const unit = seconds ? "seconds" : "milliseconds";
  const notes = [
    coercion("format", `${name}: numbers read as Unix time in ${unit} (type override)`, { column: name }),
  ];
  if (bad > 0)
    notes.push(
      coercion("missing", `${name}: ${plural(bad, "infinite value")} → missing`, {
        column: name,
        count: bad,
      }),
    );
  return { column: { kind: "datetime", name, values: out }, coercions: notes };
}

/** 0/1 with `BOOL_MISSING`, as booleans or the override's kind. */
export function finishBoolean(name: string, values: Uint8Array, override?: ColumnKind): InferredColumn {
  if (override === undefined || override === "boolean")
    return { column: { kind: "boolean", name, values }, coercions: [] };
  if (override === "datetime") throw notApplicable(name, "true/false values", override);
  if (override === "numeric") {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++)
      out[i] = values[i] === BOOL_MISSING ? Number.NaN : (values[i] as number);
    return {
      column: { kind: "numeric", name, values: out },
      coercions: [overrideNote(name, "true/false as 1/0", override)],
    };
  }
  const dict = new StringDictionary();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v === BOOL_MISSING ? -1 : dict.code(v === 1 ? "true" : "false");
  }
  return withNote(
    overrideNote(name, "true/false", override),
    inferStringColumn({ name, codes, levels: dict.levels, override }),
  );
}

/** Epoch milliseconds, as datetimes or the override's kind (numbers in ms, or ISO text). */
export function finishDatetime(name: string, values: Float64Array, override?: ColumnKind): InferredColumn {
  if (override === undefined || override === "datetime")
    return { column: { kind: "datetime", name, values }, coercions: [] };
  if (override === "boolean") throw notApplicable(name, "dates", override);
  if (override === "numeric") {
    return {
      column: { kind: "numeric", name, values },
      coercions: [overrideNote(name, "dates as milliseconds since 1970-01-01", override)],
    };
  }
  let dateOnly = true;
  for (let i = 0; i < values.length && dateOnly; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v) && v % 86_400_000 !== 0) dateOnly = false;
  }
  const dict = new StringDictionary();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || Math.abs(v) > 8.64e15) {
      codes[i] = -1;
      continue;
    }
    const iso = new Date(v).toISOString();
    codes[i] = dict.code(dateOnly ? iso.slice(0, 10) : iso);
  }
  return withNote(
    overrideNote(name, "dates (ISO 8601 text)", override),
    inferStringColumn({ name, codes, levels: dict.levels, override }),
  );
}

/** `naValues` for typed readers: text tokens match strings exactly, numeric tokens (`"-999"`) match numbers. */
export interface NaSets {
  strings: ReadonlySet<string>;
  numbers: ReadonlySet<number>;
}

export function naSets(values: readonly string[] | undefined): NaSets {
  const strings = new Set((values ?? []).filter((v) => v !== ""));
  const numbers = new Set<number>();
  for (const s of strings) {
    const v = parseNumberText(s);
    if (!Number.isNaN(v)) numbers.add(v);
  }
  return { strings, numbers };
}

/** Sets values equal to a numeric NA token to NaN, recording how many. */
export function applyNaNumbers(name: string, values: Float64Array, na: NaSets, notes: Coercion[]): void {
  if (na.numbers.size === 0) return;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (na.numbers.has(values[i] as number)) {
      values[i] = Number.NaN;
      count++;
    }
  }
  if (count > 0)
    notes.push(
      coercion("missing", `${name}: ${plural(count, "NA value")} → missing`, { column: name, count }),
    );
}

/** Drops levels equal to an NA token (their rows become missing), renumbering the rest; returns the kept levels. */
export function applyNaLevels(
  name: string,
  codes: Int32Array,
  levels: readonly string[],
  na: NaSets,
  notes: Coercion[],
): string[] {
  if (na.strings.size === 0 || !levels.some((l) => na.strings.has(l))) return levels as string[];
  const kept: string[] = [];
  const remap = levels.map((l) => (na.strings.has(l) ? -1 : kept.push(l) - 1));
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c < 0) continue;
    const to = remap[c] as number;
    if (to < 0) count++;
    codes[i] = to;
  }
  if (count > 0)
    notes.push(
      coercion("missing", `${name}: ${plural(count, "NA token")} → missing`, { column: name, count }),
    );
  return kept;
}
