import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { METRICS } from "../../evaluate/metrics/index.js";
import { caruanaSelect } from "./caruana.js";
import { scoreBlend } from "./score-blend.js";

/** n binary rows and m models of varying skill: row-major n × 2 probabilities. */
function problem(n: number, skills: readonly number[], seed: number) {
  const rng = createRng(seed);
  const y = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
  const candidates = skills.map((skill, c) => {
    const oof = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = Math.min(
        0.99,
        Math.max(0.01, 0.5 + skill * (y[i] === 1 ? 0.4 : -0.4) + (rng.next() - 0.5) * 0.8),
      );
      oof[i * 2] = 1 - p;
      oof[i * 2 + 1] = p;
    }
    return { id: `m${c}`, oof };
  });
  return { y, candidates };
}

describe("scoreBlend", () => {
  const { y, candidates } = problem(300, [0.9, 0.6, 0.5, 0.3], 7);
  const base = { candidates, yTrue: y, task: "binary" as const, metric: "roc_auc" as const, nClasses: 2 };

  it("gives Caruana's own score for its weights", () => {
    const chosen = caruanaSelect(base);
    expect(chosen.weights.length).toBeGreaterThan(1);
    expect(scoreBlend({ ...base, weights: chosen.weights })).toBeCloseTo(chosen.score, 12);
  });

  it("scores a single member as the metric of its own predictions", () => {
    const own = METRICS.roc_auc.compute({ labels: Int32Array.from(y), proba: candidates[1]!.oof });
    expect(scoreBlend({ ...base, weights: [{ id: "m1", weight: 0.3 }] })).toBeCloseTo(own, 12);
  });

  it("renormalises the kept weights: scaling them changes nothing, a member left out changes the score", () => {
    const two = scoreBlend({
      ...base,
      weights: [
        { id: "m0", weight: 0.6 },
        { id: "m2", weight: 0.2 },
      ],
    });
    const scaled = scoreBlend({
      ...base,
      weights: [
        { id: "m0", weight: 3 },
        { id: "m2", weight: 1 },
      ],
    });
    expect(scaled).toBeCloseTo(two, 12);
    const three = scoreBlend({
      ...base,
      weights: [
        { id: "m0", weight: 0.6 },
        { id: "m2", weight: 0.2 },
        { id: "m3", weight: 0.2 },
      ],
    });
    expect(three).not.toBeCloseTo(two, 6);
  });

  it("scores on the rows the weighted members predicted, ignoring the others' gaps", () => {
    const gappy = { id: "gap", oof: Float64Array.from(candidates[3]!.oof) };
    gappy.oof[0] = Number.NaN;
    const all = [...candidates, gappy];
    const w = [{ id: "m0", weight: 1 }];
    expect(scoreBlend({ ...base, candidates: all, weights: w })).toBe(scoreBlend({ ...base, weights: w }));
  });

  it("refuses unknown members and weights that sum to 0", () => {
    expect(() => scoreBlend({ ...base, weights: [{ id: "nope", weight: 1 }] })).toThrow(/no out-of-fold/);
    expect(() => scoreBlend({ ...base, weights: [{ id: "m0", weight: 0 }] })).toThrow(/sum to 0/);
  });
});
