/** FAILURE_PATTERNS: the library of known failure signatures, matched by specificity, with their untried fixes. */
import type { Action, ActionContext } from "../../actions/index.js";
import { actionContextOf, type ErrorContext, type FailureCategory } from "./error-context.js";
import type { FailurePattern } from "./failure-pattern.js";
import { failedEstimators, sameFix, whyTried } from "./fix-check.js";
import { DATA_PATTERNS } from "./patterns-data.js";
import { MODEL_PATTERNS } from "./patterns-model.js";
import { catchAll, catchAllCategory, RESOURCE_PATTERNS } from "./patterns-resources.js";
import { TARGET_SPLIT_PATTERNS } from "./patterns-target-split.js";

/** At most this many alternative fixes per diagnosis. */
export const MAX_FIXES = 3;

/**
 * Every signature; among equally specific matches the earlier one wins, so the order here breaks
 * ties (target and split facts first: they explain errors that also look like model errors). The
 * catch-all is last and matches everything.
 */
export const FAILURE_PATTERNS: readonly FailurePattern[] = Object.freeze([
  ...TARGET_SPLIT_PATTERNS,
  ...DATA_PATTERNS,
  ...MODEL_PATTERNS,
  ...RESOURCE_PATTERNS,
  catchAll,
]);

/** The patterns that match `ctx`, most specific first (ties keep FAILURE_PATTERNS order); never empty. */
export function matchPatterns(
  ctx: ErrorContext,
  patterns: readonly FailurePattern[] = FAILURE_PATTERNS,
): FailurePattern[] {
  const hits = patterns.map((p, i) => ({ p, i })).filter(({ p }) => p.match(ctx));
  hits.sort((a, b) => b.p.specificity - a.p.specificity || a.i - b.i);
  return hits.map(({ p }) => p);
}

/** The category a pattern assigns in this context (the catch-all guesses from the error code). */
export function categoryOf(pattern: FailurePattern, ctx: ErrorContext): FailureCategory {
  return pattern === catchAll ? catchAllCategory(ctx) : pattern.category;
}

export interface PatternFixes {
  /** The most specific match: its diagnosis explains the failure. */
  primary: FailurePattern;
  /** Every match, most specific first. */
  matched: FailurePattern[];
  /** Up to MAX_FIXES alternative fixes, best first: valid on the failing state and not tried yet. */
  fixes: Action[];
  /** Ids of the patterns the fixes came from, in order. */
  sources: string[];
}

/**
 * The first valid, untried fixes of the matched patterns in order (the catch-all's fallback model
 * last). When the most specific match says the cause cannot be fixed by an action (it lies in the
 * data), only its own fixes count, which are normally none.
 */
export function patternFixes(
  ctx: ErrorContext,
  actionCtx: ActionContext = actionContextOf(ctx),
): PatternFixes {
  const matched = matchPatterns(ctx);
  const primary = matched[0] ?? catchAll;
  const pool = primary.recoverable(ctx) ? matched : [primary];
  const failed = failedEstimators(ctx);
  const fixes: Action[] = [];
  const sources: string[] = [];
  for (const p of pool) {
    for (const fix of p.fixes(ctx, actionCtx)) {
      if (fixes.length >= MAX_FIXES) break;
      if (whyTried(ctx, fix, failed) !== null || fixes.some((f) => sameFix(f, fix))) continue;
      fixes.push(fix);
      if (!sources.includes(p.id)) sources.push(p.id);
    }
    if (fixes.length >= MAX_FIXES) break;
  }
  return { primary, matched, fixes, sources };
}
