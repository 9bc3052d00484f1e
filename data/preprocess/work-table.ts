/**
 * The working table that preprocessing steps pass along: raw columns not yet transformed plus the
 * numeric features made so far, each remembering the raw column it came from.
 */
import { AlchemistError } from "../../core/errors.js";
import { BOOL_MISSING, type Column } from "../frame.js";

/**
 * What a numeric feature means, which decides the column groups of later steps:
 * continuous (scaled, clipped), binary (0/1: booleans, indicators, one-hot), sparse (text counts,
 * TF-IDF), codes (native category codes). Only continuous features are in the `numeric` group of
 * scale and clip_outliers; impute's `numeric` group takes all but codes.
 */
export type FeatureRole = "continuous" | "binary" | "sparse" | "codes";

export interface NumericWork {
  readonly kind: "numeric";
  readonly name: string;
  /** The raw column this feature derives from. */
  readonly source: string;
  readonly values: Float64Array;
  readonly role: FeatureRole;
  /** Number of levels for `codes` features, else null. */
  readonly nLevels: number | null;
}

export interface CodedWork {
  readonly kind: "categorical" | "text";
  readonly name: string;
  readonly source: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  readonly ordered?: boolean;
}

export interface DatetimeWork {
  readonly kind: "datetime";
  readonly name: string;
  readonly source: string;
  readonly values: Float64Array;
}

export type WorkColumn = NumericWork | CodedWork | DatetimeWork;

export interface WorkTable {
  readonly nRows: number;
  readonly columns: readonly WorkColumn[];
}

/** Kinds as the fitted preprocessor records its inputs (booleans count as numeric). */
export type InputKind = "numeric" | "categorical" | "datetime" | "text";

export function inputKindOf(c: Column): InputKind {
  return c.kind === "boolean" ? "numeric" : c.kind;
}

/** A frame column as a working column; booleans become 0/1 numbers (NaN missing). */
export function toWorkColumn(c: Column): WorkColumn {
  switch (c.kind) {
    case "numeric":
      return {
        kind: "numeric",
        name: c.name,
        source: c.name,
        values: c.values,
        role: "continuous",
        nLevels: null,
      };
    case "boolean": {
      const src = c.values;
      const out = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = src[i] as number;
        out[i] = v === BOOL_MISSING ? Number.NaN : v;
      }
      return { kind: "numeric", name: c.name, source: c.name, values: out, role: "binary", nLevels: null };
    }
    case "datetime":
      return { kind: "datetime", name: c.name, source: c.name, values: c.values };
    case "categorical": {
      const w: CodedWork = {
        kind: "categorical",
        name: c.name,
        source: c.name,
        codes: c.codes,
        levels: c.levels,
      };
      return c.ordered === true ? { ...w, ordered: true } : w;
    }
    case "text":
      return { kind: "text", name: c.name, source: c.name, codes: c.codes, levels: c.levels };
  }
}

/**
 * `base` if free, else `base_2`, `base_3`, … Fitted steps store the chosen names, so transform
 * reproduces them without re-deciding.
 */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}

/** Index of the working column named exactly `name`; throws INTERNAL when absent (a fitted step is out of sync). */
export function requireWork(table: WorkTable, name: string, step: string): number {
  const j = table.columns.findIndex((c) => c.name === name);
  if (j < 0) {
    throw new AlchemistError("INTERNAL", `Step ${step} expected the working column '${name}'.`, {
      column: name,
    });
  }
  return j;
}

/** The working column named `name`, which must be of one of `kinds`. */
export function workOfKind<K extends WorkColumn["kind"]>(
  table: WorkTable,
  name: string,
  kinds: readonly K[],
  step: string,
): Extract<WorkColumn, { kind: K }> {
  const c = table.columns[requireWork(table, name, step)] as WorkColumn;
  if (!(kinds as readonly string[]).includes(c.kind)) {
    throw new AlchemistError(
      "INTERNAL",
      `Step ${step} expected '${name}' to be ${kinds.join("/")}, got ${c.kind}.`,
      {
        column: name,
      },
    );
  }
  return c as Extract<WorkColumn, { kind: K }>;
}

/**
 * Replaces columns by name: `replace(name)` returns the columns that take its place (empty to
 * drop it), or undefined to keep it. Order is preserved, so features stay beside their source.
 */
export function replaceColumns(
  table: WorkTable,
  replace: (c: WorkColumn) => readonly WorkColumn[] | undefined,
): WorkTable {
  const out: WorkColumn[] = [];
  for (const c of table.columns) {
    const r = replace(c);
    if (r === undefined) out.push(c);
    else out.push(...r);
  }
  return { nRows: table.nRows, columns: out };
}

/**
 * For a coded column, a map from its level indices to indices in `fitted` (by level string),
 * `-1` for levels unseen at fit time. Built once per transform, so rows only do array lookups.
 */
export function levelLookup(levels: readonly string[], fitted: ReadonlyMap<string, number>): Int32Array {
  const map = new Int32Array(levels.length);
  for (let k = 0; k < levels.length; k++) map[k] = fitted.get(levels[k] as string) ?? -1;
  return map;
}

/** Fitted levels as a string → index map. */
export function levelIndex(levels: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  levels.forEach((l, k) => {
    m.set(l, k);
  });
  return m;
}

/** Occurrences of every level of a coded column (missing codes skipped). */
export function levelCounts(c: CodedWork): Float64Array {
  const counts = new Float64Array(c.levels.length);
  const codes = c.codes;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i] as number;
    if (k >= 0) counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/** A new numeric feature. */
export function numericWork(
  name: string,
  source: string,
  values: Float64Array,
  role: FeatureRole,
  nLevels: number | null = null,
): NumericWork {
  return { kind: "numeric", name, source, values, role, nLevels };
}

/** Lexical order independent of locale, so fitted level lists are the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
