/** Checks a drafted pair's citation against its chunk: span inside the chunk, quote there, answer supported. */
import {
  locateQuote,
  type QaChunk,
  type QaDraft,
  support,
  wordOverlap,
} from "../../agents/qa-writer/index.js";
import type { DropReason, QaCitation } from "./qa-pair.js";

/** Share of the answer's content words the cited text must hold. */
export const MIN_SUPPORT = 0.5;
/** How closely the text at given offsets must match the quote (word overlap, both ways). */
export const MIN_SPAN_MATCH = 0.85;

export type CitationCheck =
  | { ok: true; citation: QaCitation; quote: string; quoteSimilarity: number; support: number }
  | { ok: false; reason: DropReason; detail: string };

/**
 * Verifies one draft. Offsets, when the writer gave them, are chunk-relative and must lie inside the
 * chunk and hold the quote; otherwise the quote is located in the chunk (verbatim, then near-verbatim).
 * The citation returned is in document offsets: chunk.start + the located span.
 */
export function checkCitation(draft: QaDraft, chunk: QaChunk): CitationCheck {
  const text = chunk.text;
  let span: { start: number; end: number; similarity: number } | null = null;
  if (draft.start !== undefined && draft.end !== undefined) {
    if (!(draft.start < draft.end && draft.end <= text.length)) {
      return {
        ok: false,
        reason: "span_outside_chunk",
        detail: `[${draft.start}, ${draft.end}) is outside the chunk's [0, ${text.length})`,
      };
    }
    const cited = text.slice(draft.start, draft.end);
    const match = Math.min(wordOverlap(draft.quote, cited), wordOverlap(cited, draft.quote));
    if (match >= MIN_SPAN_MATCH) span = { start: draft.start, end: draft.end, similarity: match };
    else {
      // Models miscount characters: a quote found elsewhere in the chunk still grounds the answer.
      span = locateQuote(text, draft.quote);
      if (span === null) {
        return { ok: false, reason: "span_mismatch", detail: `the cited text does not hold the quote` };
      }
    }
  } else {
    span = locateQuote(text, draft.quote);
    if (span === null) return { ok: false, reason: "quote_not_found", detail: clip(draft.quote) };
  }
  const quote = text.slice(span.start, span.end);
  const s = support(draft.answer, quote);
  if (s < MIN_SUPPORT) {
    return {
      ok: false,
      reason: "unsupported_answer",
      detail: `${Math.round(s * 100)}% of the answer's words are in the cited text`,
    };
  }
  return {
    ok: true,
    citation: { file: chunk.file, start: chunk.start + span.start, end: chunk.start + span.end },
    quote,
    quoteSimilarity: span.similarity,
    support: s,
  };
}

function clip(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
