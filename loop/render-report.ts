/** The run report in Markdown: outcome, why it stopped, final model, leaderboard, recoveries, review, decisions, notes. */
import { METRICS } from "../evaluate/metrics/registry.js";
import type { RecoverySummary } from "./recoveries.js";
import type { RunData } from "./run-data.js";
import type { RunResult } from "./run-result.js";

const STOP_TEXT: Record<RunResult["stopped_because"], string> = {
  goal_reached: "the goal score was reached",
  plateau: "the score stopped improving (plateau)",
  trial_budget: "the trial budget was used",
  time_budget: "the time budget was used",
  money_budget: "the LLM money budget was spent",
  search_exhausted: "nothing new was left to try",
  cancelled: "the run was cancelled",
};

/** A score for people: 2 decimals from 100 up, else 4; "—" when absent or not finite. */
export function fmt(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "—";
  return Math.abs(v) >= 100 ? v.toFixed(2) : v.toFixed(4);
}

function stepsOf(spec: RunResult["best_pipeline"]["members"][number]["spec"]): string {
  return spec.steps.map((s) => s.type).join(" → ") || "(defaults)";
}

const OUTCOME_TEXT: Record<RecoverySummary["outcome"], string> = {
  healed: "healed",
  not_healed: "not healed",
  not_retried: "not retried",
};

/** One item per failure: what failed, then each retry with its diagnosis and result. */
function recoveryLines(recoveries: readonly RecoverySummary[]): string[] {
  const lines: string[] = [];
  for (const f of recoveries) {
    const why = f.reason !== null ? ` (${f.reason})` : "";
    lines.push(
      `- Trial ${f.failed} (${f.estimator}) failed with ${f.error.code}: ${oneLine(f.error.message)} — **${OUTCOME_TEXT[f.outcome]}**${why}`,
    );
    for (const a of f.attempts) {
      const result = a.score !== null ? `${a.status}, ${fmt(a.score)}` : a.status;
      lines.push(
        `  - trial ${a.seq}: ${a.via === "fallback" ? "fallback " : ""}${a.fix} → ${result}; diagnosis (${a.tier}, ${a.category}): ${oneLine(a.root_cause)}`,
      );
    }
  }
  return lines;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export function renderReport(r: RunResult, data: RunData): string {
  const m = METRICS[r.metric];
  const arrow = m.direction === "max" ? "↑" : "↓";
  const out: string[] = [];
  out.push(`# Alchemist run ${r.run_id}`, "");
  out.push(`- Task: **${r.task}**, target \`${data.target}\`, ${data.frame.nRows} training rows`);
  out.push(`- Metric: **${r.metric}** ${arrow}`);
  out.push(`- CV score of the final model: **${fmt(r.cv_score)}**`);
  out.push(`- Test score (sealed, scored once): **${fmt(r.test_score)}**`);
  out.push(
    `- Trials: ${r.trials.total} (${r.trials.ok} ok, ${r.trials.recovered} recovered, ${r.trials.failed} failed, ${r.trials.timed_out} timed out)`,
  );
  out.push(`- Stopped because ${STOP_TEXT[r.stopped_because]}; ${r.seconds.toFixed(1)} s in all`, "");
  out.push("## Final model", "");
  const folds = r.best_pipeline.fold_models;
  out.push(
    `${
      r.best_pipeline.ensembled
        ? "A weighted ensemble (greedy selection over out-of-fold predictions)"
        : "A single pipeline"
    }${folds !== undefined ? `, not refitted: each trial's ${folds} cross-validation fold models, averaged` : ""}:`,
    "",
  );
  out.push("| trial | weight | estimator | steps |", "| ---: | ---: | --- | --- |");
  for (const mem of r.best_pipeline.members) {
    out.push(`| ${mem.seq} | ${mem.weight.toFixed(3)} | ${mem.spec.estimator.name} | ${stepsOf(mem.spec)} |`);
  }
  out.push("", "## Leaderboard (cross-validated)", "");
  out.push(`| rank | trial | estimator | ${r.metric} | ± std | fit s | phase | origin |`);
  out.push("| ---: | ---: | --- | ---: | ---: | ---: | --- | --- |");
  for (const row of r.leaderboard.slice(0, 25)) {
    out.push(
      `| ${row.rank} | ${row.seq} | ${row.estimator} | ${fmt(row.score)} | ${fmt(row.std)} | ${row.fitSeconds.toFixed(2)} | ${row.phase} | ${row.origin} |`,
    );
  }
  if (r.leaderboard.length > 25) out.push("", `(${r.leaderboard.length - 25} more in leaderboard.csv)`);
  if (r.recoveries.length > 0) out.push("", "## Recoveries", "", ...recoveryLines(r.recoveries));
  if (r.review !== null) {
    out.push("", "## Review", "", r.review.verdict, "");
    for (const f of r.review.findings) out.push(`- **${f.kind}** (${f.severity}): ${f.evidence}`);
    out.push("", "Next steps:", "");
    for (const s of r.review.nextSteps) out.push(`- ${s.action} — ${s.why}`);
    out.push("", `Confidence: ${r.review.confidence}.`);
  }
  if (r.decisions.length > 0) {
    out.push("", "## Decisions", "");
    for (const d of r.decisions.filter((x) => x.agent !== "reviewer" && x.agent !== "recovery")) {
      const o = d.output as {
        action?: { action?: string; value?: unknown; param?: string };
        rationale?: string;
      };
      const what = o.action
        ? `${o.action.action}${o.action.param ? `.${o.action.param}` : ""} = ${JSON.stringify(o.action.value)}`
        : "";
      out.push(
        `- ${d.agent} (${d.tier})${d.seq !== null ? ` → trial ${d.seq}` : ""}: ${what}${o.rationale ? ` — ${o.rationale}` : ""}`,
      );
    }
  }
  if (r.notes.length > 0) out.push("", "## Notes", "", ...r.notes.map((n) => `- ${n}`));
  return `${out.join("\n")}\n`;
}
