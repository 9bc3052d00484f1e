/** A grounded Q&A pair: question, answer, and the citation (file + document offsets) that was checked. */
import { z } from "zod";

export const QaCitationSchema = z.object({
  file: z.string(),
  /** Offsets into the document's extracted text (as the chunk's start/end are). */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type QaCitation = z.output<typeof QaCitationSchema>;

export const QaPairSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  /** The cited text itself (the document between citation.start and citation.end). */
  quote: z.string(),
  citation: QaCitationSchema,
  chunkId: z.string(),
  /** Which rung of the agent ladder wrote it. */
  tier: z.enum(["structured", "json", "heuristic"]),
  /** How closely the cited span matches the quote the writer gave (1 = verbatim). */
  quoteSimilarity: z.number().min(0).max(1),
  /** Share of the answer's content words found in the cited text. */
  support: z.number().min(0).max(1),
});
export type QaPair = z.output<typeof QaPairSchema>;

/** Why a drafted pair was dropped. */
export const DROP_REASONS = {
  span_outside_chunk: "the cited offsets are not inside the chunk",
  span_mismatch: "the text at the cited offsets is not the quote",
  quote_not_found: "the quote is not in the chunk, verbatim or near-verbatim",
  unsupported_answer: "the answer is not supported by the cited text",
  question_length: "the question is too short or too long",
  answer_length: "the answer is too short or too long",
  low_context_overlap: "too few of the answer's words appear in the chunk",
  answer_in_question: "the question already contains the answer",
  duplicate: "a near-duplicate of an earlier pair",
  over_target: "the target pair count was already reached",
} as const;
export type DropReason = keyof typeof DROP_REASONS;
