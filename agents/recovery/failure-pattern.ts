/** The shape of one failure signature, and the signals patterns read from an ErrorContext. */
import type { Action, ActionContext } from "../../actions/index.js";
import type { StepType } from "../../data/preprocess/index.js";
import type { EstimatorSpec } from "../../trainers/estimator.js";
import { MODEL_REGISTRY } from "../../trainers/registry.js";
import type { ColumnFact, ErrorContext, FailureCategory } from "./error-context.js";
import { checkFix, sameFix, sceneOfFailure } from "./fix-check.js";

/** A candidate fix before validation; null where a builder has nothing to offer. */
export type Candidate = Action | null;

/** One known way a fit fails, how to say why in plain words, and the ACTION_SPACE moves that fix it. */
export interface FailurePattern {
  /** kebab-case, unique. */
  readonly id: string;
  readonly category: FailureCategory;
  /** What the signature is, in one sentence. */
  readonly description: string;
  /**
   * Order of `matchPatterns`, highest first: 4 = the message and a fact of the data agree, 3 = a
   * message signature, 2 = the error code alone, 1 = a weak hint, 0 = the catch-all.
   */
  readonly specificity: number;
  match(ctx: ErrorContext): boolean;
  /** The root cause in plain words, naming the column or parameter where known. */
  diagnose(ctx: ErrorContext): string;
  /** Alternative one-action fixes, best first, each valid on the failing state and a real change. */
  fixes(ctx: ErrorContext, actionCtx: ActionContext): Action[];
  /** False when the cause lies in the data itself and no action of ACTION_SPACE can remove it. */
  recoverable(ctx: ErrorContext): boolean;
}

export interface PatternDeclaration {
  id: string;
  category: FailureCategory;
  description: string;
  specificity: number;
  match(ctx: ErrorContext): boolean;
  diagnose(ctx: ErrorContext): string;
  /** Raw candidates, best first; `definePattern` keeps the valid, distinct ones. */
  candidates(ctx: ErrorContext, actionCtx: ActionContext): readonly Candidate[];
  recoverable?(ctx: ErrorContext): boolean;
}

/** A pattern whose `fixes` are its candidates validated against the failing state (invalid ones dropped). */
export function definePattern(d: PatternDeclaration): FailurePattern {
  return Object.freeze({
    id: d.id,
    category: d.category,
    description: d.description,
    specificity: d.specificity,
    match: d.match,
    // Diagnoses may open with a phrase like "the column 'x'": they are sentences. (Estimator names
    // at the start stay as they are: they are identifiers.)
    diagnose: (ctx: ErrorContext) => {
      const text = d.diagnose(ctx);
      return /^(the|a|an) /.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    },
    recoverable: d.recoverable ?? (() => true),
    fixes(ctx: ErrorContext, actionCtx: ActionContext): Action[] {
      const scene = sceneOfFailure(ctx, actionCtx);
      const out: Action[] = [];
      for (const c of d.candidates(ctx, scene.ctx)) {
        if (c === null) continue;
        const r = checkFix(c, scene);
        if (r.ok && !out.some((o) => sameFix(o, r.action))) out.push(r.action);
      }
      return out;
    },
  });
}

// ---- signals -------------------------------------------------------------------------------------

/** The message plus a worker's cause message, for signature regexes. */
export function errorText(ctx: ErrorContext): string {
  const cause = ctx.error.details?.cause as { message?: unknown } | undefined;
  const extra = typeof cause?.message === "string" ? ` ${cause.message}` : "";
  return `${ctx.error.message}${extra}`;
}

/**
 * Whether the error's own words match `re`. Quoted names ('…': columns, levels, values from the user's
 * table) are blanked first, so a column named "unseen" or "date" cannot pose as a signature.
 */
export function says(ctx: ErrorContext, re: RegExp): boolean {
  return re.test(errorText(ctx).replace(/'[^'\n]{0,500}'/g, "'…'"));
}

export function codeIs(ctx: ErrorContext, ...codes: string[]): boolean {
  return codes.includes(ctx.error.code);
}

export function estimatorOf(ctx: ErrorContext): EstimatorSpec | undefined {
  return MODEL_REGISTRY.get(ctx.spec.estimator.name);
}

export function hasStep(ctx: ErrorContext, type: StepType): boolean {
  return ctx.spec.steps.some((s) => s.type === type);
}

export function featureFacts(ctx: ErrorContext): ColumnFact[] {
  return ctx.data.columns.filter((c) => c.target !== true && c.name !== ctx.spec.target);
}

/**
 * The raw column a feature name comes from: the name itself, or the longest raw column it derives
 * from (`color=red`, `a__missing`, `date__year`, `city__te_1`).
 */
export function rawColumnOf(ctx: ErrorContext, feature: string): ColumnFact | undefined {
  const cols = featureFacts(ctx);
  const exact = cols.find((c) => c.name === feature);
  if (exact !== undefined) return exact;
  let best: ColumnFact | undefined;
  for (const c of cols) {
    if (!feature.startsWith(`${c.name}=`) && !feature.startsWith(`${c.name}__`)) continue;
    if (best === undefined || c.name.length > best.name.length) best = c;
  }
  return best;
}

/** The raw feature column the error names (details.column, else a quoted name in the message). */
export function namedColumn(ctx: ErrorContext): ColumnFact | undefined {
  const col = ctx.error.details?.column;
  if (typeof col === "string") {
    const hit = rawColumnOf(ctx, col);
    if (hit !== undefined) return hit;
  }
  for (const m of errorText(ctx).matchAll(/'([^']{1,500})'/g)) {
    const hit = rawColumnOf(ctx, m[1] as string);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** `the column 'x'` when known, else `a feature`. */
export function columnPhrase(ctx: ErrorContext, fallback = "a feature"): string {
  const c = namedColumn(ctx);
  return c !== undefined ? `the column '${c.name}'` : fallback;
}

/** The parameter the error names (details.parameter / param), if any. */
export function namedParameter(ctx: ErrorContext): string | undefined {
  const d = ctx.error.details;
  const p = d?.param ?? d?.parameter;
  return typeof p === "string" ? p : undefined;
}

/** The current estimator's name, for diagnoses. */
export function estimatorName(ctx: ErrorContext): string {
  return ctx.spec.estimator.name;
}
