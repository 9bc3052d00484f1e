/**
 * Where actions put the steps they own, so a spec stays in a sensible order whatever the sequence
 * of moves. The rules:
 *
 * 1. An action owns some steps (e.g. `scaling` owns every scale step; `encoding` owns the encode
 *    steps over the `categorical` group; `imputation` the impute steps over the `numeric` group).
 *    It removes them all, then inserts its one new step (or none: `scaling none`, `clip_outliers off`).
 * 2. Kinds rank in this order: drop_columns, datetime_features, impute, clip_outliers,
 *    text_features, encode, scale, select_features, rebalance. So dates become numbers before
 *    imputation, missing values are filled before clipping and encoding, scaling sees the encoded
 *    numbers, and feature selection scores the final features. A replacement takes the place of
 *    the first step it replaces when that place respects the ranks; otherwise (and for a new kind)
 *    it goes right after the last remaining step of equal or lower rank. Steps the actions do not
 *    own keep their place.
 * 3. Raw columns are dropped by one drop_columns step at the front (before any step reads them, so
 *    a fitted model does not require them): `drop_column`, `datetime_features off` and
 *    `text_features off` add names to it; `datetime_features`/`text_features` on take their
 *    columns out of every drop step again. An emptied drop step is removed.
 */
import type { PipelineSpec, Step, StepInput, StepType } from "../data/preprocess/index.js";

/** Rank of each step kind for insertion (rule 2). */
export const STEP_RANK: Readonly<Record<StepType, number>> = {
  drop_columns: 0,
  datetime_features: 1,
  impute: 2,
  clip_outliers: 3,
  text_features: 4,
  encode: 5,
  scale: 6,
  select_features: 7,
  rebalance: 8,
};

export type AnyStep = Step | StepInput;

/** `steps` with `step` inserted after the last step of equal or lower rank (a new array). */
export function placeStep(steps: readonly AnyStep[], step: AnyStep): AnyStep[] {
  const rank = STEP_RANK[step.type];
  let at = 0;
  steps.forEach((s, i) => {
    if (STEP_RANK[s.type] <= rank) at = i + 1;
  });
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

/** Removes the steps `owned` picks, then places `next` (when not null): rules 1 and 2. */
export function replaceSteps(
  steps: readonly AnyStep[],
  owned: (s: AnyStep) => boolean,
  next: AnyStep | null,
): AnyStep[] {
  const kept = steps.filter((s) => !owned(s));
  if (next === null) return kept;
  const first = steps.findIndex(owned);
  if (first >= 0) {
    const at = steps.slice(0, first).filter((s) => !owned(s)).length;
    const rank = STEP_RANK[next.type];
    const inOrder =
      kept.slice(0, at).every((s) => STEP_RANK[s.type] <= rank) &&
      kept.slice(at).every((s) => STEP_RANK[s.type] >= rank);
    if (inOrder) return [...kept.slice(0, at), next, ...kept.slice(at)];
  }
  return placeStep(kept, next);
}

/** Raw column names dropped by any drop_columns step of the spec. */
export function droppedColumns(spec: PipelineSpec): Set<string> {
  const out = new Set<string>();
  for (const s of spec.steps) if (s.type === "drop_columns") for (const c of s.columns) out.add(c);
  return out;
}

/**
 * Rule 3: `add` joins the drop step at the front (created when absent); `remove` leaves every
 * drop step; drop steps left empty disappear.
 */
export function updateDrops(
  steps: readonly AnyStep[],
  add: readonly string[],
  remove: readonly string[] = [],
): AnyStep[] {
  const gone = new Set(remove);
  let out: AnyStep[] = steps.map((s) =>
    s.type === "drop_columns" && gone.size > 0
      ? { ...s, columns: (s.columns ?? []).filter((c) => !gone.has(c)) }
      : s,
  );
  if (add.length > 0) {
    const first = out[0];
    if (first?.type === "drop_columns") {
      const have = first.columns ?? [];
      out[0] = { ...first, columns: [...have, ...add.filter((c) => !have.includes(c))] };
    } else {
      out = [{ type: "drop_columns", columns: [...new Set(add)] }, ...out];
    }
  }
  return out.filter((s) => s.type !== "drop_columns" || (s.columns ?? []).length > 0);
}
