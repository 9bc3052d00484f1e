/** A rough 0..100 data-quality score: 100 minus documented penalties, each with a reason in plain words. */
import type { Task } from "../task.js";
import type { ColumnProfile } from "./column-schema.js";
import type { LeakageSuspect, Quality, QualityReason, TargetAnalysis } from "./profile-schema.js";

export interface QualityInput {
  nRows: number;
  columns: readonly ColumnProfile[];
  duplicateRows: number;
  missingCells: number;
  task: Task;
  target: TargetAnalysis | null;
  leakage: readonly LeakageSuspect[];
}

/** Categorical columns with more levels than this and fewer than 10 rows per level are high-cardinality. */
export const HIGH_CARDINALITY_LEVELS = 50;

const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
const names = (cs: readonly { name: string }[], max = 5) =>
  cs
    .slice(0, max)
    .map((c) => `'${c.name}'`)
    .join(", ") + (cs.length > max ? ` and ${cs.length - max} more` : "");
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Penalties (points off 100):
 * missing cells min(20, 40 × rate); columns over half missing 2 each (≤ 10); duplicate rows
 * min(10, 50 × rate); constant columns 2 each (≤ 10); near-constant 1 each (≤ 5); ID-like features
 * 2 each (≤ 6); leakage suspects 15 each (≤ 30); high-cardinality categoricals 2 each (≤ 6); class
 * imbalance 5 at ≥ 10:1, 10 at ≥ 100:1; too few rows 25 below 50, 15 below 100, 5 below 500;
 * missing target min(10, 20 × rate).
 */
export function scoreQuality(input: QualityInput): Quality {
  const { nRows, columns } = input;
  const reasons: QualityReason[] = [];
  const add = (issue: QualityReason["issue"], penalty: number, message: string) => {
    // Tiny penalties still show as 0.1: the reason is worth reading even when it barely costs.
    if (penalty > 0) reasons.push({ issue, penalty: Math.max(0.1, round1(penalty)), message });
  };
  const features = columns.filter((c) => c.role !== "target");

  const cells = nRows * columns.length;
  if (input.missingCells > 0 && cells > 0) {
    const rate = input.missingCells / cells;
    const worst = [...columns].filter((c) => c.missing > 0).sort((a, b) => b.missing - a.missing);
    add(
      "missing-values",
      Math.min(20, 40 * rate),
      `${pct(rate)} of cells are missing (most in ${names(worst, 3)}): impute them, or use a model that handles missing values`,
    );
  }
  const mostlyMissing = features.filter((c) => c.missingRate > 0.5);
  add(
    "mostly-missing-columns",
    Math.min(10, 2 * mostlyMissing.length),
    `${names(mostlyMissing)} ${mostlyMissing.length === 1 ? "is" : "are"} more than half missing: consider dropping ${mostlyMissing.length === 1 ? "it" : "them"}`,
  );
  if (input.duplicateRows > 0 && nRows > 0) {
    const rate = input.duplicateRows / nRows;
    add(
      "duplicate-rows",
      Math.min(10, 50 * rate),
      `${input.duplicateRows.toLocaleString("en-US")} rows (${pct(rate)}) repeat an earlier row: drop them, or they leak between folds`,
    );
  }
  const constant = features.filter((c) => c.flags.constant);
  add(
    "constant-columns",
    Math.min(10, 2 * constant.length),
    `${names(constant)} hold${constant.length === 1 ? "s" : ""} a single value: drop ${constant.length === 1 ? "it" : "them"}, nothing can be learnt from ${constant.length === 1 ? "it" : "them"}`,
  );
  const near = features.filter((c) => c.flags.nearConstant);
  add(
    "near-constant-columns",
    Math.min(5, near.length),
    `${names(near)} ${near.length === 1 ? "is" : "are"} the same value in at least 99% of rows: little signal`,
  );
  const ids = features.filter((c) => c.flags.idLike);
  add(
    "id-like-columns",
    Math.min(6, 2 * ids.length),
    `${names(ids)} look${ids.length === 1 ? "s" : ""} like row identifiers: drop ${ids.length === 1 ? "it" : "them"} before training`,
  );
  add(
    "leakage",
    Math.min(30, 15 * input.leakage.length),
    `${names(input.leakage.map((l) => ({ name: l.column })))} alone predict${input.leakage.length === 1 ? "s" : ""} the target almost perfectly: check ${input.leakage.length === 1 ? "it is" : "they are"} known at prediction time, else drop ${input.leakage.length === 1 ? "it" : "them"}`,
  );
  const highCard = features.filter(
    (c) =>
      c.kind === "categorical" &&
      !c.flags.idLike &&
      c.cardinality > HIGH_CARDINALITY_LEVELS &&
      c.cardinality * 10 > nRows - c.missing,
  );
  add(
    "high-cardinality",
    Math.min(6, 2 * highCard.length),
    `${names(highCard)} ha${highCard.length === 1 ? "s" : "ve"} many levels with fewer than 10 rows each: prefer target or frequency encoding to one-hot`,
  );
  const cls = input.target?.classification;
  if (cls && (input.task === "binary" || input.task === "multiclass")) {
    const r = cls.imbalanceRatio;
    add(
      "class-imbalance",
      r >= 100 ? 10 : r >= 10 ? 5 : 0,
      `class '${cls.minorityClass}' is ${r.toFixed(1)}× rarer than '${cls.majorityClass}': use class weights and stratified folds, and judge by ROC-AUC or F1 rather than accuracy`,
    );
  }
  add(
    "too-few-rows",
    nRows < 50 ? 25 : nRows < 100 ? 15 : nRows < 500 ? 5 : 0,
    `only ${nRows.toLocaleString("en-US")} rows: scores will be noisy; prefer simple models and repeated cross-validation`,
  );
  if (input.target && input.target.missing > 0) {
    add(
      "missing-target",
      Math.min(10, 20 * input.target.missingRate),
      `${input.target.missing.toLocaleString("en-US")} rows (${pct(input.target.missingRate)}) have no target value: they will be dropped`,
    );
  }

  reasons.sort((a, b) => b.penalty - a.penalty);
  const total = reasons.reduce((s, r) => s + r.penalty, 0);
  return { score: Math.max(0, Math.min(100, Math.round(100 - total))), reasons };
}
