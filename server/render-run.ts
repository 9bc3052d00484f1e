/** The end of `alchemist run` on a terminal: outcome, leaderboard, where the files are. */
import { METRICS } from "../evaluate/metrics/registry.js";
import { fmt } from "../loop/render-report.js";
import type { RunResult } from "../loop/run-result.js";

export function renderRunResult(r: RunResult): string {
  const m = METRICS[r.metric];
  const lines: string[] = [];
  lines.push(`Run ${r.run_id}: ${r.task}, ${r.metric} ${m.direction === "max" ? "↑" : "↓"}`);
  lines.push(
    `  CV ${fmt(r.cv_score)}   test ${fmt(r.test_score)}   ${r.trials.total} trials   ${r.seconds.toFixed(1)} s   stopped: ${r.stopped_because.replaceAll("_", " ")}`,
  );
  const model = r.best_pipeline.members
    .map(
      (mem) => `${mem.spec.estimator.name}${r.best_pipeline.ensembled ? ` ×${mem.weight.toFixed(2)}` : ""}`,
    )
    .join(" + ");
  const folds = r.best_pipeline.fold_models;
  lines.push(
    `  final model: ${model}${folds !== undefined ? ` (${folds} fold models each, not refitted)` : ""}`,
    "",
  );
  lines.push("  rank  trial  estimator                            score      ± std   phase");
  for (const row of r.leaderboard.slice(0, 10)) {
    lines.push(
      `  ${String(row.rank).padStart(4)}  ${String(row.seq).padStart(5)}  ${row.estimator.padEnd(35)}  ${fmt(row.score).padStart(9)}  ${fmt(row.std).padStart(9)}   ${row.phase}`,
    );
  }
  const healed = r.recoveries.filter((f) => f.outcome === "healed").length;
  if (r.recoveries.length > 0)
    lines.push(
      "",
      `  ${r.recoveries.length} failed trial${r.recoveries.length === 1 ? "" : "s"}, ${healed} healed by recovery (see the report's Recoveries)`,
    );
  lines.push("");
  for (const [kind, path] of Object.entries(r.artifacts)) lines.push(`  ${kind.padEnd(12)} ${path}`);
  for (const note of r.notes) lines.push(`  note: ${note}`);
  return `${lines.join("\n")}\n`;
}
