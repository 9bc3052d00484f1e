/** The recoveries of a run, read from its trials and decisions: what failed, the diagnosis, each fix, the outcome. */
import type { DecisionSummary } from "./run-result.js";
import { succeeded, type Trial } from "./trial.js";

export interface RecoveryAttempt {
  seq: number;
  /** `action = value` (`set_hyperparameter param = value`). */
  fix: string;
  via: "fix" | "fallback";
  /** The diagnosis behind the fix, and the agent tier that made it. */
  root_cause: string;
  category: string;
  tier: string;
  status: Trial["status"];
  score: number | null;
}

export interface RecoverySummary {
  /** Seq of the trial that failed first. */
  failed: number;
  estimator: string;
  error: { code: string; message: string };
  attempts: RecoveryAttempt[];
  /** healed: a retry scored; not_healed: every retry failed; not_retried: recovery gave up or was not asked. */
  outcome: "healed" | "not_healed" | "not_retried";
  /** Why recovery gave up on this failure (the reason it was not retried, else the diagnosis), when it said. */
  reason: string | null;
}

/** Why recovery gave up, as the loop recorded it (`not_retried`), else the diagnosis's root cause. */
function reasonOf(output: unknown): string | null {
  const o = output as { root_cause?: unknown; not_retried?: unknown } | null;
  if (typeof o?.not_retried === "string") return o.not_retried;
  return typeof o?.root_cause === "string" ? o.root_cause : null;
}

/**
 * One summary per failure that did not come from a retry (a failed or timed-out trial with no
 * `recovery`), its retries in order. A diagnosis recorded without a retry (recovery agent,
 * not accepted) on a trial of the chain gives the reason.
 */
export function summarizeRecoveries(
  trials: readonly Trial[],
  decisions: readonly Pick<DecisionSummary, "seq" | "agent" | "accepted" | "output">[],
): RecoverySummary[] {
  const out: RecoverySummary[] = [];
  for (const root of trials) {
    if (root.recovery || (root.status !== "failed" && root.status !== "timed_out")) continue;
    const retries = trials.filter((t) => t.recovery?.of === root.seq);
    const chainSeqs = new Set([root.seq, ...retries.map((t) => t.seq)]);
    const gaveUp = decisions.filter(
      (d) => d.agent === "recovery" && !d.accepted && d.seq !== null && chainSeqs.has(d.seq),
    );
    const attempts = retries.map((t): RecoveryAttempt => {
      const r = t.recovery as NonNullable<Trial["recovery"]>;
      const param = r.fix.param !== undefined ? ` ${r.fix.param}` : "";
      return {
        seq: t.seq,
        fix: `${r.fix.action}${param} = ${String(r.fix.value)}`,
        via: r.via,
        root_cause: r.rootCause,
        category: r.category,
        tier: r.tier,
        status: t.status,
        score: t.score,
      };
    });
    const reason = gaveUp.length > 0 ? reasonOf(gaveUp[gaveUp.length - 1]?.output) : null;
    out.push({
      failed: root.seq,
      estimator: root.spec.estimator.name,
      error: { code: root.error?.code ?? root.status, message: root.error?.message ?? "" },
      attempts,
      outcome: retries.some(succeeded) ? "healed" : retries.length > 0 ? "not_healed" : "not_retried",
      reason,
    });
  }
  return out;
}
