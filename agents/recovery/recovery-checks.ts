/** The recovery agent's semantic gate: every fix valid and executable on the failing state, untried, and consistent. */
import { normalizeName } from "../../actions/index.js";
import { dataBlock, promptJson } from "../contract/agent-prompt.js";
import type { ErrorContext } from "./error-context.js";
import { patternFixes } from "./failure-patterns.js";
import { checkFix, failedEstimators, label, sameFix, sceneOfFailure, whyTried } from "./fix-check.js";
import type { RecoveryOutput } from "./recovery-schema.js";

/** Quoted rejections are cut to this many characters of JSON (the contract caps a problem list at 2000). */
const MAX_QUOTED = 600;

/**
 * A rejected fix as the repair turn shows it. drop_column messages quote column names (user data):
 * they go inside a data block. Others hold only our names and the model's own words, `<` escaped.
 */
function rejection(i: number, raw: unknown, problem: string): string {
  const name = (raw as { action?: unknown } | null)?.action;
  if (typeof name === "string" && normalizeName(name) === "drop_column") {
    let quoted = problem;
    while (promptJson(quoted).length > MAX_QUOTED)
      quoted = `${quoted.slice(0, Math.floor(quoted.length * 0.8))}…`;
    return `fixes[${i}]: the drop_column fix is rejected for the reason quoted below as data (it names columns):\n${dataBlock("rejection", quoted)}`;
  }
  return `fixes[${i}]: ${problem.replaceAll("<", "\\u003c")}`;
}

/** The agent's `validate` hook: one string per violation. */
export function checkRecovery(value: RecoveryOutput, ctx: ErrorContext): string[] {
  const scene = sceneOfFailure(ctx);
  const failed = failedEstimators(ctx);
  const problems: string[] = [];
  const seen: ReturnType<typeof checkFix>[] = [];
  value.fixes.forEach((raw, i) => {
    const r = checkFix(raw, scene);
    if (!r.ok) {
      problems.push(rejection(i, raw, r.problem));
      return;
    }
    const tried = whyTried(ctx, r.action, failed);
    if (tried !== null) {
      problems.push(rejection(i, raw, `${tried} Propose a fix that was not tried.`));
    } else if (seen.some((s) => s.ok && sameFix(s.action, r.action))) {
      problems.push(`fixes[${i}]: repeats an earlier fix; give distinct alternatives.`);
    }
    seen.push(r);
  });
  if (value.recoverable && value.fixes.length === 0) {
    problems.push(
      "recoverable is true but fixes is empty: give 1 to 3 fixes from the menu, or set recoverable to false when no action of the menu can remove the cause.",
    );
  }
  if (!value.recoverable && value.category !== "data" && value.category !== "target") {
    const known = patternFixes(ctx);
    const open = known.fixes.find((f) => f.action !== "drop_column");
    if (known.primary.recoverable(ctx) && open !== undefined) {
      problems.push(
        `recoverable is false, but a ${value.category} failure is not a fault of the data and the menu still has untried fixes (e.g. \`${label(open)}\`): set recoverable to true and propose fixes.`,
      );
    }
  }
  return problems;
}
