/** The forward pass of a batch through a fully connected network, over preallocated row-major buffers. */
import type { Activation, MlpLayout, OutputKind } from "./mlp-layout.js";

/**
 * Buffers for batches of up to `maxBatch` rows, allocated once per fit or predict call:
 * `acts[l]` is `maxBatch × sizes[l]` row-major (`acts[0]` the input rows, `acts[L]` the outputs),
 * `deltas[l]` the same shapes for backpropagation, and `idx`/`val` scratch for the nonzero entries
 * of one row or column.
 */
export interface MlpWorkspace {
  readonly acts: Float64Array[];
  readonly deltas: Float64Array[];
  readonly idx: Int32Array;
  readonly val: Float64Array;
}

export function createWorkspace(layout: MlpLayout, maxBatch: number, withDeltas: boolean): MlpWorkspace {
  const widest = Math.max(maxBatch, ...layout.sizes);
  return {
    acts: layout.sizes.map((s) => new Float64Array(maxBatch * s)),
    deltas: withDeltas ? layout.sizes.map((s) => new Float64Array(maxBatch * s)) : [],
    idx: new Int32Array(widest),
    val: new Float64Array(widest),
  };
}

/** Applies a hidden activation in place to the first `len` values of `z`. */
export function activate(z: Float64Array, len: number, activation: Activation): void {
  if (activation === "relu") {
    for (let t = 0; t < len; t++) if ((z[t] as number) < 0) z[t] = 0;
  } else if (activation === "tanh") {
    for (let t = 0; t < len; t++) z[t] = Math.tanh(z[t] as number);
  } else {
    for (let t = 0; t < len; t++) z[t] = 1 / (1 + Math.exp(-(z[t] as number)));
  }
}

/** Applies the output function in place to `bn` rows of `k` outputs. */
export function activateOutput(z: Float64Array, bn: number, k: number, output: OutputKind): void {
  if (output === "identity") return;
  if (output === "logistic") {
    for (let t = 0; t < bn * k; t++) z[t] = 1 / (1 + Math.exp(-(z[t] as number)));
    return;
  }
  for (let b = 0; b < bn; b++) {
    const row = b * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let o = 0; o < k; o++) if ((z[row + o] as number) > max) max = z[row + o] as number;
    let sum = 0;
    for (let o = 0; o < k; o++) {
      const e = Math.exp((z[row + o] as number) - max);
      z[row + o] = e;
      sum += e;
    }
    for (let o = 0; o < k; o++) z[row + o] = (z[row + o] as number) / sum;
  }
}

/**
 * `out[b, o] = bias[o] + Σ_i inp[b, i] · W[i, o]` for `bn` rows. Each row's nonzero inputs (ReLU
 * outputs and one-hot columns are mostly zeros) are gathered into `idx`/`val` first, then four
 * weight rows are combined per pass, so every output is loaded and stored once per four products.
 */
export function affine(
  inp: Float64Array,
  out: Float64Array,
  bn: number,
  nIn: number,
  nOut: number,
  w: Float64Array,
  wOff: number,
  bOff: number,
  idx: Int32Array,
  val: Float64Array,
): void {
  for (let b = 0; b < bn; b++) {
    const oRow = b * nOut;
    for (let o = 0; o < nOut; o++) out[oRow + o] = w[bOff + o] as number;
    const iRow = b * nIn;
    let m = 0;
    for (let i = 0; i < nIn; i++) {
      const a = inp[iRow + i] as number;
      if (a === 0) continue;
      idx[m] = wOff + i * nOut;
      val[m++] = a;
    }
    let t = 0;
    for (; t + 3 < m; t += 4) {
      const a0 = val[t] as number;
      const a1 = val[t + 1] as number;
      const a2 = val[t + 2] as number;
      const a3 = val[t + 3] as number;
      const w0 = idx[t] as number;
      const w1 = idx[t + 1] as number;
      const w2 = idx[t + 2] as number;
      const w3 = idx[t + 3] as number;
      for (let o = 0; o < nOut; o++) {
        out[oRow + o] =
          (out[oRow + o] as number) +
          a0 * (w[w0 + o] as number) +
          a1 * (w[w1 + o] as number) +
          a2 * (w[w2 + o] as number) +
          a3 * (w[w3 + o] as number);
      }
    }
    for (; t < m; t++) {
      const a = val[t] as number;
      const w0 = idx[t] as number;
      for (let o = 0; o < nOut; o++) out[oRow + o] = (out[oRow + o] as number) + a * (w[w0 + o] as number);
    }
  }
}

/** Runs `bn` input rows (already in `ws.acts[0]`) through the network; outputs land in `ws.acts[L]`. */
export function forwardBatch(
  layout: MlpLayout,
  w: Float64Array,
  activation: Activation,
  output: OutputKind,
  ws: MlpWorkspace,
  bn: number,
): void {
  const { sizes, nLayers, wOff, bOff } = layout;
  const { acts, idx, val } = ws;
  for (let l = 0; l < nLayers; l++) {
    const nIn = sizes[l] as number;
    const nOut = sizes[l + 1] as number;
    const out = acts[l + 1] as Float64Array;
    affine(acts[l] as Float64Array, out, bn, nIn, nOut, w, wOff[l] as number, bOff[l] as number, idx, val);
    if (l < nLayers - 1) activate(out, bn * nOut, activation);
    else activateOutput(out, bn, nOut, output);
  }
}
