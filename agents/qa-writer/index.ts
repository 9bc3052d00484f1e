/** agents/qa-writer: the agent that writes grounded Q&A pairs from a document chunk, and its text matching. */
export { qaWriterAgent } from "./qa-writer-agent.js";
export { checkQaWriterOutput } from "./qa-writer-checks.js";
export { qaWriterHeuristic } from "./qa-writer-heuristic.js";
export {
  MAX_PAIRS_PER_CHUNK,
  type QaChunk,
  QaChunkSchema,
  type QaDraft,
  QaDraftSchema,
  type QaWriterInput,
  QaWriterInputSchema,
  type QaWriterOutput,
  QaWriterOutputSchema,
} from "./qa-writer-schema.js";
export {
  contentWords,
  locateQuote,
  NEAR_VERBATIM,
  type QuoteSpan,
  support,
  type Token,
  tokenF1,
  tokenize,
  wordOverlap,
} from "./quote-match.js";
export { splitSentences, type TextSpan } from "./sentences.js";
