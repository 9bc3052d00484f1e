/** The shape of a fully connected network and where each layer's weights sit in one flat buffer. */
import type { Rng } from "../../core/rng.js";

export const ACTIVATIONS = ["relu", "tanh", "logistic"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Output units and loss: softmax + log-loss, logistic + binary log-loss, identity + squared loss. */
export type OutputKind = "softmax" | "logistic" | "identity";

/**
 * `sizes[0]` inputs, `sizes[1..L-1]` hidden widths, `sizes[L]` outputs. Layer `l` (0..L-1) maps
 * `sizes[l]` → `sizes[l+1]` units: its weights are `sizes[l] × sizes[l+1]` row-major at `wOff[l]`
 * (input unit major, as scikit-learn's `coefs_[l]`), its biases at `bOff[l]`.
 */
export interface MlpLayout {
  readonly sizes: readonly number[];
  readonly nLayers: number;
  readonly wOff: Int32Array;
  readonly bOff: Int32Array;
  readonly nParams: number;
}

export function createLayout(sizes: readonly number[]): MlpLayout {
  const nLayers = sizes.length - 1;
  const wOff = new Int32Array(nLayers);
  const bOff = new Int32Array(nLayers);
  let off = 0;
  for (let l = 0; l < nLayers; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    wOff[l] = off;
    off += fanIn * fanOut;
    bOff[l] = off;
    off += fanOut;
  }
  return { sizes: [...sizes], nLayers, wOff, bOff, nParams: off };
}

/**
 * Glorot-uniform initialisation as scikit-learn's MLP: weights and biases of each layer uniform in
 * ±sqrt(f / (fanIn + fanOut)), f = 2 for a logistic activation, else 6.
 */
export function glorotInit(layout: MlpLayout, activation: Activation, rng: Rng): Float64Array {
  const w = new Float64Array(layout.nParams);
  const factor = activation === "logistic" ? 2 : 6;
  for (let l = 0; l < layout.nLayers; l++) {
    const fanIn = layout.sizes[l] as number;
    const fanOut = layout.sizes[l + 1] as number;
    const bound = Math.sqrt(factor / (fanIn + fanOut));
    const start = layout.wOff[l] as number;
    const end = (layout.bOff[l] as number) + fanOut;
    for (let p = start; p < end; p++) w[p] = (2 * rng.next() - 1) * bound;
  }
  return w;
}
