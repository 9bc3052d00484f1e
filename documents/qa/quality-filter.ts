/** Quality filters over verified pairs: lengths, answer/context overlap, giveaway questions, near-duplicates. */
import { contentWords, support } from "../../agents/qa-writer/index.js";
import type { DropReason } from "./qa-pair.js";

export interface QualityOptions {
  minQuestionChars: number;
  maxQuestionChars: number;
  minAnswerChars: number;
  maxAnswerChars: number;
  /** Share of the answer's content words that must appear in the chunk. */
  minContextOverlap: number;
  /** Question word-set Jaccard at or above which two pairs count as duplicates. */
  duplicateJaccard: number;
}

export const DEFAULT_QUALITY: QualityOptions = {
  minQuestionChars: 10,
  maxQuestionChars: 300,
  minAnswerChars: 2,
  maxAnswerChars: 1200,
  minContextOverlap: 0.6,
  duplicateJaccard: 0.8,
};

/** Per-pair checks; null when the pair passes. */
export function qualityProblem(
  question: string,
  answer: string,
  context: string,
  o: QualityOptions = DEFAULT_QUALITY,
): DropReason | null {
  const q = question.trim();
  const a = answer.trim();
  if (q.length < o.minQuestionChars || q.length > o.maxQuestionChars) return "question_length";
  if (a.length < o.minAnswerChars || a.length > o.maxAnswerChars || contentWords(a).length === 0) {
    return "answer_length";
  }
  if (support(a, context) < o.minContextOverlap) return "low_context_overlap";
  const qWords = new Set(contentWords(q));
  const aWords = contentWords(a);
  if (aWords.length >= 1 && aWords.every((w) => qWords.has(w)) && q.length >= a.length)
    return "answer_in_question";
  return null;
}

/** Remembers kept pairs and refuses near-duplicates (same question words, or same question and answer). */
export class PairDeduper {
  private readonly seen: { q: Set<string>; a: string }[] = [];

  constructor(private readonly jaccard = DEFAULT_QUALITY.duplicateJaccard) {}

  /** True (and remembered) when the pair is new. */
  admit(question: string, answer: string): boolean {
    const q = new Set(contentWords(question));
    const a = contentWords(answer).join(" ");
    for (const s of this.seen) {
      const j = jaccard(q, s.q);
      if (j >= this.jaccard || (j >= 0.5 && a === s.a)) return false;
    }
    this.seen.push({ q, a });
    return true;
  }
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}
