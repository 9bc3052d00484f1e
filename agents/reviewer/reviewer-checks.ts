/** Semantic checks of a reviewer answer: findings that contradict each other or the input. */
import type { ReviewerInput, ReviewerOutput } from "./reviewer-schema.js";

export function checkReviewerOutput(value: ReviewerOutput, input: ReviewerInput): string[] {
  const out: string[] = [];
  const okAt = value.findings.findIndex((x) => x.kind === "ok");
  if (okAt >= 0 && value.findings.some((x) => x.kind !== "ok" && x.severity !== "low")) {
    out.push(`findings[${okAt}]: an 'ok' finding contradicts the medium or high severity findings beside it`);
  }
  const suspects = input.diagnostics?.leakageSuspects ?? [];
  if (suspects.length > 0 && !value.findings.some((x) => x.kind === "leakage")) {
    out.push(
      `findings: the diagnostics list leakage suspects (${suspects
        .slice(0, 5)
        .map((s) => JSON.stringify(s))
        .join(", ")}); a 'leakage' finding must address them`,
    );
  }
  return out;
}
