/** documents/qa: grounded Q&A synthesis from document chunks, with citation checks and quality filters. */
export { type CitationCheck, checkCitation, MIN_SPAN_MATCH, MIN_SUPPORT } from "./citation-check.js";
export {
  DROP_REASONS,
  type DropReason,
  type QaCitation,
  QaCitationSchema,
  type QaPair,
  QaPairSchema,
} from "./qa-pair.js";
export { DEFAULT_QUALITY, PairDeduper, type QualityOptions, qualityProblem } from "./quality-filter.js";
export {
  DEFAULT_PAIR_TARGET,
  type DroppedPair,
  interleaveByFile,
  type QaSynthesis,
  type SynthesizeOptions,
  synthesizeQa,
} from "./synthesize.js";
