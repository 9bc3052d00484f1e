/** text_features: word counts hashed into buckets, or TF-IDF over a fitted vocabulary. */
import { z } from "zod";
import { isCoded, isText, selectColumns } from "./column-selector.js";
import { type FitContext, type Fitted, takenNames } from "./fit-context.js";
import type { TextFeaturesStep } from "./step-schema.js";
import {
  type CodedWork,
  compareStrings,
  levelCounts,
  type NumericWork,
  numericWork,
  replaceColumns,
  uniqueName,
  type WorkTable,
  workOfKind,
} from "./work-table.js";

export const TextHashStateSchema = z.object({
  type: z.literal("text_hash"),
  /** `features[b]` holds the count of words hashing to bucket b. */
  columns: z.array(z.object({ column: z.string(), features: z.array(z.string()) })),
});
export type TextHashState = z.infer<typeof TextHashStateSchema>;

export const TextTfidfStateSchema = z.object({
  type: z.literal("text_tfidf"),
  columns: z.array(
    z.object({
      column: z.string(),
      /** Vocabulary in lexical order; `idf[t]` and `features[t]` belong to `terms[t]`. */
      terms: z.array(z.string()),
      idf: z.array(z.number()),
      features: z.array(z.string()),
    }),
  ),
});
export type TextTfidfState = z.infer<typeof TextTfidfStateSchema>;

const WORD = /[\p{L}\p{N}_]{2,}/gu;

/** Lowercased words of two or more letters, digits or underscores (scikit-learn's default pattern). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** 32-bit FNV-1a over UTF-16 code units: stable across platforms and runs. */
export function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Per-level sparse rows (CSR): level l owns entries start[l] .. start[l+1]. */
interface LevelRows {
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

function toCsr(perLevel: readonly Map<number, number>[]): LevelRows {
  const start = new Int32Array(perLevel.length + 1);
  perLevel.forEach((m, l) => {
    start[l + 1] = (start[l] as number) + m.size;
  });
  const total = start[perLevel.length] as number;
  const index = new Int32Array(total);
  const value = new Float64Array(total);
  perLevel.forEach((m, l) => {
    let p = start[l] as number;
    for (const [k, v] of [...m.entries()].sort((a, b) => a[0] - b[0])) {
      index[p] = k;
      value[p++] = v;
    }
  });
  return { start, index, value };
}

/** Expands per-level sparse rows into `width` dense features over the column's rows (missing → zeros). */
function scatter(c: CodedWork, rows: LevelRows, width: number): Float64Array {
  const n = c.codes.length;
  const block = new Float64Array(n * width);
  const { start, index, value } = rows;
  for (let i = 0; i < n; i++) {
    const l = c.codes[i] as number;
    if (l < 0) continue;
    const end = start[l + 1] as number;
    for (let p = start[l] as number; p < end; p++) block[(index[p] as number) * n + i] = value[p] as number;
  }
  return block;
}

function features(c: CodedWork, names: readonly string[], block: Float64Array): NumericWork[] {
  const n = c.codes.length;
  return names.map((name, b) => numericWork(name, c.source, block.subarray(b * n, (b + 1) * n), "sparse"));
}

function hashRows(c: CodedWork, width: number): LevelRows {
  return toCsr(
    c.levels.map((text) => {
      const m = new Map<number, number>();
      for (const t of tokenize(text)) {
        const b = hashToken(t) % width;
        m.set(b, (m.get(b) ?? 0) + 1);
      }
      return m;
    }),
  );
}

function tfidfRows(c: CodedWork, terms: readonly string[], idf: readonly number[]): LevelRows {
  const vocab = new Map(terms.map((t, k) => [t, k]));
  return toCsr(
    c.levels.map((text) => {
      const m = new Map<number, number>();
      for (const t of tokenize(text)) {
        const k = vocab.get(t);
        if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
      }
      let norm = 0;
      for (const [k, tf] of m) {
        const w = tf * (idf[k] as number);
        m.set(k, w);
        norm += w * w;
      }
      if (norm > 0) for (const [k, w] of m) m.set(k, w / Math.sqrt(norm));
      return m;
    }),
  );
}

function fitVocabulary(step: TextFeaturesStep, c: CodedWork): { terms: string[]; idf: number[] } {
  const rowsOf = levelCounts(c);
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  c.levels.forEach((text, l) => {
    const rows = rowsOf[l] as number;
    if (rows === 0) return;
    const counts = new Map<string, number>();
    for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, k] of counts) {
      df.set(t, (df.get(t) ?? 0) + rows);
      tf.set(t, (tf.get(t) ?? 0) + k * rows);
    }
  });
  const terms = [...tf.keys()]
    .filter((t) => (df.get(t) ?? 0) >= step.min_df)
    .sort((a, b) => (tf.get(b) ?? 0) - (tf.get(a) ?? 0) || compareStrings(a, b))
    .slice(0, step.max_vocabulary)
    .sort(compareStrings);
  const n = c.codes.length;
  // Smooth idf, as scikit-learn's TfidfVectorizer: ln((1 + n) / (1 + df)) + 1.
  return { terms, idf: terms.map((t) => Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1) };
}

export function fitTextFeatures(
  step: TextFeaturesStep,
  table: WorkTable,
  ctx: FitContext,
): Fitted<TextHashState | TextTfidfState> {
  const selected = selectColumns(table, step.columns, {
    step: ctx.step,
    groups: { text: isText },
    accepts: isCoded,
    expected: "text or categorical columns",
    target: ctx.target,
  }) as CodedWork[];
  const taken = takenNames(table);
  for (const c of selected) taken.delete(c.name);
  if (step.method === "hash") {
    const state: TextHashState = {
      type: "text_hash",
      columns: selected.map((c) => ({
        column: c.name,
        features: Array.from({ length: step.n_features }, (_, b) =>
          uniqueName(`${c.name}__hash_${b}`, taken),
        ),
      })),
    };
    return { state, train: applyTextHash(state, table) };
  }
  const state: TextTfidfState = {
    type: "text_tfidf",
    columns: selected.map((c) => {
      const { terms, idf } = fitVocabulary(step, c);
      return {
        column: c.name,
        terms,
        idf,
        features: terms.map((t) => uniqueName(`${c.name}__tfidf_${t}`, taken)),
      };
    }),
  };
  return { state, train: applyTextTfidf(state, table) };
}

export function applyTextHash(state: TextHashState, table: WorkTable): WorkTable {
  const out = new Map<string, NumericWork[]>();
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["categorical", "text"], "text_features");
    const width = e.features.length;
    out.set(e.column, features(c, e.features, scatter(c, hashRows(c, width), width)));
  }
  return replaceColumns(table, (c) => out.get(c.name));
}

/** Words outside the fitted vocabulary are ignored; a row with none is all zeros. */
export function applyTextTfidf(state: TextTfidfState, table: WorkTable): WorkTable {
  const out = new Map<string, NumericWork[]>();
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["categorical", "text"], "text_features");
    const width = e.features.length;
    out.set(e.column, features(c, e.features, scatter(c, tfidfRows(c, e.terms, e.idf), width)));
  }
  return replaceColumns(table, (c) => out.get(c.name));
}
