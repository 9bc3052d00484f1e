/** Landmarkers: near-perfect on separable data, near chance on noise. */
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { landmarks } from "./landmarkers.js";

function blobs(n: number, width: number, separated: boolean, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n * width);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.int(2);
    for (let j = 0; j < width; j++) x[i * width + j] = rng.normal() + (separated ? 6 * (y[i] as number) : 0);
  }
  return { sample: { x, rows: n, width }, y };
}

describe("landmarkers", () => {
  it("score near 1 on separable classes and near chance on random labels", () => {
    const easy = blobs(200, 3, true, 1);
    const e = landmarks(easy.sample, easy.y, 2);
    for (const v of [e.nn1, e.stump, e.simple]) expect(v).toBeGreaterThan(0.95);
    const hard = blobs(200, 3, false, 2);
    const h = landmarks(hard.sample, hard.y, 2);
    for (const v of [h.nn1, h.stump, h.simple]) expect(v).toBeLessThan(0.7);
  });

  it("give a high R² on a linear target and a low one on noise (regression)", () => {
    const rng = createRng(3);
    const n = 200;
    const x = new Float64Array(n * 2);
    const line = new Float64Array(n);
    const noise = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 2] = rng.normal();
      x[i * 2 + 1] = rng.normal();
      line[i] = 3 * (x[i * 2] as number) + 0.1 * rng.normal();
      noise[i] = rng.normal();
    }
    const sample = { x, rows: n, width: 2 };
    const l = landmarks(sample, line, 0);
    expect(l.simple).toBeGreaterThan(0.95);
    expect(l.nn1).toBeGreaterThan(0.8);
    expect(landmarks(sample, noise, 0).simple).toBeLessThan(0.2);
  });
});
