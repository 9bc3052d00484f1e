/** The one error class of Alchemist: a stable string `code` callers branch on, plus structured details. */

/**
 * Documented error codes. Callers (CLI `--json`, tools, agents) branch on these strings, so they are
 * part of the public contract: add codes, never rename them.
 */
export const ERROR_CODES = {
  FILE_NOT_FOUND: "the input path does not exist or is not a readable file",
  UNSUPPORTED_FORMAT: "the file extension or content is not a format Alchemist reads",
  EMPTY_FILE: "the file has no bytes, or only whitespace",
  NO_DATA_ROWS: "the file has a header but no data rows",
  RAGGED_ROW: "a row has more fields than the header (named by line)",
  MALFORMED_CSV: "an unterminated quote or similar structural CSV error (named by line)",
  MALFORMED_JSON: "JSON that does not parse, or is not an array of objects / JSON Lines",
  UNSUPPORTED_ENCODING: "text in an encoding Alchemist cannot decode",
  INVALID_COLUMN_TYPE: "a requested type override cannot apply to the column",
  COLUMN_NOT_FOUND: "a named column does not exist (with did-you-mean suggestions)",
  TARGET_NOT_FOUND: "the target column does not exist (with did-you-mean suggestions)",
  INVALID_TARGET: "the target column cannot serve the requested task (e.g. all missing)",
  INVALID_ARGUMENT: "a parameter is outside its allowed values",
  INVALID_SPEC: "a PipelineSpec or transform step fails validation",
  NOT_ENOUGH_ROWS: "too few rows for the requested split or statistic",
  LENGTH_MISMATCH: "arrays that must align have different lengths",
  MISSING_VALUES:
    "features hold missing values and the estimator cannot handle them (names the feature and row)",
  NON_FINITE_VALUES: "features or target hold ±Infinity (names the feature and row)",
  NEGATIVE_VALUES: "the estimator needs non-negative features (names the feature and row)",
  FEATURE_MISMATCH: "the matrix given to predict does not have the features the model was fitted on",
  UNKNOWN_ESTIMATOR: "no estimator of that name in MODEL_REGISTRY (with did-you-mean suggestions)",
  INVALID_PARAMS: "estimator parameters outside their declared bounds (names the parameter)",
  INVALID_MODEL_STATE: "a serialised model that does not match its estimator or version",
  FIT_FAILED: "a fit threw inside its worker (the message and stack say why)",
  FIT_TIMEOUT: "a fit ran past its deadline and its worker was terminated",
  FIT_OUT_OF_MEMORY: "a fit exceeded its heap cap and its worker was terminated",
  WORKER_CRASHED: "a worker exited unexpectedly",
  FIT_CANCELLED: "a fit was cancelled by its caller (AbortSignal) before it finished",
  POOL_CLOSED: "the worker pool was closed while the job was queued or running",
  LLM_UNAVAILABLE: "no LLM is configured (provider none), or its server cannot be reached",
  LLM_RATE_LIMITED: "the provider kept answering 429 after every retry",
  LLM_TIMEOUT: "the provider did not answer within the per-call timeout",
  LLM_BAD_RESPONSE:
    "the provider answered, but not with what was asked (malformed, empty, truncated, off-schema)",
  LLM_UNSUPPORTED: "the provider or model refuses a feature (response_format, tools)",
  LLM_BUDGET_EXCEEDED: "the run's money budget for LLM calls is spent; agents use their heuristics",
  LLM_CONFIG: "an invalid provider/model string or configuration (names the setting)",
  MEMORY_NOT_FOUND:
    "no run with that id in the memory store (with did-you-mean suggestions; a unique id prefix also finds it)",
  MEMORY_CORRUPT:
    "a row of the memory store fails validation or holds unparsable JSON (names table, row key, column)",
  INVALID_ACTION:
    "a proposed action is unknown, does not apply to this task/model/data, or has a value outside its allowed set (names the parameter, with suggestions and the allowed values)",
  NO_SUCCESSFUL_TRIAL:
    "every trial of the run failed, so there is no model to refit (see the trials' errors)",
  REFIT_FAILED: "no member of the final model could be refitted on all training rows within the budget",
  ONNX_UNSUPPORTED:
    "the pipeline holds a model or preprocessing step with no faithful ONNX form (names the estimator or step; the model card says why)",
  BUNDLE_INVALID:
    "a model bundle is missing a file, fails its checksums or its manifest does not validate (names the file)",
  BUNDLE_INCOMPATIBLE: "a model bundle was written by an incompatible bundle format version",
  NO_DOCUMENTS: "the documents folder holds no files to ingest (hidden files and folders are not counted)",
  DOCUMENT_UNREADABLE:
    "a document could not be parsed or yielded no text (corrupt, encrypted, binary, or not what its extension says); folder ingestion skips it with this reason",
  DOCUMENT_TOO_LARGE: "a document is larger than the ingestion size limit (maxFileBytes)",
  CANCELLED: "an operation other than a fit was cancelled by its caller (AbortSignal) before it finished",
  PATH_NOT_ALLOWED:
    "a file path outside the configured roots (the working directory unless the server was given --root)",
  TOOL_NOT_FOUND: "no tool of that name in the tool registry (with did-you-mean suggestions)",
  RUN_NOT_FINISHED:
    "the run has no final model yet: it is still running, or it failed or was cancelled (check run_status)",
  UNAUTHORIZED: "an HTTP request without a valid bearer token",
  TRAINER_UNAVAILABLE: "no SLM trainer backend can run here (the message says exactly what to install)",
  TRAINER_FAILED:
    "an SLM trainer subprocess failed: its protocol error, or its exit status and the tail of its stderr",
  INTERNAL: "a bug in Alchemist: please report it",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Structured context that names what to fix: a column, a row/line, a parameter, suggestions. */
export interface ErrorDetails {
  column?: string;
  row?: number;
  line?: number;
  parameter?: string;
  path?: string;
  suggestions?: string[];
  allowed?: readonly (string | number)[];
  [key: string]: unknown;
}

export class AlchemistError extends Error {
  override readonly name = "AlchemistError";
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  /** The JSON shape every surface prints: `{"error": {"code", "message", ...details}}`. */
  toJSON(): { error: { code: ErrorCode; message: string } & ErrorDetails } {
    return { error: { ...this.details, code: this.code, message: this.message } };
  }
}

export function isAlchemistError(e: unknown): e is AlchemistError {
  return e instanceof AlchemistError;
}

/** Wraps anything thrown into an AlchemistError, keeping the original as `cause`. */
export function toAlchemistError(e: unknown): AlchemistError {
  if (e instanceof AlchemistError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AlchemistError("INTERNAL", message, {}, { cause: e });
}
