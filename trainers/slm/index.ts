/** trainers/slm: SLM fine-tuning as subprocesses (Unsloth, MLX, PyTorch) behind one interface and one progress protocol. */
export {
  backendStatus,
  chooseSlmBackend,
  type DetectOptions,
  detectSlmEnvironment,
  SLM_BACKENDS,
  SLM_INSTALL_HINT,
  type SlmBackend,
  type SlmEnvironment,
  type SlmProbe,
  SlmProbeSchema,
} from "./detect.js";
export {
  lineSplitter,
  type ParsedLine,
  parseProgressLine,
  SLM_PROTOCOL_VERSION,
  type SlmDoneEvent,
  type SlmEvalEvent,
  type SlmEvent,
  SlmEventSchema,
  type SlmStepEvent,
} from "./protocol.js";
export { packageRoot, SLM_PYTHON_DIR, slmScript } from "./python-scripts.js";
export {
  type RunSlmTrainerOptions,
  runSlmTrainer,
  type SlmTrainConfig,
  type SlmTrainConfigInput,
  SlmTrainConfigSchema,
  type SlmTrainResult,
} from "./run-trainer.js";
