/** The shapes ingestion returns: a document's text with its source segments, the skipped files, the result. */
import { z } from "zod";

/** A span of a document's text with where it came from (page for PDF pages and slides; section for headings, sheets, chapters). */
export const SegmentSchema = z.object({
  start: z
    .number()
    .int()
    .nonnegative()
    .describe("offset of the first character in the document text (UTF-16 units)"),
  end: z.number().int().nonnegative().describe("offset one past the last character"),
  page: z.number().int().positive().optional().describe("1-based page (PDF) or slide (pptx, odp)"),
  section: z.string().optional().describe("heading, sheet name or chapter title the span sits under"),
});
export type Segment = z.infer<typeof SegmentSchema>;

/** One parsed file: its text (line endings normalised to \n) and the segments that tile it in order. */
export const IngestedDocumentSchema = z.object({
  file: z.string().describe("path relative to the ingested folder, with / separators"),
  format: z.string().describe("the format name from SUPPORTED_FORMATS (e.g. pdf, markdown, python)"),
  text: z.string(),
  segments: z.array(SegmentSchema).describe("contiguous, ordered, covering [0, text.length)"),
  bytes: z.number().int().nonnegative().describe("size of the file on disk"),
});
export type IngestedDocument = z.infer<typeof IngestedDocumentSchema>;

/** A provided file that yielded no document, with the reason in words and a stable error code. */
export const SkippedFileSchema = z.object({
  file: z.string(),
  reason: z.string(),
  code: z.string().describe("an ERROR_CODES key: UNSUPPORTED_FORMAT, DOCUMENT_UNREADABLE, EMPTY_FILE, ..."),
});
export type SkippedFile = z.infer<typeof SkippedFileSchema>;

/** Every provided file is either a document or skipped: provided = documents.length + skipped.length. */
export const IngestResultSchema = z.object({
  provided: z.number().int().nonnegative(),
  documents: z.array(IngestedDocumentSchema),
  skipped: z.array(SkippedFileSchema),
  hidden: z
    .array(z.string())
    .describe(
      "hidden files and folders (name starts with '.') left out entirely and not counted as provided",
    ),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;
