/** Checks a proposed fix: valid in ACTION_SPACE on the failing state, executable, a real change, and not tried yet. */
import {
  type Action,
  type ActionContext,
  type ActionState,
  executeAction,
  validateAction,
} from "../../actions/index.js";
import { isAlchemistError } from "../../core/errors.js";
import { trialKey } from "../../loop/trial.js";
import { actionContextOf, type ErrorContext, failingState } from "./error-context.js";

/** The failing state with its action context and key, computed once per check run. */
export interface FailingScene {
  ctx: ActionContext;
  state: ActionState;
  key: string;
}

export function sceneOfFailure(ctx: ErrorContext, actionCtx = actionContextOf(ctx)): FailingScene {
  const state = failingState(ctx);
  return { ctx: { ...actionCtx, spec: state.spec }, state, key: trialKey(state.spec, state.settings) };
}

export type CheckedFix = { ok: true; action: Action; state: ActionState } | { ok: false; problem: string };

/**
 * Validates `raw` against the failing state's context (canonical name and value), applies it with
 * executeAction, and refuses a fix that leaves the failing pipeline unchanged.
 */
export function checkFix(raw: unknown, scene: FailingScene): CheckedFix {
  const checked = validateAction(raw, scene.ctx);
  if (!checked.ok) return { ok: false, problem: checked.error.message };
  let state: ActionState;
  try {
    state = executeAction(scene.state, checked.action, scene.ctx);
  } catch (e) {
    return { ok: false, problem: isAlchemistError(e) ? e.message : String(e) };
  }
  if (trialKey(state.spec, state.settings) === scene.key) {
    return {
      ok: false,
      problem: `${label(checked.action)} leaves the failing pipeline unchanged, so it cannot fix anything.`,
    };
  }
  return { ok: true, action: checked.action, state };
}

/** `action = value` (`set_hyperparameter param = value`). */
export function label(a: Action): string {
  return a.param !== undefined
    ? `${a.action} ${a.param} = ${String(a.value)}`
    : `${a.action} = ${String(a.value)}`;
}

/** Same move: canonical name, param and value. */
export function sameFix(a: Action, b: Action): boolean {
  return a.action === b.action && (a.param ?? null) === (b.param ?? null) && a.value === b.value;
}

/** Estimators that failed earlier in the run (other than the current one, which a reset may still save). */
export function failedEstimators(ctx: ErrorContext): Set<string> {
  const out = new Set<string>();
  for (const e of ctx.previousErrors) if (e.estimator !== null) out.add(e.estimator);
  out.delete(ctx.spec.estimator.name);
  return out;
}

/**
 * Why a canonical fix counts as tried, or null: it was applied in an earlier recovery attempt of this
 * trial, or it switches to an estimator that already failed in this run.
 */
export function whyTried(ctx: ErrorContext, fix: Action, failed = failedEstimators(ctx)): string | null {
  if (ctx.triedFixes.some((t) => sameFix(canonical(t, ctx) ?? t, fix))) {
    return `${label(fix)} was already tried in an earlier recovery attempt of this trial.`;
  }
  if (fix.action === "change_model" && failed.has(String(fix.value))) {
    return `change_model = ${String(fix.value)}: that estimator already failed in this run.`;
  }
  return null;
}

/** The canonical form of a recorded fix (spelling normalised), or null when it no longer validates. */
function canonical(fix: Action, ctx: ErrorContext): Action | null {
  const r = validateAction(fix, actionContextOf(ctx));
  return r.ok ? r.action : null;
}
