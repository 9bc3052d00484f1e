/** documents/chunk/: overlapping chunks of ingested documents, and MinHash near-duplicate removal. */
export { chunkDocuments } from "./chunk-documents.js";
export {
  type Chunk,
  type ChunkOptions,
  ChunkOptionsSchema,
  ChunkSchema,
  type DedupOptions,
  DedupOptionsSchema,
  type RemovedChunk,
  RemovedChunkSchema,
} from "./chunk-schema.js";
export { type DedupResult, dedupChunks } from "./dedup-chunks.js";
