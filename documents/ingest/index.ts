/** documents/ingest/: files of many formats → text with source segments; every file accounted for. */
export {
  type IngestedDocument,
  IngestedDocumentSchema,
  type IngestResult,
  IngestResultSchema,
  type Segment,
  SegmentSchema,
  type SkippedFile,
  SkippedFileSchema,
} from "./document-schema.js";
export {
  extensionOf,
  type FormatSpec,
  formatForFile,
  type ParserKind,
  SUPPORTED_FORMATS,
  unsupportedReason,
} from "./formats.js";
export { DEFAULT_MAX_FILE_BYTES, type IngestFileOptions, ingestFile } from "./ingest-file.js";
export { type IngestFolderOptions, type IngestProgress, ingestFolder } from "./ingest-folder.js";
export { rtfToText } from "./rtf.js";
