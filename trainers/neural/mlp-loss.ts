/** Output-layer deltas and data loss for the three heads (softmax, logistic, identity). */
import type { OutputKind } from "./mlp-layout.js";

/** Probabilities are clipped to [ε, 1 − ε] in the log-loss, as scikit-learn does. */
const EPS = 2.220446049250313e-16;

/**
 * Writes `D = outputs − targets` (`bn × k`) and returns the summed data loss of the batch: softmax
 * log-loss (target = class index), binary log-loss (`k = 1`, target 0/1) or half squared error.
 * `rows[b]` is the training row of batch row `b`, whose target is `y[rows[b]]`.
 */
export function outputDeltas(
  out: Float64Array,
  D: Float64Array,
  bn: number,
  k: number,
  output: OutputKind,
  y: Float64Array,
  rows: Int32Array,
): number {
  let loss = 0;
  if (output === "softmax") {
    for (let b = 0; b < bn; b++) {
      const row = b * k;
      const c = y[rows[b] as number] as number;
      for (let o = 0; o < k; o++) D[row + o] = out[row + o] as number;
      D[row + c] = (D[row + c] as number) - 1;
      const p = out[row + c] as number;
      loss -= Math.log(Math.min(1 - EPS, Math.max(EPS, p)));
    }
  } else if (output === "logistic") {
    for (let b = 0; b < bn; b++) {
      const t = y[rows[b] as number] as number;
      const p = out[b] as number;
      D[b] = p - t;
      const pc = Math.min(1 - EPS, Math.max(EPS, p));
      loss -= t === 1 ? Math.log(pc) : Math.log(1 - pc);
    }
  } else {
    for (let b = 0; b < bn; b++) {
      const r = (out[b] as number) - (y[rows[b] as number] as number);
      D[b] = r;
      loss += 0.5 * r * r;
    }
  }
  return loss;
}
