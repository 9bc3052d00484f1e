import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { adamStep, createAdam } from "./adam.js";
import { backwardBatch, sumSquaredWeights } from "./mlp-backward.js";
import { createWorkspace, forwardBatch } from "./mlp-forward.js";
import { ACTIVATIONS, createLayout, glorotInit, type OutputKind } from "./mlp-layout.js";
import { outputDeltas } from "./mlp-loss.js";

/** Mean loss + L2 term of one batch, and its gradient from backprop. */
function lossAndGrad(
  sizes: number[],
  activation: (typeof ACTIVATIONS)[number],
  output: OutputKind,
  w: Float64Array,
  X: Float64Array,
  y: Float64Array,
  bn: number,
  alpha: number,
) {
  const layout = createLayout(sizes);
  const ws = createWorkspace(layout, bn, true);
  const { acts, deltas } = ws;
  (acts[0] as Float64Array).set(X);
  forwardBatch(layout, w, activation, output, ws, bn);
  const rows = Int32Array.from({ length: bn }, (_, i) => i);
  const k = sizes[sizes.length - 1] as number;
  const data = outputDeltas(
    acts[layout.nLayers] as Float64Array,
    deltas[layout.nLayers] as Float64Array,
    bn,
    k,
    output,
    y,
    rows,
  );
  const loss = (data + 0.5 * alpha * sumSquaredWeights(layout, w)) / bn;
  const grad = new Float64Array(layout.nParams);
  backwardBatch(layout, w, activation, ws, bn, alpha, grad);
  return { loss, grad };
}

describe("MLP backpropagation", () => {
  const rng = createRng(11);
  const heads: [OutputKind, number][] = [
    ["softmax", 3],
    ["logistic", 1],
    ["identity", 1],
  ];
  for (const activation of ACTIVATIONS) {
    for (const [output, k] of heads) {
      it(`matches finite differences (${activation}, ${output})`, () => {
        const sizes = [4, 5, 3, k];
        const bn = 6;
        const layout = createLayout(sizes);
        const w = glorotInit(layout, activation, rng);
        const X = new Float64Array(bn * 4).map(() => rng.normal());
        const y = Float64Array.from({ length: bn }, (_, i) =>
          output === "identity" ? rng.normal() : i % (output === "softmax" ? 3 : 2),
        );
        const { grad } = lossAndGrad(sizes, activation, output, w, X, y, bn, 0.3);
        const h = 1e-6;
        for (let p = 0; p < layout.nParams; p++) {
          const save = w[p] as number;
          w[p] = save + h;
          const up = lossAndGrad(sizes, activation, output, w, X, y, bn, 0.3).loss;
          w[p] = save - h;
          const down = lossAndGrad(sizes, activation, output, w, X, y, bn, 0.3).loss;
          w[p] = save;
          expect(grad[p]).toBeCloseTo((up - down) / (2 * h), 6);
        }
      });
    }
  }

  it("initialises within scikit-learn's Glorot bounds", () => {
    const layout = createLayout([10, 20, 1]);
    const w = glorotInit(layout, "relu", rng);
    const b0 = Math.sqrt(6 / 30);
    for (let p = 0; p < 220; p++) expect(Math.abs(w[p] as number)).toBeLessThanOrEqual(b0);
    const logistic = glorotInit(layout, "logistic", rng);
    for (let p = 0; p < 220; p++)
      expect(Math.abs(logistic[p] as number)).toBeLessThanOrEqual(Math.sqrt(2 / 30));
  });
});

describe("adamStep", () => {
  it("takes scikit-learn's bias-corrected step", () => {
    const w = Float64Array.from([1, -2]);
    const g = Float64Array.from([0.5, -4]);
    const state = createAdam(2);
    const cfg = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    adamStep(state, cfg, w, g);
    // First step: m̂ = g, v̂ = g², so the update is lr · g / (|g| + ε·(1−β1)/sqrt(1−β2)) ≈ lr · sign(g).
    expect(w[0]).toBeCloseTo(0.9, 6);
    expect(w[1]).toBeCloseTo(-1.9, 6);
    adamStep(state, cfg, w, g);
    expect(state.t).toBe(2);
    expect(w[0]).toBeCloseTo(0.8, 6);
  });
});
