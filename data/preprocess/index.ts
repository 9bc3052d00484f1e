/** Fitted preprocessing: step schemas, the PipelineSpec, FeatureMatrix and fitPreprocessor. */
export type { FeatureMatrix } from "./feature-matrix.js";
export {
  createFeatureMatrix,
  featureColumn,
  featureIndex,
  takeFeatureRows,
  toRowMajor,
} from "./feature-matrix.js";
export type { FitOptions, FitResult, TrainingData } from "./fit-preprocessor.js";
export { fitPreprocessor } from "./fit-preprocessor.js";
export type { FittedStep } from "./fitted-step.js";
export { FittedStepSchema } from "./fitted-step.js";
export { defaultSteps } from "./default-steps.js";
export { OTHER_LEVEL } from "./level-grouping.js";
export type { EstimatorRef, PipelineSpec, PipelineSpecInput } from "./pipeline-spec.js";
export {
  EstimatorRefSchema,
  parsePipelineSpec,
  PipelineSpecSchema,
  safeParsePipelineSpec,
} from "./pipeline-spec.js";
export type { FittedPreprocessor, InputColumn, PreprocessorJSON } from "./preprocessor.js";
export { PreprocessorJSONSchema, preprocessorFromJSON } from "./preprocessor.js";
export type { ResolvedTarget, TargetOptions } from "./resolve-target.js";
export { resolveTarget } from "./resolve-target.js";
export type {
  ClipOutliersStep,
  DatetimeFeaturesStep,
  DatetimePart,
  DropColumnsStep,
  EncodeStep,
  ImputeStep,
  RebalanceStep,
  ScaleStep,
  SelectFeaturesStep,
  Step,
  StepInput,
  StepType,
  TextFeaturesStep,
} from "./step-schema.js";
export {
  ClipOutliersStepSchema,
  DATETIME_PARTS,
  DatetimeFeaturesStepSchema,
  DropColumnsStepSchema,
  ENCODE_METHODS,
  EncodeStepSchema,
  ImputeStepSchema,
  parseStep,
  parseSteps,
  RebalanceStepSchema,
  ScaleStepSchema,
  SelectFeaturesStepSchema,
  STEP_TYPES,
  StepSchema,
  TextFeaturesStepSchema,
} from "./step-schema.js";
export { hashToken, tokenize } from "./text-features.js";
