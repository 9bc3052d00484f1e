/** The Q&A writer's heuristic tier: extractive questions from headings and sentences; the answer is the sentence. */
import { contentWords } from "./quote-match.js";
import type { QaDraft, QaWriterInput, QaWriterOutput } from "./qa-writer-schema.js";
import { splitSentences, type TextSpan } from "./sentences.js";

const MIN_WORDS = 5;
const MAX_WORDS = 80;
const PRONOUN = /^(?:it|this|that|these|those|they|he|she|there|here|we|you|i|its|their|such)\b/i;

/** Question patterns on the sentence "X <verb> Y": the question asks for Y. */
const PATTERNS: { re: RegExp; ask: (subject: string, verb: string) => string }[] = [
  { re: /^(.{2,60}?)\s+(is|are|was|were)\s+(.{3,})$/i, ask: (x, v) => `What ${v.toLowerCase()} ${x}?` },
  {
    re: /^(.{2,60}?)\s+(means|refers to|stands for)\s+(.{3,})$/i,
    ask: (x, v) =>
      `What does ${x} ${v
        .toLowerCase()
        .replace(/^means$/, "mean")
        .replace("refers", "refer")
        .replace("stands", "stand")}?`,
  },
  {
    re: /^(.{2,60}?)\s+(contains|includes|consists of|requires|needs|supports|provides)\s+(.{3,})$/i,
    ask: (x, v) => `What does ${x} ${baseVerb(v.toLowerCase())}?`,
  },
];

function baseVerb(v: string): string {
  if (v === "consists of") return "consist of";
  return v.endsWith("es") && /(?:ch|sh|ss|x)es$/.test(v) ? v.slice(0, -2) : v.replace(/s$/, "");
}

/** "The pump" → "the pump", but "API" stays. */
function lowerFirst(s: string): string {
  return s.length > 1 && /[a-z]/.test(s[1]!) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The pattern whose subject is shortest wins: "Error E4 means the pressure is low" asks about "error E4". */
function patternQuestion(sentence: string): string | null {
  const body = sentence.replace(/[.!?]+["')\]]*$/, "");
  let best: { subject: string; question: string } | null = null;
  for (const { re, ask } of PATTERNS) {
    const m = re.exec(body);
    if (!m?.[1] || !m[2]) continue;
    const subject = m[1].trim();
    if (PRONOUN.test(subject) || subject.split(/\s+/).length > 6 || /[,;:()]/.test(subject)) continue;
    if (best === null || subject.length < best.subject.length) {
      best = { subject, question: ask(lowerFirst(subject), m[2]) };
    }
  }
  return best?.question ?? null;
}

function topicOf(sentence: string, used: Set<string>): string {
  const words = contentWords(sentence).filter((w) => !/^\d+$/.test(w));
  const fresh = words.filter((w) => !used.has(w));
  const pick = (fresh.length >= 2 ? fresh : words).slice(0, 3);
  for (const w of pick) used.add(w);
  return pick.join(" ");
}

function fileLabel(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, "");
}

function draftOf(s: TextSpan, question: string): QaDraft {
  return { question, answer: s.text.replace(/\s+/g, " "), quote: s.text, start: s.start, end: s.end };
}

/**
 * Up to `count` pairs: sentences that read as definitions first ("X is Y" → "What is X?"), then the
 * longest informative sentences, asked about through their heading (or the file name). Always at least
 * one pair, so the contract's output schema holds even for a chunk of one short line.
 */
export function qaWriterHeuristic(input: QaWriterInput): QaWriterOutput {
  const { chunk, count } = input;
  const spans = splitSentences(chunk.text, chunk.section).filter((s) => {
    const n = s.text.split(/\s+/).length;
    return n >= MIN_WORDS && n <= MAX_WORDS && contentWords(s.text).length >= 3;
  });
  const used = new Set<string>();
  const pairs: QaDraft[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < spans.length && pairs.length < count; i++) {
    const q = patternQuestion(spans[i]!.text);
    if (q === null) continue;
    pairs.push(draftOf(spans[i]!, q));
    taken.add(i);
  }
  const rest = spans
    .map((s, i) => ({ s, i }))
    .filter(({ i }) => !taken.has(i))
    .sort((a, b) => contentWords(b.s.text).length - contentWords(a.s.text).length || a.i - b.i);
  for (const { s } of rest) {
    if (pairs.length >= count) break;
    const topic = topicOf(s.text, used);
    const where = s.heading ? `the section "${s.heading}"` : fileLabel(chunk.file);
    pairs.push(draftOf(s, `What does ${where} say about ${topic}?`));
  }
  if (pairs.length === 0) {
    const text = chunk.text.trim().slice(0, 2000) || chunk.file;
    const start = Math.max(0, chunk.text.indexOf(text));
    pairs.push({
      question: `What does ${fileLabel(chunk.file)} say here?`,
      answer: text,
      quote: text,
      start,
      end: start + text.length,
    });
  }
  return { pairs };
}
