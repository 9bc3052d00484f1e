/**
 * encode target: the smoothed target mean per level. Training rows get out-of-fold encodings, so a
 * row's feature never depends on its own target; transform uses the encodings of all fit rows.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { isClassification } from "../task.js";
import type { FitContext } from "./fit-context.js";
import { identityRows, rowsByClass } from "./numeric-stats.js";
import type { EncodeStep } from "./step-schema.js";
import {
  type CodedWork,
  compareStrings,
  levelIndex,
  levelLookup,
  numericWork,
  type NumericWork,
  replaceColumns,
  uniqueName,
  type WorkTable,
  workOfKind,
} from "./work-table.js";

export const TargetStateSchema = z.object({
  type: z.literal("target"),
  columns: z.array(
    z.object({
      column: z.string(),
      /** Levels seen at fit time. */
      levels: z.array(z.string()),
      /** One feature per target component: 1 for regression and binary (P(class 1)), K for multiclass. */
      features: z.array(z.string()),
      /** `values[f][l]`: encoding of level `l` for feature `f`. */
      values: z.array(z.array(z.number())),
      /** Per feature, the fit-data mean: the encoding of missing and unseen levels. */
      prior: z.array(z.number()),
    }),
  ),
});
export type TargetState = z.infer<typeof TargetStateSchema>;

/**
 * Target components per row, `T[i * F + f]`: F = 1 (the value for regression, "is class 1" for
 * binary) or K one-vs-rest indicators for multiclass.
 */
function targetComponents(y: Float64Array, ctx: FitContext): { T: Float64Array; F: number } {
  const n = y.length;
  if (ctx.task === "multiclass") {
    const F = ctx.classes?.length ?? 0;
    const T = new Float64Array(n * F);
    for (let i = 0; i < n; i++) T[i * F + (y[i] as number)] = 1;
    return { T, F };
  }
  if (ctx.task !== null && isClassification(ctx.task)) return { T: y.map((v) => (v === 1 ? 1 : 0)), F: 1 };
  return { T: y, F: 1 };
}

/**
 * Fold of each row: for regression the shuffled rows dealt round-robin; for classification
 * (`y` = class indices) each class's shuffled rows in turn, the dealer carrying on across classes
 * so every fold gets its share of every class and fold sizes differ by at most one.
 */
export function assignFolds(y: Float64Array, k: number, stratify: boolean, seed: number): Int32Array {
  const n = y.length;
  const rng = createRng(seed);
  const shuffled = rng.shuffle(identityRows(n));
  let nClasses = 0;
  if (stratify) for (let i = 0; i < n; i++) nClasses = Math.max(nClasses, (y[i] as number) + 1);
  const order = stratify ? rowsByClass(y, nClasses, shuffled).order : shuffled;
  const folds = new Int32Array(n);
  for (let p = 0; p < n; p++) folds[order[p] as number] = p % k;
  return folds;
}

export function fitTarget(
  step: EncodeStep,
  columns: readonly CodedWork[],
  table: WorkTable,
  taken: Set<string>,
  ctx: FitContext,
): { state: TargetState; train: WorkTable } {
  const y = ctx.y;
  if (y === null || ctx.task === null) {
    throw new AlchemistError("INVALID_SPEC", `${ctx.step}: target encoding needs a target column.`, {
      parameter: "method",
    });
  }
  const n = table.nRows;
  const K = step.folds;
  if (n < K) {
    throw new AlchemistError("NOT_ENOUGH_ROWS", `${ctx.step}: ${n} rows cannot make ${K} folds.`, {
      parameter: "folds",
    });
  }
  const { T, F } = targetComponents(y, ctx);
  const m = step.smoothing;
  const folds = assignFolds(y, K, isClassification(ctx.task), ctx.seed + step.seed);
  // Per fold and overall: target sums per component and row counts (for the priors).
  const foldSum = new Float64Array(K * F);
  const foldCount = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const g = folds[i] as number;
    foldCount[g] = (foldCount[g] as number) + 1;
    for (let f = 0; f < F; f++)
      foldSum[g * F + f] = (foldSum[g * F + f] as number) + (T[i * F + f] as number);
  }
  const totalSum = new Float64Array(F);
  for (let g = 0; g < K; g++)
    for (let f = 0; f < F; f++) totalSum[f] = (totalSum[f] as number) + (foldSum[g * F + f] as number);
  const prior = Array.from(totalSum, (s) => s / n);
  const restPrior = new Float64Array(K * F);
  for (let g = 0; g < K; g++) {
    let rest = 0;
    for (let h = 0; h < K; h++) if (h !== g) rest += foldCount[h] as number;
    for (let f = 0; f < F; f++) {
      let s = 0;
      for (let h = 0; h < K; h++) if (h !== g) s += foldSum[h * F + f] as number;
      restPrior[g * F + f] = s / rest;
    }
  }

  for (const c of columns) taken.delete(c.name);
  const state: TargetState = { type: "target", columns: [] };
  const trainOut = new Map<string, NumericWork[]>();
  for (const c of columns) {
    const L = c.levels.length;
    const sum = new Float64Array(K * L * F); // [(g * L + l) * F + f]
    const count = new Float64Array(K * L); // [g * L + l]
    const codes = c.codes;
    for (let i = 0; i < n; i++) {
      const l = codes[i] as number;
      if (l < 0) continue;
      const g = folds[i] as number;
      count[g * L + l] = (count[g * L + l] as number) + 1;
      const base = (g * L + l) * F;
      for (let f = 0; f < F; f++) sum[base + f] = (sum[base + f] as number) + (T[i * F + f] as number);
    }
    const levelSum = new Float64Array(L * F);
    const levelCount = new Float64Array(L);
    for (let g = 0; g < K; g++) {
      for (let l = 0; l < L; l++) {
        levelCount[l] = (levelCount[l] as number) + (count[g * L + l] as number);
        for (let f = 0; f < F; f++) {
          levelSum[l * F + f] = (levelSum[l * F + f] as number) + (sum[(g * L + l) * F + f] as number);
        }
      }
    }
    const present: number[] = [];
    for (let l = 0; l < L; l++) if ((levelCount[l] as number) > 0) present.push(l);
    // Lexical order: the fitted state must not depend on how the frame happened to number levels.
    present.sort((a, b) => compareStrings(c.levels[a] as string, c.levels[b] as string));
    const base = F === 1 ? [`${c.name}__te`] : (ctx.classes ?? []).map((k) => `${c.name}__te_${k}`);
    const features = base.map((b) => uniqueName(b, taken));
    const values = features.map((_, f) =>
      present.map(
        (l) => ((levelSum[l * F + f] as number) + m * (prior[f] as number)) / ((levelCount[l] as number) + m),
      ),
    );
    state.columns.push({
      column: c.name,
      levels: present.map((l) => c.levels[l] as string),
      features,
      values,
      prior,
    });

    // Out-of-fold: statistics summed over the other folds only (never total minus own fold, whose
    // rounding would carry a trace of the row's own target), with the other folds' prior.
    const restSum = new Float64Array(K * L * F);
    const restCount = new Float64Array(K * L);
    for (let g = 0; g < K; g++) {
      for (let h = 0; h < K; h++) {
        if (h === g) continue;
        for (let l = 0; l < L; l++) {
          restCount[g * L + l] = (restCount[g * L + l] as number) + (count[h * L + l] as number);
          for (let f = 0; f < F; f++) {
            const at = (g * L + l) * F + f;
            restSum[at] = (restSum[at] as number) + (sum[(h * L + l) * F + f] as number);
          }
        }
      }
    }
    const oof = features.map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const g = folds[i] as number;
      const l = codes[i] as number;
      const rc = l < 0 ? 0 : (restCount[g * L + l] as number);
      for (let f = 0; f < F; f++) {
        const p = restPrior[g * F + f] as number;
        const s = l < 0 ? 0 : (restSum[(g * L + l) * F + f] as number);
        (oof[f] as Float64Array)[i] = rc + m > 0 ? (s + m * p) / (rc + m) : p;
      }
    }
    trainOut.set(
      c.name,
      features.map((name, f) => numericWork(name, c.source, oof[f] as Float64Array, "continuous")),
    );
  }
  return { state, train: replaceColumns(table, (c) => trainOut.get(c.name)) };
}

/** Full-data encodings; missing and unseen levels get the prior. */
export function applyTarget(state: TargetState, table: WorkTable): WorkTable {
  const outputs = new Map<string, NumericWork[]>();
  const n = table.nRows;
  for (const e of state.columns) {
    const c = workOfKind(table, e.column, ["categorical", "text"], "encode target");
    const map = levelLookup(c.levels, levelIndex(e.levels));
    const codes = c.codes;
    outputs.set(
      e.column,
      e.features.map((name, f) => {
        const enc = Float64Array.from(e.values[f] ?? []);
        const prior = e.prior[f] as number;
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const k = codes[i] as number;
          const l = k < 0 ? -1 : (map[k] as number);
          out[i] = l >= 0 ? (enc[l] as number) : prior;
        }
        return numericWork(name, c.source, out, "continuous");
      }),
    );
  }
  return replaceColumns(table, (c) => outputs.get(c.name));
}
