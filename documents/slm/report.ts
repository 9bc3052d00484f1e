/** The documents → SLM report: one JSON object (report.json) and its Markdown rendering (report.md). */
import type { GgufExport } from "../../export/slm/index.js";
import type { DropReason } from "../qa/qa-pair.js";
import type { DroppedPair } from "../qa/synthesize.js";
import type { SlmEvaluation } from "./evaluation.js";

export interface TrainerReport {
  status: "trained" | "not_requested" | "unavailable" | "failed" | "no_data";
  /** One sentence: which backend and why, or why none ran (with what to install). */
  why: string;
  backend?: string;
  model?: string;
  device?: string;
  steps?: number;
  trainLoss?: number | null;
  evalLoss?: number | null;
  tokensPerSecond?: number | null;
  seconds?: number;
  adapterDir?: string;
  /** Loss curve, at most ~50 points. */
  curve?: { step: number; loss: number; evalLoss?: number }[];
}

export interface SlmReport {
  version: 1;
  createdAt: string;
  folder: string;
  out: string;
  llm: string;
  documents: {
    provided: number;
    processed: number;
    skipped: { file: string; reason: string; code: string }[];
  };
  chunks: { kept: number; removed: number };
  pairs: {
    target: number;
    kept: number;
    drafted: number;
    cited: number;
    citationCoverage: number;
    dropped: Record<DropReason, number>;
    droppedExamples: DroppedPair[];
    tiers: Record<"structured" | "json" | "heuristic", number>;
    model: string | null;
  };
  split: { mode: "document" | "chunk" | "none"; train: number; eval: number; evalFiles: string[] };
  dpo: { records: number; file: string } | null;
  trainer: TrainerReport;
  export: { gguf: GgufExport | null; modelfile: string | null };
  files: Record<string, string>;
  evaluation: SlmEvaluation;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits);

/** Markdown for people: verdicts first, then the numbers behind them. */
export function renderReportMarkdown(r: SlmReport): string {
  const e = r.evaluation;
  const out: string[] = [];
  out.push(`# Documents → SLM report`, "");
  out.push(
    `Folder \`${r.folder}\`, written ${r.createdAt}. Q&A writer: ${r.llm === "none" ? "heuristic (no LLM)" : r.llm}.`,
    "",
  );
  out.push("## Verdicts", "");
  for (const v of e.verdicts) out.push(`- **${v.severity}** — ${v.text}`);
  out.push("", "## Numbers", "");
  out.push("| measure | value |", "| --- | --- |");
  const rows: [string, string][] = [
    ["documents processed / provided", `${e.documentsProcessed} / ${e.documentsProvided}`],
    [
      "chunks kept / removed as near-duplicates",
      `${r.chunks.kept} / ${r.chunks.removed} (dedup rate ${pct(e.dedupRate)})`,
    ],
    ["pairs made / target", `${e.pairs} / ${e.pairsTarget}`],
    ["pairs drafted / with a verified citation", `${r.pairs.drafted} / ${r.pairs.cited}`],
    ["citation coverage", pct(e.citationCoverage)],
    ["train / held-out pairs", `${e.trainPairs} / ${e.evalPairs} (split by ${e.splitMode})`],
    ["train loss (start → end)", e.loss ? `${num(e.loss.trainStart)} → ${num(e.loss.trainEnd)}` : "—"],
    [
      "eval loss (start → end, min)",
      e.loss ? `${num(e.loss.evalStart)} → ${num(e.loss.evalEnd)} (min ${num(e.loss.evalMin)})` : "—",
    ],
    ["train/eval loss gap", num(e.loss?.gap)],
    [
      "held-out answer overlap (token F1)",
      e.heldoutAnswerOverlap === null
        ? "not measured"
        : `${num(e.heldoutAnswerOverlap, 2)} over ${e.heldoutAnswersScored} questions`,
    ],
  ];
  for (const [k, v] of rows) out.push(`| ${k} | ${v} |`);
  out.push("", "## Trainer", "");
  out.push(`Status: **${r.trainer.status}** — ${r.trainer.why}`);
  if (r.trainer.status === "trained") {
    out.push(
      "",
      `Backend ${r.trainer.backend}, model ${r.trainer.model} on ${r.trainer.device}; ${r.trainer.steps} steps in ${num(r.trainer.seconds, 1)} s (${num(r.trainer.tokensPerSecond, 0)} tokens/s). Adapter: \`${r.trainer.adapterDir}\`.`,
    );
  }
  out.push("", "## Export", "");
  const g = r.export.gguf;
  out.push(
    `- GGUF: ${g === null ? "not attempted (no trained model)" : g.status === "written" ? `\`${g.path}\`` : `${g.status} — ${g.reason}`}`,
  );
  out.push(
    `- Ollama Modelfile: ${r.export.modelfile ? `\`${r.export.modelfile}\`` : "not written (no trained model)"}`,
  );
  out.push("", "## Q&A synthesis", "");
  out.push(
    `Chunks used ${r.pairs.tiers.structured + r.pairs.tiers.json + r.pairs.tiers.heuristic}: structured ${r.pairs.tiers.structured}, JSON ${r.pairs.tiers.json}, heuristic ${r.pairs.tiers.heuristic}.`,
    "",
  );
  const dropped = Object.entries(r.pairs.dropped).filter(([, n]) => n > 0);
  if (dropped.length > 0) {
    out.push("Dropped drafts:", "");
    for (const [k, n] of dropped) out.push(`- ${k}: ${n}`);
    out.push("");
  }
  if (r.split.evalFiles.length > 0)
    out.push(`Held-out documents: ${r.split.evalFiles.map((f) => `\`${f}\``).join(", ")}.`, "");
  if (r.documents.skipped.length > 0) {
    out.push("## Skipped documents", "");
    for (const s of r.documents.skipped.slice(0, 50)) out.push(`- \`${s.file}\` (${s.code}): ${s.reason}`);
    if (r.documents.skipped.length > 50) out.push(`- and ${r.documents.skipped.length - 50} more`);
    out.push("");
  }
  out.push("## Files", "");
  for (const [k, v] of Object.entries(r.files)) out.push(`- ${k}: \`${v}\``);
  return `${out.join("\n")}\n`;
}

/** Thins a curve to about `points` entries, keeping the first and last step. */
export function thinCurve(
  steps: { step: number; loss: number }[],
  evals: { step: number; evalLoss: number }[],
  points = 50,
): { step: number; loss: number; evalLoss?: number }[] {
  const every = Math.max(1, Math.ceil(steps.length / points));
  const evalAt = new Map(evals.map((e) => [e.step, e.evalLoss]));
  return steps
    .filter((s, i) => i % every === 0 || i === steps.length - 1 || evalAt.has(s.step))
    .map((s) => {
      const ev = evalAt.get(s.step);
      return ev === undefined ? { step: s.step, loss: s.loss } : { step: s.step, loss: s.loss, evalLoss: ev };
    });
}
