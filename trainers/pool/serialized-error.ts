/**
 * Errors crossing the worker boundary. A structured clone of an Error keeps only name, message and
 * stack, so typed errors travel as plain objects and come back as AlchemistErrors with their code.
 */
import { AlchemistError, type ErrorCode, ERROR_CODES, type ErrorDetails } from "../../core/errors.js";

export interface SerializedError {
  /** An AlchemistError code, or null for anything else thrown. */
  code: ErrorCode | null;
  name: string;
  message: string;
  stack: string | undefined;
  details: ErrorDetails;
  /** `error.code` of a non-Alchemist error (e.g. a Node `ERR_*`), if it had one. */
  originalCode: string | undefined;
}

/** Worker side: anything thrown → plain data. Details that do not clone are dropped, not fatal. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof AlchemistError) {
    return {
      code: e.code,
      name: e.name,
      message: e.message,
      stack: e.stack,
      details: cloneable(e.details),
      originalCode: undefined,
    };
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return {
      code: null,
      name: e.name,
      message: e.message,
      stack: e.stack,
      details: {},
      originalCode: typeof code === "string" ? code : undefined,
    };
  }
  return {
    code: null,
    name: "Error",
    message: String(e),
    stack: undefined,
    details: {},
    originalCode: undefined,
  };
}

function cloneable(details: ErrorDetails): ErrorDetails {
  try {
    return structuredClone(details);
  } catch {
    return JSON.parse(JSON.stringify(details, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
  }
}

/**
 * Main side: a typed error keeps its code and details (plus `estimator`); anything else becomes
 * FIT_FAILED naming the estimator, with the original name, code, message and stack in details (a
 * failed typed-array allocation becomes FIT_OUT_OF_MEMORY).
 * The worker's stack becomes the error's stack.
 */
export function reviveError(s: SerializedError, estimator: string): AlchemistError {
  let error: AlchemistError;
  if (s.code !== null && s.code in ERROR_CODES) {
    error = new AlchemistError(s.code, s.message, { estimator, ...s.details });
  } else if (s.name === "RangeError" && s.message.includes("Array buffer allocation failed")) {
    // Typed arrays live outside the V8 heap, so the heap cap does not catch them: the allocation fails.
    error = new AlchemistError(
      "FIT_OUT_OF_MEMORY",
      `${estimator}: the fit could not allocate a typed array (${s.message}).`,
      { estimator, cause: { name: s.name, message: s.message, stack: s.stack } },
    );
  } else {
    error = new AlchemistError("FIT_FAILED", `${estimator}: the fit threw ${s.name}: ${s.message}`, {
      estimator,
      cause: { name: s.name, message: s.message, code: s.originalCode, stack: s.stack },
    });
  }
  if (s.stack !== undefined) error.stack = `${s.stack}\n    (in a fit worker)`;
  return error;
}
