/** Backpropagation of a batch: gradients of the mean loss + L2 penalty, into one flat buffer. */
import type { MlpWorkspace } from "./mlp-forward.js";
import type { Activation, MlpLayout } from "./mlp-layout.js";

/**
 * Given the output deltas (`ws.deltas[L]` = prediction − target, `bn × sizes[L]`) and the forward
 * activations `ws.acts`, fills `grad` (same layout as `w`) with ∂/∂w of
 * `mean loss + alpha/(2·bn) · Σ weights²` (biases unpenalised), as scikit-learn's MLP does.
 */
export function backwardBatch(
  layout: MlpLayout,
  w: Float64Array,
  activation: Activation,
  ws: MlpWorkspace,
  bn: number,
  alpha: number,
  grad: Float64Array,
): void {
  const { sizes, nLayers, wOff, bOff } = layout;
  const { acts, deltas, idx, val } = ws;
  const inv = 1 / bn;
  for (let l = nLayers - 1; l >= 0; l--) {
    const nIn = sizes[l] as number;
    const nOut = sizes[l + 1] as number;
    const A = acts[l] as Float64Array;
    const D = deltas[l + 1] as Float64Array;
    const wo = wOff[l] as number;
    const bo = bOff[l] as number;
    grad.fill(0, wo, bo + nOut);
    for (let b = 0; b < bn; b++) {
      const dRow = b * nOut;
      for (let o = 0; o < nOut; o++) grad[bo + o] = (grad[bo + o] as number) + (D[dRow + o] as number);
    }
    accumulateWeightGrad(A, D, bn, nIn, nOut, grad, wo, idx, val);
    for (let p = wo; p < bo; p++) grad[p] = ((grad[p] as number) + alpha * (w[p] as number)) * inv;
    for (let o = 0; o < nOut; o++) grad[bo + o] = (grad[bo + o] as number) * inv;
    if (l === 0) break;
    // Delta of the layer below: D · Wᵀ times the activation's derivative (from its output).
    const Dprev = deltas[l] as Float64Array;
    for (let b = 0; b < bn; b++) {
      const dRow = b * nOut;
      const pRow = b * nIn;
      for (let i = 0; i < nIn; i++) {
        const a = A[pRow + i] as number;
        let deriv: number;
        if (activation === "relu") {
          if (a === 0) {
            Dprev[pRow + i] = 0;
            continue;
          }
          deriv = 1;
        } else deriv = activation === "tanh" ? 1 - a * a : a * (1 - a);
        const wRow = wo + i * nOut;
        let s = 0;
        for (let o = 0; o < nOut; o++) s += (D[dRow + o] as number) * (w[wRow + o] as number);
        Dprev[pRow + i] = s * deriv;
      }
    }
  }
}

/** Sum of squared weights (biases excluded): the L2 penalty's base. */
export function sumSquaredWeights(layout: MlpLayout, w: Float64Array): number {
  let s = 0;
  for (let l = 0; l < layout.nLayers; l++) {
    const end = layout.bOff[l] as number;
    for (let p = layout.wOff[l] as number; p < end; p++) s += (w[p] as number) * (w[p] as number);
  }
  return s;
}

/**
 * `G[i, o] += Σ_b A[b, i] · D[b, o]`: for each input unit, the batch rows where it is nonzero are
 * gathered into `idx`/`val`, then four delta rows are combined per pass over the gradient row.
 */
function accumulateWeightGrad(
  A: Float64Array,
  D: Float64Array,
  bn: number,
  nIn: number,
  nOut: number,
  grad: Float64Array,
  wo: number,
  idx: Int32Array,
  val: Float64Array,
): void {
  for (let i = 0; i < nIn; i++) {
    let m = 0;
    for (let b = 0; b < bn; b++) {
      const a = A[b * nIn + i] as number;
      if (a === 0) continue;
      idx[m] = b * nOut;
      val[m++] = a;
    }
    const g = wo + i * nOut;
    let t = 0;
    for (; t + 3 < m; t += 4) {
      const a0 = val[t] as number;
      const a1 = val[t + 1] as number;
      const a2 = val[t + 2] as number;
      const a3 = val[t + 3] as number;
      const d0 = idx[t] as number;
      const d1 = idx[t + 1] as number;
      const d2 = idx[t + 2] as number;
      const d3 = idx[t + 3] as number;
      for (let o = 0; o < nOut; o++) {
        grad[g + o] =
          (grad[g + o] as number) +
          a0 * (D[d0 + o] as number) +
          a1 * (D[d1 + o] as number) +
          a2 * (D[d2 + o] as number) +
          a3 * (D[d3 + o] as number);
      }
    }
    for (; t < m; t++) {
      const a = val[t] as number;
      const d0 = idx[t] as number;
      for (let o = 0; o < nOut; o++) grad[g + o] = (grad[g + o] as number) + a * (D[d0 + o] as number);
    }
  }
}
