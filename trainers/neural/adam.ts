/** The Adam optimiser over one flat parameter buffer, as scikit-learn's AdamOptimizer. */

export interface AdamConfig {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** First and second moment estimates and the step count; allocated once per fit. */
export interface AdamState {
  readonly m: Float64Array;
  readonly v: Float64Array;
  t: number;
}

export function createAdam(nParams: number): AdamState {
  return { m: new Float64Array(nParams), v: new Float64Array(nParams), t: 0 };
}

/** One step: `w -= lr_t · m / (sqrt(v) + ε)` with `lr_t = lr · sqrt(1 − β2ᵗ) / (1 − β1ᵗ)`. */
export function adamStep(state: AdamState, cfg: AdamConfig, w: Float64Array, grad: Float64Array): void {
  const { m, v } = state;
  const { beta1, beta2, epsilon } = cfg;
  state.t += 1;
  const lr = (cfg.learningRate * Math.sqrt(1 - beta2 ** state.t)) / (1 - beta1 ** state.t);
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let p = 0; p < w.length; p++) {
    const g = grad[p] as number;
    const mp = beta1 * (m[p] as number) + c1 * g;
    const vp = beta2 * (v[p] as number) + c2 * g * g;
    m[p] = mp;
    v[p] = vp;
    w[p] = (w[p] as number) - (lr * mp) / (Math.sqrt(vp) + epsilon);
  }
}
