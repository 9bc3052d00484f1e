/** The recovery heuristic: the pattern library's most specific diagnosis and its first valid, untried fixes. */
import type { ErrorContext } from "./error-context.js";
import { categoryOf, patternFixes } from "./failure-patterns.js";
import type { RecoveryOutput } from "./recovery-schema.js";

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The first matching pattern's diagnosis and category; fixes gathered from the matched patterns in
 * order, the catch-all's fallback model last. Recoverable is false only when that pattern puts the
 * cause in the data itself (e.g. a single-class target), or when every fix and fallback was tried.
 */
export function recoveryHeuristic(ctx: ErrorContext): RecoveryOutput {
  const { primary, fixes, sources } = patternFixes(ctx);
  const fixable = primary.recoverable(ctx);
  const recoverable = fixable && fixes.length > 0;
  let rationale = `Matched the '${primary.id}' failure signature: ${primary.description}`;
  if (recoverable) {
    rationale += ` Fixes from ${sources.map((s) => `'${s}'`).join(", ")}, best first; each is an action applied alone to the failing pipeline.`;
  } else if (!fixable) {
    rationale += " The cause lies in the data itself, and no action of the action space can remove it.";
  } else {
    rationale += " Every fix of the library and every fallback model was already tried.";
  }
  return {
    root_cause: clip(primary.diagnose(ctx), 1000),
    category: categoryOf(primary, ctx),
    recoverable,
    // A cause in the data: whatever the library could still try would only fail again.
    fixes: fixable ? fixes : [],
    rationale: clip(rationale, 2000),
  };
}
