/** The honest evaluation of a documents → SLM run: coverage, data volume, loss curves, held-out overlap, verdicts. */
import { tokenF1 } from "../../agents/qa-writer/index.js";

export interface TrainingSummary {
  backend: string;
  model: string;
  /** True for the tiny randomly initialised model (a pipeline check). */
  tiny: boolean;
  steps: { step: number; loss: number }[];
  evals: { step: number; evalLoss: number }[];
  generations: { index: number; text: string }[];
}

export interface SlmEvaluationInput {
  documentsProvided: number;
  documentsProcessed: number;
  skipped: { file: string; reason: string; code: string }[];
  chunksKept: number;
  chunksRemoved: number;
  pairs: number;
  pairsTarget: number;
  drafted: number;
  citationCoverage: number;
  duplicatePairs: number;
  trainPairs: number;
  evalPairs: number;
  splitMode: "document" | "chunk" | "none";
  /** Null when no trainer ran; `trainerNote` says why. */
  training: TrainingSummary | null;
  trainerNote?: string;
  /** Reference answers of the eval file, in its order (generations index into it). */
  evalReferences: string[];
}

export type VerdictKind =
  | "no_data"
  | "undertrained"
  | "skipped_documents"
  | "weak_grounding"
  | "repetitive_corpus"
  | "no_heldout"
  | "heldout_by_chunk"
  | "not_trained"
  | "not_learning"
  | "overfit"
  | "generalisation_gap"
  | "pipeline_check"
  | "low_heldout_overlap"
  | "ok";

export interface Verdict {
  kind: VerdictKind;
  severity: "high" | "medium" | "info";
  text: string;
}

export interface LossSummary {
  /** Mean of the first few step losses, and of the last few (single steps are noisy). */
  trainStart: number;
  trainEnd: number;
  trainFell: boolean;
  evalStart: number | null;
  evalEnd: number | null;
  evalMin: number | null;
  /** Last eval loss minus the smoothed last train loss. */
  gap: number | null;
}

export interface SlmEvaluation {
  documentsProvided: number;
  documentsProcessed: number;
  pairs: number;
  pairsTarget: number;
  citationCoverage: number;
  /** Share of chunks removed as near-duplicates. */
  dedupRate: number;
  trainPairs: number;
  evalPairs: number;
  splitMode: SlmEvaluationInput["splitMode"];
  loss: LossSummary | null;
  /** Mean token F1 of the model's held-out answers against the references; null when not measured. */
  heldoutAnswerOverlap: number | null;
  heldoutAnswersScored: number;
  verdicts: Verdict[];
}

const WINDOW = 5;
/** The smoothed train loss must end at least this share below its start to count as falling. */
const MIN_FALL = 0.05;
/** Eval loss this share above its minimum, at the end, is rising. */
const RISE = 0.05;

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function summariseLoss(t: TrainingSummary): LossSummary | null {
  if (t.steps.length === 0) return null;
  const losses = t.steps.map((s) => s.loss);
  const w = Math.max(1, Math.min(WINDOW, Math.floor(losses.length / 3)));
  const trainStart = mean(losses.slice(0, w));
  const trainEnd = mean(losses.slice(-w));
  const evals = t.evals.map((e) => e.evalLoss);
  const evalEnd = evals.length > 0 ? evals[evals.length - 1]! : null;
  return {
    trainStart,
    trainEnd,
    trainFell: trainEnd < trainStart * (1 - MIN_FALL),
    evalStart: evals[0] ?? null,
    evalEnd,
    evalMin: evals.length > 0 ? Math.min(...evals) : null,
    gap: evalEnd === null ? null : evalEnd - trainEnd,
  };
}

/** Computes every number of the report and the plain verdicts, worst first. */
export function evaluateSlm(input: SlmEvaluationInput): SlmEvaluation {
  const v: Verdict[] = [];
  const chunksSeen = input.chunksKept + input.chunksRemoved;
  const dedupRate = chunksSeen === 0 ? 0 : input.chunksRemoved / chunksSeen;

  if (input.pairs === 0) {
    v.push({
      kind: "no_data",
      severity: "high",
      text: "no data: no pair passed the citation and quality checks",
    });
  } else if (input.pairs < input.pairsTarget) {
    v.push({
      kind: "undertrained",
      severity: input.pairs < input.pairsTarget / 2 ? "high" : "medium",
      text: `undertrained: ${input.pairs} pairs of ${input.pairsTarget} wanted`,
    });
  }
  if (input.documentsProcessed < input.documentsProvided) {
    const n = input.documentsProvided - input.documentsProcessed;
    const codes = [...new Set(input.skipped.map((s) => s.code))].slice(0, 3).join(", ");
    v.push({
      kind: "skipped_documents",
      severity: input.documentsProcessed === 0 ? "high" : "medium",
      text: `${n} of ${input.documentsProvided} documents skipped${codes ? ` (${codes})` : ""}`,
    });
  }
  if (input.drafted > 0 && input.citationCoverage < 0.8) {
    v.push({
      kind: "weak_grounding",
      severity: input.citationCoverage < 0.5 ? "high" : "medium",
      text: `weak grounding: only ${pct(input.citationCoverage)} of drafted pairs had a verifiable citation`,
    });
  }
  if (dedupRate >= 0.3) {
    v.push({
      kind: "repetitive_corpus",
      severity: "medium",
      text: `repetitive corpus: ${pct(dedupRate)} of chunks were near-duplicates`,
    });
  }
  if (input.splitMode === "none" && input.pairs > 0) {
    v.push({
      kind: "no_heldout",
      severity: "medium",
      text: "no held-out set: too few pairs or chunks to hold any out, so nothing measures generalisation",
    });
  } else if (input.splitMode === "chunk") {
    v.push({
      kind: "heldout_by_chunk",
      severity: "info",
      text: "held out by chunk, not by document: there is only one document",
    });
  }

  let loss: LossSummary | null = null;
  let overlap: number | null = null;
  let scored = 0;
  const t = input.training;
  if (t === null) {
    v.push({
      kind: "not_trained",
      severity: "info",
      text: `not trained: ${input.trainerNote ?? "no trainer ran"}`,
    });
  } else {
    loss = summariseLoss(t);
    if (loss && !loss.trainFell) {
      v.push({
        kind: "not_learning",
        severity: "high",
        text: `not learning: train loss ${fmt(loss.trainStart)} → ${fmt(loss.trainEnd)}`,
      });
    }
    const overfit = overfitting(t);
    if (overfit) v.push({ kind: "overfit", severity: "high", text: overfit });
    else if (
      loss?.gap != null &&
      loss.evalEnd !== null &&
      loss.gap > 0.5 &&
      loss.gap > 0.25 * loss.trainEnd
    ) {
      v.push({
        kind: "generalisation_gap",
        severity: "medium",
        text: `generalisation gap: eval loss ${fmt(loss.evalEnd)} vs train loss ${fmt(loss.trainEnd)}`,
      });
    }
    if (t.tiny) {
      v.push({
        kind: "pipeline_check",
        severity: "info",
        text: "pipeline check only: a tiny randomly initialised model was trained; its answers carry no knowledge (give --base-model for a real one)",
      });
    }
    const f1s: number[] = [];
    for (const g of t.generations) {
      const ref = input.evalReferences[g.index];
      if (ref !== undefined) f1s.push(tokenF1(g.text, ref));
    }
    scored = f1s.length;
    if (scored > 0) {
      overlap = mean(f1s);
      if (overlap < 0.2) {
        v.push({
          kind: "low_heldout_overlap",
          severity: t.tiny ? "info" : "high",
          text: `held-out answers barely match the references: token F1 ${overlap.toFixed(2)} over ${scored} questions`,
        });
      }
    }
  }
  if (!v.some((x) => x.severity !== "info")) {
    v.push({
      kind: "ok",
      severity: "info",
      text: "ok: no problem found in data volume, grounding or the loss curves",
    });
  }
  const rank = { high: 0, medium: 1, info: 2 } as const;
  v.sort((a, b) => rank[a.severity] - rank[b.severity]);
  return {
    documentsProvided: input.documentsProvided,
    documentsProcessed: input.documentsProcessed,
    pairs: input.pairs,
    pairsTarget: input.pairsTarget,
    citationCoverage: input.citationCoverage,
    dedupRate,
    trainPairs: input.trainPairs,
    evalPairs: input.evalPairs,
    splitMode: input.splitMode,
    loss,
    heldoutAnswerOverlap: overlap,
    heldoutAnswersScored: scored,
    verdicts: v,
  };
}

/**
 * "overfit" when the eval loss ends clearly above its minimum while the train loss kept falling after
 * that minimum; the sentence cites both curves.
 */
export function overfitting(t: TrainingSummary): string | null {
  if (t.evals.length < 3) return null;
  let at = 0;
  for (let i = 1; i < t.evals.length; i++) if (t.evals[i]!.evalLoss < t.evals[at]!.evalLoss) at = i;
  const best = t.evals[at]!;
  const last = t.evals[t.evals.length - 1]!;
  if (at === t.evals.length - 1 || last.evalLoss <= best.evalLoss * (1 + RISE)) return null;
  const near = (step: number): number => {
    const around = t.steps.filter((s) => Math.abs(s.step - step) < WINDOW);
    return around.length > 0 ? mean(around.map((s) => s.loss)) : Number.NaN;
  };
  const trainAtBest = near(best.step);
  const trainAtLast = near(last.step);
  if (!(trainAtLast < trainAtBest)) return null;
  return `overfit: eval loss rising while train loss falls (eval ${fmt(best.evalLoss)} at step ${best.step} → ${fmt(last.evalLoss)} at step ${last.step}; train ${fmt(trainAtBest)} → ${fmt(trainAtLast)})`;
}
