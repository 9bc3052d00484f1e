/** Failure patterns of resources: heap cap, deadline, worker crash; and the catch-all that proposes a fallback model. */
import type { ErrorContext, FailureCategory } from "./error-context.js";
import { codeIs, definePattern, estimatorName, says } from "./failure-pattern.js";
import { cheaper, fallbackFix } from "./fix-builders.js";

function shape(ctx: ErrorContext): string {
  return `${ctx.data.rows ?? "?"} rows × ${ctx.data.features} feature columns`;
}

export const outOfMemory = definePattern({
  id: "out-of-memory",
  category: "resources",
  description: "A fit that exceeds the worker's heap cap (or cannot allocate its arrays).",
  specificity: 2,
  match: (ctx) =>
    codeIs(ctx, "FIT_OUT_OF_MEMORY") ||
    says(ctx, /heap|out of memory|allocation failed|cannot allocate|array buffer allocation/i),
  diagnose: (ctx) =>
    `${estimatorName(ctx)} ran out of memory on ${shape(ctx)}: the model or its working arrays outgrow the worker's heap cap; a smaller model fits.`,
  candidates: (ctx, actx) => [...cheaper(ctx, actx, "memory"), fallbackFix(ctx)],
});

export const fitTimeout = definePattern({
  id: "fit-timeout",
  category: "resources",
  description: "A fit that runs past its deadline.",
  specificity: 2,
  match: (ctx) => codeIs(ctx, "FIT_TIMEOUT") || says(ctx, /deadline|timed out|time limit|took too long/i),
  diagnose: (ctx) =>
    `${estimatorName(ctx)} did not finish within its deadline on ${shape(ctx)}: with these settings it is too slow for the time left; cheaper settings or a faster model fit.`,
  candidates: (ctx, actx) => [...cheaper(ctx, actx, "time"), fallbackFix(ctx)],
});

export const workerCrash = definePattern({
  id: "worker-crash",
  category: "resources",
  description: "A worker that exits unexpectedly (native fault, memory outside the heap).",
  specificity: 2,
  match: (ctx) =>
    codeIs(ctx, "WORKER_CRASHED") || says(ctx, /worker (exited|crashed|died)|segmentation fault|exit code/i),
  diagnose: (ctx) =>
    `The worker fitting ${estimatorName(ctx)} exited unexpectedly (${ctx.error.message.slice(0, 160)}): usually memory pressure outside the heap cap or a fault in the fit; a lighter model or another estimator avoids it.`,
  candidates: (ctx, actx) => [...cheaper(ctx, actx, "memory").slice(0, 2), fallbackFix(ctx)],
});

/** The catch-all's category: a guess from the code. */
function categoryOfCode(code: string): FailureCategory {
  switch (code) {
    case "INVALID_TARGET":
      return "target";
    case "NOT_ENOUGH_ROWS":
      return "split";
    case "INVALID_SPEC":
    case "INVALID_PARAMS":
    case "COLUMN_NOT_FOUND":
      return "config";
    case "MISSING_VALUES":
    case "NON_FINITE_VALUES":
    case "NEGATIVE_VALUES":
    case "INVALID_COLUMN_TYPE":
      return "data";
    default:
      return "model";
  }
}

/** Matches every failure, last: the next model of the task's fallback chain. */
export const catchAll = definePattern({
  id: "unrecognised-failure",
  category: "model",
  description:
    "Any other failure: no signature matches, so switch to the next robust model of the fallback chain.",
  specificity: 0,
  match: () => true,
  diagnose: (ctx) =>
    `${estimatorName(ctx)} failed with ${ctx.error.code} (${ctx.error.message.slice(0, 200)}); no known failure signature matches, so a more robust estimator is the safest fix.`,
  candidates: (ctx) => [fallbackFix(ctx)],
});

/** The catch-all's category for a context (it has no fixed one). */
export function catchAllCategory(ctx: ErrorContext): FailureCategory {
  return categoryOfCode(ctx.error.code);
}

/** The resource patterns (the catch-all is kept apart: it always matches, last). */
export const RESOURCE_PATTERNS = [outOfMemory, fitTimeout, workerCrash] as const;
