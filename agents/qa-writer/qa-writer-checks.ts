/** Semantic check of a Q&A writer answer: at least one pair must cite a passage that is really in the chunk. */
import { locateQuote } from "./quote-match.js";
import type { QaWriterInput, QaWriterOutput } from "./qa-writer-schema.js";

/**
 * Pairs are judged one by one later (documents/qa drops each unverifiable pair); here an answer is
 * refused only when no pair at all quotes the chunk, so the repair turn and the heuristic get their chance.
 */
export function checkQaWriterOutput(value: QaWriterOutput, input: QaWriterInput): string[] {
  const found = value.pairs.some((p) => locateQuote(input.chunk.text, p.quote) !== null);
  if (found) return [];
  return value.pairs
    .slice(0, 3)
    .map(
      (p, i) =>
        `pairs[${i}].quote: not found in the chunk text (copy the passage verbatim): ${clip(p.quote)}`,
    );
}

function clip(text: string): string {
  return JSON.stringify(text.length <= 80 ? text : `${text.slice(0, 79)}…`);
}
