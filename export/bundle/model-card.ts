/** The model card: what was trained on what, how well it scored, what to watch, and how to run it. */
import type { FittedPipeline } from "../../loop/fitted-pipeline.js";
import { type BundleManifest, ONNX_NOT_WRITTEN } from "./bundle-manifest.js";

/** The parts of a run report the card and metrics use (all optional: a bare pipeline has none). */
export interface CardMetrics {
  metric: string;
  cvScore: number | null;
  testScore: number | null;
  trainingSeconds: number | null;
  trials: Record<string, number> | null;
  stoppedBecause: string | null;
  verdict: string | null;
  findings: string[];
  notes: string[];
  rows: number | null;
}

function fmt(v: number | null): string {
  return v === null ? "—" : Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

/** Renders model-card.md. */
export function renderModelCard(
  manifest: Omit<BundleManifest, "files">,
  pipeline: FittedPipeline,
  m: CardMetrics,
): string {
  const lines: string[] = [];
  lines.push(`# Model card: ${pipeline.task} model of '${pipeline.target}'`, "");
  lines.push(
    `Written by Alchemist ${manifest.alchemistVersion} (bundle format ${manifest.bundleVersion}) on ${manifest.createdAt}${manifest.runId ? `, run ${manifest.runId}` : ""}.`,
    "",
  );
  lines.push("## Data", "");
  lines.push(`- target: \`${pipeline.target}\` (${pipeline.task})`);
  if (pipeline.classes !== null)
    lines.push(`- classes: ${pipeline.classes.map((c) => `\`${c}\``).join(", ")}`);
  if (m.rows !== null) lines.push(`- training rows: ${m.rows}`);
  lines.push(
    `- input columns (${manifest.inputs.length}): ${manifest.inputs.map((i) => `\`${i.name}\` (${i.kind})`).join(", ")}`,
  );
  lines.push("", "## Scores", "");
  lines.push("| metric | cross-validation | sealed test |", "| --- | --- | --- |");
  lines.push(`| ${m.metric} | ${fmt(m.cvScore)} | ${fmt(m.testScore)} |`, "");
  if (m.trainingSeconds !== null) lines.push(`Training time: ${m.trainingSeconds.toFixed(1)} s.`);
  if (m.trials !== null)
    lines.push(
      `Trials: ${Object.entries(m.trials)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}.`,
    );
  if (m.stoppedBecause !== null) lines.push(`Stopped because: ${m.stoppedBecause}.`);
  lines.push("", "## Model", "");
  lines.push("| member | estimator | weight | steps |", "| --- | --- | --- | --- |");
  for (const mem of pipeline.members) {
    lines.push(
      `| ${mem.seq}${mem.fold !== undefined ? ` (fold ${mem.fold})` : ""} | ${mem.model.estimator} | ${mem.weight.toFixed(3)} | ${mem.spec.steps.map((s) => s.type).join(" → ") || "none"} |`,
    );
  }
  lines.push("", "## Diagnostics", "");
  if (m.verdict !== null) lines.push(`Reviewer verdict: ${m.verdict}.`, "");
  const notes = [...m.findings, ...m.notes];
  if (notes.length === 0) lines.push("No findings were recorded.");
  for (const n of notes) lines.push(`- ${n}`);
  lines.push("", "## ONNX", "");
  if (manifest.onnx.file !== null) {
    lines.push(
      `\`${manifest.onnx.file}\` reproduces the pipeline (preprocessing, model${pipeline.members.length > 1 ? "s and blend" : ""}).`,
      "One input per raw column, shape [N, 1]: numbers (and booleans as 0/1) as double with NaN for missing,",
      'categories and text as string with "" for missing. Outputs: ' +
        (pipeline.classes !== null
          ? "`label` (string [N]) and `probabilities` (double [N, K], class order above)."
          : "`prediction` (double [N])."),
    );
  } else if (manifest.onnx.reasons.includes(ONNX_NOT_WRITTEN)) {
    lines.push(
      `No ONNX file in this bundle: ${ONNX_NOT_WRITTEN.replace("not written with this bundle: ", "")} to add one.`,
    );
  } else {
    lines.push(
      "No ONNX file: this pipeline has no faithful ONNX form, and a half-right export would be worse than none.",
    );
    for (const r of manifest.onnx.reasons) lines.push(`- ${r}`);
  }
  lines.push(
    "",
    "## Use",
    "",
    "```",
    "alchemist predict <bundle dir> new-rows.csv [--proba] > predictions.csv",
    "```",
    "",
  );
  return lines.join("\n");
}
