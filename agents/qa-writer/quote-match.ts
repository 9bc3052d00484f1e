/** Text matching for grounded Q&A: word tokens with offsets, locating a quote near-verbatim, answer support. */

/** A word of a text with its offsets (UTF-16 code units, as `String.slice` counts). */
export interface Token {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased words with their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ word: m[0].toLowerCase().replace("’", "'"), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const STOPWORDS = new Set(
  (
    "a an the and or but if then than so of to in on at by for with from as into onto about over under " +
    "is are was were be been being am do does did done has have had having it its this that these those " +
    "there here which who whom whose what when where why how not no yes can could should would will shall " +
    "may might must i you he she we they them their our your his her my me us also only just very more most " +
    "such each any all some other another same one own both either neither nor per via up down out off again"
  ).split(" "),
);

/** Words that carry content: not stopwords, and either two letters or more or a number. */
export function contentWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.word)
    .filter((w) => !STOPWORDS.has(w) && (w.length >= 2 || /\d/.test(w)));
}

/** Crude stem so "cleaned"/"cleaning"/"clean" meet: the first five letters of longer words. */
function stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/**
 * Share of `answer`'s content words found in `source` (stem match), in [0, 1]; 0 when the answer has
 * no content word. How far the source text supports the answer.
 */
export function support(answer: string, source: string): number {
  const words = contentWords(answer);
  if (words.length === 0) return 0;
  const have = new Set(contentWords(source).map(stem));
  let hit = 0;
  for (const w of words) if (have.has(stem(w))) hit++;
  return hit / words.length;
}

/** A located quote: offsets into the searched text, and how closely the span matches (1 = verbatim). */
export interface QuoteSpan {
  start: number;
  end: number;
  similarity: number;
}

/** Near-verbatim: at least this share of the quote's words, in a window of the same length. */
export const NEAR_VERBATIM = 0.85;

/**
 * Finds `quote` in `text`: verbatim, then ignoring case, punctuation and spacing (word sequence equal),
 * then near-verbatim (the best window of as many words sharing ≥ NEAR_VERBATIM of them). Null when absent.
 */
export function locateQuote(text: string, quote: string): QuoteSpan | null {
  const q = quote.trim();
  if (q === "") return null;
  const exact = text.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length, similarity: 1 };
  const qt = tokenize(q);
  const tt = tokenize(text);
  const n = qt.length;
  if (n === 0 || tt.length < n) return null;
  let best = -1;
  let bestScore = 0;
  const need = new Map<string, number>();
  for (const t of qt) need.set(t.word, (need.get(t.word) ?? 0) + 1);
  for (let i = 0; i + n <= tt.length; i++) {
    let same = true;
    for (let j = 0; j < n && same; j++) same = tt[i + j]!.word === qt[j]!.word;
    if (same) return { start: tt[i]!.start, end: tt[i + n - 1]!.end, similarity: 1 };
    const left = new Map(need);
    let hit = 0;
    for (let j = 0; j < n; j++) {
      const w = tt[i + j]!.word;
      const c = left.get(w) ?? 0;
      if (c > 0) {
        hit++;
        left.set(w, c - 1);
      }
    }
    if (hit / n > bestScore) {
      bestScore = hit / n;
      best = i;
    }
  }
  if (best < 0 || bestScore < NEAR_VERBATIM) return null;
  return { start: tt[best]!.start, end: tt[best + n - 1]!.end, similarity: bestScore };
}

/** Word-level similarity of two spans of text (share of `a`'s words found in `b`, multiset), in [0, 1]. */
export function wordOverlap(a: string, b: string): number {
  const aw = tokenize(a).map((t) => t.word);
  if (aw.length === 0) return 0;
  const left = new Map<string, number>();
  for (const t of tokenize(b)) left.set(t.word, (left.get(t.word) ?? 0) + 1);
  let hit = 0;
  for (const w of aw) {
    const c = left.get(w) ?? 0;
    if (c > 0) {
      hit++;
      left.set(w, c - 1);
    }
  }
  return hit / aw.length;
}

/** Token-level F1 of a generated answer against a reference (SQuAD-style, on content words). */
export function tokenF1(prediction: string, reference: string): number {
  const p = contentWords(prediction);
  const r = contentWords(reference);
  if (p.length === 0 || r.length === 0) return 0;
  const left = new Map<string, number>();
  for (const w of r) left.set(w, (left.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of p) {
    const c = left.get(w) ?? 0;
    if (c > 0) {
      hit++;
      left.set(w, c - 1);
    }
  }
  if (hit === 0) return 0;
  const precision = hit / p.length;
  const recall = hit / r.length;
  return (2 * precision * recall) / (precision + recall);
}
