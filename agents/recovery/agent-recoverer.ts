/** createAgentRecoverer: the loop's Recoverer backed by the recovery agent (LLM tiers, then the pattern library). */
import type { Action } from "../../actions/index.js";
import { isAlchemistError } from "../../core/errors.js";
import type { LlmGateway } from "../../llm/types.js";
import type { RecoveryRequest, RecoveryResult, Recoverer } from "../../loop/recoverer.js";
import { type Trial, trialKey } from "../../loop/trial.js";
import { errorContextFrom } from "./error-context.js";
import { MODEL_FALLBACK_CHAINS, nextFallback } from "./fallback-chains.js";
import { label } from "./fix-check.js";
import { applyFix, diagnoseFailure } from "./recover.js";

export interface AgentRecovererOptions {
  gateway: LlmGateway;
  /** Per-call LLM timeout in ms (the gateway's default otherwise). */
  timeoutMs?: number;
}

function fixOf(t: Trial): Action | null {
  const f = t.recovery?.fix;
  if (f === undefined) return null;
  return f.param !== undefined
    ? { action: f.action, value: f.value, param: f.param }
    : { action: f.action, value: f.value };
}

/**
 * A Recoverer for the loop. Each `recover` builds the ErrorContext of the failed trial (its error, the
 * run's profile, the earlier errors, the fixes its chain already tried), asks the recovery agent for a
 * diagnosis (structured → JSON + repair → the failure pattern library) and returns the first diagnosed
 * fix that gives a state not evaluated yet. When the diagnosis is recoverable but none of its fixes is
 * new, the task's fallback chain is walked deterministically, to its end (each model whose state is
 * in `request.tried` is passed over). Not recoverable (the cause is in the
 * data): no retry.
 */
export function createAgentRecoverer(options: AgentRecovererOptions): Recoverer {
  return {
    async recover(request: RecoveryRequest): Promise<RecoveryResult> {
      const { failed, chain } = request;
      const root = chain[0] ?? failed;
      const previousErrors = request.trials
        .filter((t) => t.seq !== failed.seq && t.error !== null)
        .map((t) => ({
          code: (t.error as NonNullable<Trial["error"]>).code,
          message: (t.error as NonNullable<Trial["error"]>).message,
          estimator: t.spec.estimator.name,
        }));
      const triedFixes = chain.map(fixOf).filter((f): f is Action => f !== null);
      const ctx = errorContextFrom({
        error: failed.error ?? { code: "INTERNAL", message: `trial ${failed.seq} ${failed.status}` },
        spec: failed.spec,
        settings: failed.settings,
        metric: request.metric,
        profile: request.profile,
        rows: request.rows,
        previousErrors,
        recoveries: chain.length - 1,
        triedFixes,
      });
      let diagnosis: Awaited<ReturnType<typeof diagnoseFailure>>;
      try {
        diagnosis = await diagnoseFailure(ctx, {
          gateway: options.gateway,
          runId: request.runId,
          ...(request.signal !== undefined ? { signal: request.signal } : {}),
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        });
      } catch (e) {
        if (isAlchemistError(e) && e.code === "LLM_BUDGET_EXCEEDED")
          return {
            next: null,
            reason: "the LLM money budget is spent",
            decision: null,
            moneyExhausted: true,
          };
        throw e;
      }
      const decision = diagnosis.decision;
      const base = {
        of: root.seq,
        attempt: chain.length,
        rootCause: diagnosis.rootCause,
        category: diagnosis.category,
        tier: diagnosis.tier,
      };
      if (!diagnosis.recoverable)
        return {
          next: null,
          reason: `not recoverable: ${diagnosis.rootCause}`,
          decision: { ...decision, accepted: false },
        };
      const chainModels = new Set(chain.map((t) => t.spec.estimator.name));
      const fallbacks = new Set(MODEL_FALLBACK_CHAINS[failed.spec.task] ?? []);
      const candidates: Action[] = [...diagnosis.fixes];
      // The whole rest of the chain, in order: when the loop counts a fallback as tried (it is
      // expected to overrun the time left), the next one is the answer.
      const walked = new Set(chainModels);
      for (
        let fallback = nextFallback(failed.spec.task, request.metric, walked);
        fallback !== null;
        fallback = nextFallback(failed.spec.task, request.metric, walked)
      ) {
        walked.add(fallback);
        if (!candidates.some((c) => c.action === "change_model" && c.value === fallback))
          candidates.push({ action: "change_model", value: fallback });
      }
      for (const fix of candidates) {
        let state: ReturnType<typeof applyFix>;
        try {
          state = applyFix(ctx, fix);
        } catch {
          continue;
        }
        if (request.tried.has(trialKey(state.spec, state.settings, failed.resource))) continue;
        const via = fix.action === "change_model" && fallbacks.has(String(fix.value)) ? "fallback" : "fix";
        return {
          next: { spec: state.spec, settings: state.settings, recovery: { ...base, fix, via } },
          decision,
        };
      }
      const tried = candidates.map(label).join("; ") || "none";
      return {
        next: null,
        reason: `no untried fix left (${tried})`,
        decision: { ...decision, accepted: false },
      };
    },
  };
}
