/** documents/slm: SLM datasets (chat JSONL, DPO), the held-out split, the honest evaluation, the report and the pipeline. */
export {
  type ChatMessage,
  ChatMessageSchema,
  type ChatRecord,
  ChatRecordSchema,
  DEFAULT_SYSTEM_PROMPT,
  toChatRecord,
  writeJsonl,
} from "./chat-records.js";
export {
  DEFAULT_TRAIN_STEPS,
  type DocsPipelineOptions,
  type DocsPipelineResult,
  runDocsPipeline,
  type TrainChoice,
} from "./docs-pipeline.js";
export { type DpoRecord, DpoRecordSchema, makeDpoRecords, perturbAnswer } from "./dpo.js";
export {
  evaluateSlm,
  type LossSummary,
  overfitting,
  type SlmEvaluation,
  type SlmEvaluationInput,
  summariseLoss,
  type TrainingSummary,
  type Verdict,
  type VerdictKind,
} from "./evaluation.js";
export { type ExportTrainedOptions, exportTrained } from "./export-trained.js";
export { renderReportMarkdown, type SlmReport, type TrainerReport, thinCurve } from "./report.js";
export { type QaSplit, type SplitOptions, splitByDocument } from "./split.js";
