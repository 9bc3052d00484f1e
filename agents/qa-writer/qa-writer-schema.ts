/** Input and output contracts of the Q&A writer: a chunk in, question/answer pairs each citing a quote of it out. */
import { z } from "zod";

/** Largest number of pairs asked of one chunk. */
export const MAX_PAIRS_PER_CHUNK = 10;

export const QaChunkSchema = z.object({
  id: z.string().min(1),
  file: z.string().min(1).describe("the document the chunk comes from"),
  start: z.number().int().min(0).describe("offset of the chunk in its document's text"),
  end: z.number().int().min(0),
  text: z.string().describe("document text from start to end"),
  page: z.number().int().optional(),
  section: z.string().optional().describe("the heading the chunk sits under"),
});
export type QaChunk = z.output<typeof QaChunkSchema>;

export const QaWriterInputSchema = z.object({
  chunk: QaChunkSchema,
  count: z.number().int().min(1).max(MAX_PAIRS_PER_CHUNK).describe("pairs wanted"),
});
export type QaWriterInput = z.output<typeof QaWriterInputSchema>;

export const QaDraftSchema = z.object({
  question: z
    .string()
    .min(5)
    .max(500)
    .describe("a question a reader of the document could ask, answerable from the quote alone"),
  answer: z.string().min(1).max(2000).describe("the answer, stated with the quote's own facts and words"),
  quote: z
    .string()
    .min(1)
    .max(2000)
    .describe("the exact passage of the chunk that supports the answer, copied verbatim"),
  start: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("optional: character offset of the quote in the chunk text"),
  end: z.number().int().min(0).optional().describe("optional: character offset just past the quote"),
});
export type QaDraft = z.output<typeof QaDraftSchema>;

export const QaWriterOutputSchema = z.object({
  pairs: z.array(QaDraftSchema).min(1).max(MAX_PAIRS_PER_CHUNK),
});
export type QaWriterOutput = z.output<typeof QaWriterOutputSchema>;
