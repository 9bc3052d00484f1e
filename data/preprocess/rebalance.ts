/**
 * rebalance: evens out classes of the training rows only, by sample weights or random
 * oversampling. Transform never resamples, so its fitted state only records what was done.
 */
import { z } from "zod";
import { AlchemistError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { isClassification, type Task } from "../task.js";
import { identityRows, rowsByClass } from "./numeric-stats.js";
import type { RebalanceStep } from "./step-schema.js";

export const RebalanceStateSchema = z.object({
  type: z.literal("rebalance"),
  method: z.enum(["class_weight", "oversample"]),
  ratio: z.number(),
  seed: z.number().int(),
});
export type RebalanceState = z.infer<typeof RebalanceStateSchema>;

export interface Rebalanced {
  /** Source row of every training row: the original rows in order, then the drawn extra rows. */
  readonly rows: Int32Array;
  /** Per training row, when the method gives weights. */
  readonly weights: Float64Array | null;
}

/**
 * class_weight: weight of class c = n / (K × n_c) over the K classes present (scikit-learn's
 * "balanced"). oversample: every class smaller than ceil(ratio × largest count) gets rows drawn
 * uniformly with replacement from its own rows until it reaches that count, class by class.
 * `y` holds class indices.
 */
export function rebalanceRows(
  step: RebalanceStep,
  y: Float64Array | null,
  task: Task | null,
  nClasses: number,
  pipelineSeed: number,
  where: string,
): Rebalanced {
  if (y === null || task === null || !isClassification(task)) {
    throw new AlchemistError("INVALID_SPEC", `${where}: rebalance needs a classification target.`, {
      parameter: "type",
    });
  }
  const n = y.length;
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
  const identity = identityRows(n);
  if (step.method === "class_weight") {
    let present = 0;
    for (let k = 0; k < nClasses; k++) if ((counts[k] as number) > 0) present++;
    const perClass = Float64Array.from(counts, (c) => (c > 0 ? n / (present * c) : 0));
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = perClass[y[i] as number] as number;
    return { rows: identity, weights };
  }
  let largest = 0;
  for (let k = 0; k < nClasses; k++) largest = Math.max(largest, counts[k] as number);
  const goal = Math.ceil(step.ratio * largest - 1e-9);
  const { order, start } = rowsByClass(y, nClasses);
  let extra = 0;
  for (let k = 0; k < nClasses; k++) {
    const c = counts[k] as number;
    if (c > 0 && c < goal) extra += goal - c;
  }
  const rows = new Int32Array(n + extra);
  rows.set(identity);
  const rng = createRng(pipelineSeed + step.seed);
  let p = n;
  for (let k = 0; k < nClasses; k++) {
    const from = start[k] as number;
    const size = (start[k + 1] as number) - from;
    for (let d = size; size > 0 && d < goal; d++) rows[p++] = order[from + rng.int(size)] as number;
  }
  return { rows, weights: null };
}
