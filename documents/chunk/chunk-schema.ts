/** Chunks of ingested documents and the options that shape them. */
import { z } from "zod";

/** A span of one document's text, sized for retrieval or Q&A synthesis, with its source. */
export const ChunkSchema = z.object({
  id: z.string().describe("stable hash of file, offsets and text (16 hex characters)"),
  file: z.string().describe("the document's path relative to the ingested folder"),
  start: z.number().int().nonnegative().describe("offset of the first character in the document text"),
  end: z.number().int().nonnegative().describe("offset one past the last character"),
  text: z.string().describe("the document text between start and end"),
  page: z.number().int().positive().optional(),
  section: z.string().optional(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

/** Chunk size and overlap in characters (UTF-16 units); overlap must be smaller than size. */
export const ChunkOptionsSchema = z
  .object({
    size: z.number().int().min(20).max(1_000_000).default(1200).describe("maximum characters per chunk"),
    overlap: z
      .number()
      .int()
      .min(0)
      .default(200)
      .describe("characters a chunk repeats from the end of the previous one (same segment only)"),
  })
  .refine((o) => o.overlap < o.size, { message: "overlap must be smaller than size", path: ["overlap"] });
export type ChunkOptions = z.input<typeof ChunkOptionsSchema>;

/** Near-duplicate removal settings. */
export const DedupOptionsSchema = z.object({
  threshold: z
    .number()
    .gt(0)
    .max(1)
    .default(0.8)
    .describe("Jaccard similarity of word shingles at or above which a chunk is a near-duplicate"),
  numPerm: z.number().int().min(16).max(1024).default(128).describe("MinHash signature length"),
  shingleSize: z.number().int().min(1).max(10).default(3).describe("words per shingle"),
  seed: z.number().int().default(0).describe("seed of the MinHash functions"),
});
export type DedupOptions = z.input<typeof DedupOptionsSchema>;

/** A chunk dropped as a near-duplicate of an earlier kept chunk, with their Jaccard similarity. */
export const RemovedChunkSchema = z.object({
  id: z.string(),
  duplicateOf: z.string(),
  similarity: z.number().min(0).max(1),
});
export type RemovedChunk = z.infer<typeof RemovedChunkSchema>;
